import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { exchangeClosures } from "@/lib/features/calendar/queries";
import { disclosuresOfYear } from "@/lib/features/disclosures/queries";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { AddEventForm, ClosuresForm, EventRowActions } from "./DisclosureForms";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";

const RANGE_KINDS = new Set<string>(["major_event", "exchange_window"]);

/** Disclosure calendar by year with the blackout window each event opens per plan, plus extra exchange closures. */
export default page({ access: "staffRead" }, async ({ user, searchParams }) => {
  const canWrite = hasRole(user, ...STAFF_WRITE_ROLES);
  const t = await getTranslations("hrDisclosures");
  const locale = toLocale(await getLocale());
  const thisYear = Number(today().slice(0, 4));
  const requested = Number(searchParams.year);
  const year = Number.isInteger(requested) && requested >= 2015 && requested <= 2100 ? requested : thisYear;
  const { plans, events } = await disclosuresOfYear(year);
  const closures = await exchangeClosures();
  const lastCovered = Math.max(closures.bundledLastYear, ...closures.publishedYears);
  const years = [year - 2, year - 1, year, year + 1];
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <nav className="flex flex-wrap gap-2 text-sm" aria-label={t("year")}>
        {years.map((y) => (
          <Link
            key={y}
            href={`/hr/disclosures?year=${y}`}
            className={`rounded-full px-3 py-1 ${y === year ? "bg-brand-600 text-white" : "bg-slate-100 text-slate-700 hover:bg-slate-200"}`}
            data-testid={`year-${y}`}
          >
            {y}
          </Link>
        ))}
      </nav>

      <section className="space-y-2">
        <h2 className="font-semibold">{t("eventsOf", { year })}</h2>
        {events.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[760px] text-left text-sm" data-testid="events-table">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("kind")}</th>
                  <th className="px-3 py-2">{t("eventTitle")}</th>
                  <th className="px-3 py-2">{t("dates")}</th>
                  <th className="px-3 py-2">{t("windows")}</th>
                  {canWrite && <th className="px-3 py-2">{t("actions")}</th>}
                </tr>
              </thead>
              <tbody>
                {events.map((e) => {
                  const ranged = RANGE_KINDS.has(e.kind);
                  const planName = e.planId ? plans.find((p) => p.id === e.planId) : null;
                  return (
                    <tr key={e.id} className="border-t border-slate-100 align-top" data-testid="event-row">
                      <td className="px-3 py-2">
                        {t(`kinds.${e.kind}`)}
                        {e.fiscalYear ? <span className="block text-xs text-slate-500">FY{e.fiscalYear}</span> : null}
                      </td>
                      <td className="px-3 py-2">
                        {locale === "en" && e.titleEn ? e.titleEn : e.title}
                        <span className="block text-xs text-slate-500">
                          {planName ? (locale === "en" ? planName.nameEn : planName.name) : t("companyWide")}
                        </span>
                      </td>
                      <td className="px-3 py-2 tabular">
                        {ranged ? (
                          `${e.startDate} – ${e.endDate}`
                        ) : (
                          <>
                            <span className="block">
                              {t("scheduledShort")} {e.scheduledDate ?? "—"}
                            </span>
                            <span className="block">
                              {t("actualShort")} {e.actualDate ?? "—"}
                            </span>
                            {e.postponed && (
                              <span
                                className="mt-1 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-800"
                                data-testid="postponed"
                              >
                                {t("postponed")}
                              </span>
                            )}
                          </>
                        )}
                      </td>
                      <td className="px-3 py-2">
                        <ul className="space-y-0.5">
                          {e.windows.map((w) => (
                            <li key={w.planId} className="tabular">
                              <span className="text-slate-500">{locale === "en" ? w.planNameEn : w.planName}:</span>{" "}
                              {w.from} – {w.to}
                            </li>
                          ))}
                        </ul>
                      </td>
                      {canWrite && (
                        <td className="px-3 py-2">
                          <EventRowActions eventId={e.id} periodic={!ranged} actualDate={e.actualDate} />
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {canWrite && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t("addEvent")}</h2>
          <AddEventForm plans={plans.map((p) => ({ id: p.id, name: locale === "en" ? p.nameEn : p.name }))} />
        </section>
      )}

      <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="closures-section">
        <h2 className="font-semibold">{t("closuresTitle")}</h2>
        <p className="text-sm text-slate-600">
          {t("closuresIntro", { bundled: closures.bundledLastYear, covered: lastCovered })}
        </p>
        {closures.closures.length > 0 && (
          <ul className="grid gap-1 text-sm sm:grid-cols-2" data-testid="closures-list">
            {closures.closures.map((c) => (
              <li key={c.date} className="tabular">
                {c.date} · {c.reason}
                {closures.publishedYears.includes(Number(c.date.slice(0, 4))) ? "" : ` (${t("notPublished")})`}
              </li>
            ))}
          </ul>
        )}
        {canWrite && <ClosuresForm nextYear={lastCovered + 1} />}
      </section>
    </div>
  );
});
