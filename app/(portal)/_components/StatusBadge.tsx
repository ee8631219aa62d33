const STYLES: Record<string, string> = {
  vested: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  vestable: "bg-brand-50 text-brand-700 ring-brand-600/20",
  pending: "bg-slate-100 text-slate-700 ring-slate-500/20",
  lapsed: "bg-rose-50 text-rose-700 ring-rose-600/20",
};

/** Coloured pill for a tranche status; the label is already translated. */
export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status] ?? STYLES.pending}`}
    >
      {label}
    </span>
  );
}
