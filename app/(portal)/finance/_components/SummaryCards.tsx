/** Three figures at the top of an expense page: the total, what is booked to date, what remains. */
export function SummaryCards({ items }: { items: { label: string; value: string; testId: string }[] }) {
  return (
    <dl className="grid gap-3 sm:grid-cols-3">
      {items.map((i) => (
        <div key={i.testId} className="rounded-md border border-slate-200 bg-white px-4 py-3">
          <dt className="text-xs text-slate-500">{i.label}</dt>
          <dd className="mt-1 text-lg font-semibold tabular-nums" data-testid={i.testId}>
            {i.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
