import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { publicityNoticeForPrint } from "@/lib/features/publicity/queries";
import { PrintButton } from "./PrintButton";

export const dynamic = "force-dynamic";

// On paper only the notice remains: the portal's header, navigation and demo banner are hidden.
const PRINT_CSS = `
@media print {
  header, nav, header ~ p, .no-print, main > :not(.print-sheet) { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  .print-sheet { border: none !important; box-shadow: none !important; padding: 0 !important; }
  .print-sheet tr { break-inside: avoid; }
  @page { size: A4; margin: 18mm 16mm; }
}`;

/** The printable publicity notice: heading, period, names and positions, and a signature line for the board office. */
export default page({ access: "staffRead" }, async ({ params }) => {
  const t = await getTranslations("hrPublicity");
  const locale = toLocale(await getLocale());
  const period = await publicityNoticeForPrint(params.periodId ?? "");
  if (!period) notFound();
  const planName = locale === "en" ? period.planNameEn : period.planName;

  return (
    <>
      <style>{PRINT_CSS}</style>
      <div className="no-print mb-4 flex flex-wrap items-center gap-3">
        <PrintButton label={t("print.button")} />
        <a href={`/hr/publicity/${period.id}`} className="text-sm text-brand-700 hover:underline">
          ← {t("back")}
        </a>
      </div>
      <article
        className="print-sheet mx-auto max-w-3xl space-y-4 rounded-lg border border-slate-200 bg-white p-6 text-slate-900"
        data-testid="publicity-print"
      >
        <h1 className="text-center text-xl font-semibold">{t("print.heading", { plan: planName })}</h1>
        <p className="text-sm leading-relaxed">
          {t("print.intro", { from: period.startDate, to: period.endDate, channel: period.channel })}
        </p>
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr>
              <th className="w-16 border border-slate-400 px-2 py-1">{t("no")}</th>
              <th className="border border-slate-400 px-2 py-1">{t("name")}</th>
              <th className="border border-slate-400 px-2 py-1">{t("position")}</th>
            </tr>
          </thead>
          <tbody>
            {period.entries.map((e, i) => (
              <tr key={i}>
                <td className="tabular border border-slate-400 px-2 py-1">{i + 1}</td>
                <td className="border border-slate-400 px-2 py-1">{e.name}</td>
                <td className="border border-slate-400 px-2 py-1">{e.position}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-sm">{t("print.total", { count: period.entries.length })}</p>
        <div className="space-y-6 pt-10 text-right text-sm" data-testid="publicity-signature">
          <p>{t("print.signature")} ________________________</p>
          <p>{t("print.date")} ________________________</p>
        </div>
      </article>
    </>
  );
});
