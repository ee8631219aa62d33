/** A page's title and one-line introduction, the same on every portal page. */
export function PageHeader({
  title,
  intro,
  testId,
}: {
  title: React.ReactNode;
  intro?: React.ReactNode;
  testId?: string;
}) {
  return (
    <header className="space-y-1">
      <h1 className="text-xl font-semibold" data-testid={testId}>
        {title}
      </h1>
      {intro && <p className="text-sm text-slate-600">{intro}</p>}
    </header>
  );
}
