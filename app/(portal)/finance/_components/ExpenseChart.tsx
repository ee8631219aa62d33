import type { ExpensePeriodRow } from "@/lib/features/expense/expenseTable";

const HEIGHT = 160;
const BAR_GAP = 4;

/**
 * Expense per period as bars (server-rendered SVG, no script): amounts above the axis, catch-up
 * reversals below it. The table beside it carries the exact figures; the chart is for the shape.
 */
export function ExpenseChart({ periods, label }: { periods: ExpensePeriodRow[]; label: string }) {
  if (periods.length === 0) return null;
  const values = periods.map((p) => Number(p.amount));
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const zeroY = (max / span) * HEIGHT;
  // Bars fill about 1,000 px on a desktop; a long monthly table scrolls sideways instead of squeezing.
  const barWidth = Math.max(10, Math.min(96, Math.floor(1000 / periods.length) - BAR_GAP));
  const width = periods.length * (barWidth + BAR_GAP);
  // At most about twelve labels fit under the bars on a phone.
  const every = Math.ceil(periods.length / 12);
  return (
    <figure className="overflow-x-auto rounded-md border border-slate-200 bg-white p-3" data-testid="expense-chart">
      <svg
        role="img"
        aria-label={label}
        width={width}
        height={HEIGHT + 28}
        viewBox={`0 0 ${width} ${HEIGHT + 28}`}
        className="max-w-none"
      >
        <line x1={0} x2={width} y1={zeroY} y2={zeroY} className="stroke-slate-300" strokeWidth={1} />
        {periods.map((p, i) => {
          const v = values[i]!;
          const h = (Math.abs(v) / span) * HEIGHT;
          const x = i * (barWidth + BAR_GAP);
          return (
            <g key={p.period}>
              <rect
                x={x}
                y={v >= 0 ? zeroY - h : zeroY}
                width={barWidth}
                height={Math.max(h, v === 0 ? 0 : 1)}
                className={v >= 0 ? "fill-brand-600" : "fill-rose-500"}
              >
                <title>{`${p.period}: ${p.amount}`}</title>
              </rect>
              {i % every === 0 && (
                <text x={x + barWidth / 2} y={HEIGHT + 18} textAnchor="middle" className="fill-slate-500 text-[11px]">
                  {p.period}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="sr-only">{label}</figcaption>
    </figure>
  );
}
