import Link from "next/link";

/** Links that switch the table's grain (and keep the other query parameters). */
export function GrainSwitch({
  basePath,
  current,
  labels,
  extra = {},
}: {
  basePath: string;
  current: string;
  labels: Record<"year" | "quarter" | "month", string>;
  extra?: Record<string, string>;
}) {
  return (
    <nav className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm" data-testid="grain-switch">
      {(["year", "quarter", "month"] as const).map((by) => (
        <Link
          key={by}
          href={`${basePath}?${new URLSearchParams({ ...extra, by }).toString()}`}
          aria-current={current === by ? "page" : undefined}
          className={`px-3 py-1.5 ${current === by ? "bg-brand-700 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
          data-testid={`grain-${by}`}
        >
          {labels[by]}
        </Link>
      ))}
    </nav>
  );
}
