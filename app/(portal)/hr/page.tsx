import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { hrAgendaPage, type AgendaItem } from "@/lib/features/agenda/queries";
import { PageHeader } from "../_components/PageHeader";

export const dynamic = "force-dynamic";

/** HR's home: what needs doing and by when, each line linking to the page where it is done. */
export default page({ access: "staffRead" }, async () => {
  const locale = toLocale(await getLocale());
  const t = await getTranslations("hrAgenda");
  const agenda = await hrAgendaPage(locale);
  const number = new Intl.NumberFormat(locale);
  const text = (item: AgendaItem) => {
    const d = item.details;
    const values: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(d))
      values[k] = typeof v === "number" && k !== "tranche" && k !== "category" ? number.format(v) : String(v ?? "");
    if (typeof d.count === "number") values.count = d.count;
    if (d.batch === "first" || d.batch === "reserved") values.batch = t(`batch.${d.batch}`);
    if (item.kind === "window_opens" && d.earliestVestingDate === null)
      values.earliestVestingDate = t("calendarPending");
    return t(`lines.${item.kind}`, values);
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t("title")} intro={t("intro", { days: agenda.horizonDays })} testId="agenda-heading" />
      {agenda.items.length === 0 && (
        <p className="text-sm text-slate-500" data-testid="agenda-empty">
          {t("empty", { days: agenda.horizonDays })}
        </p>
      )}
      <ol className="divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
        {agenda.items.map((item, i) => (
          <li
            key={`${item.kind}-${item.planId}-${item.date}-${i}`}
            className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-start sm:gap-4"
            data-testid="agenda-item"
            data-kind={item.kind}
          >
            <div className="w-28 shrink-0 text-sm">
              <span className={`tabular-nums ${item.overdue ? "font-semibold text-rose-700" : "text-slate-700"}`}>
                {item.date ?? t("noDate")}
              </span>
              {item.overdue && <span className="block text-xs text-rose-700">{t("overdue")}</span>}
            </div>
            <div className="min-w-0 flex-1 text-sm">
              <p className="text-xs text-slate-500">
                {item.planId ? (locale === "en" ? item.planNameEn : item.planName) : t("companyWide")}
              </p>
              <p className="text-slate-800" data-testid="agenda-text">
                {text(item)}
              </p>
              {item.kind === "window_opens" && item.details.deferred === true && (
                <p className="text-xs text-amber-700">{t("deferred")}</p>
              )}
            </div>
            <Link
              href={item.href}
              className="shrink-0 text-sm text-brand-700 hover:underline"
              data-testid="agenda-link"
            >
              {t("open")} →
            </Link>
          </li>
        ))}
      </ol>
    </div>
  );
});
