import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { leaverLookup } from "@/lib/features/persons/queries";
import { formatShares } from "../../_components/format";
import { StatusBadge } from "../../_components/StatusBadge";
import { LeaveForm } from "./LeaveForm";

export const dynamic = "force-dynamic";

/** Leavers: find a person, see what is still unvested, and record the leave date. */
export default page({ access: "staffRead" }, async ({ searchParams }) => {
  const { q = "", person: personId } = searchParams as { q?: string; person?: string };
  const { hits, person, holdings } = await leaverLookup(q, personId);
  const t = await getTranslations("hrGrants.leavers");
  const tg = await getTranslations();
  const locale = toLocale(await getLocale());
  const unvested = holdings.reduce((s, g) => s + g.unvested, 0);
  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <form method="get" className="flex flex-wrap gap-2" role="search">
        <input
          name="q"
          defaultValue={q}
          placeholder={t("searchPlaceholder")}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-base"
          data-testid="leaver-search"
        />
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("search")}
        </button>
      </form>
      {q.trim() !== "" &&
        (hits.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noHits")}</p>
        ) : (
          <ul
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
            data-testid="leaver-hits"
          >
            {hits.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <Link
                  href={`/hr/leavers?q=${encodeURIComponent(q)}&person=${p.id}`}
                  className="text-brand-700 hover:underline"
                >
                  {p.employeeNo} {p.name}
                </Link>
                <span className="text-slate-600">
                  {p.position}
                  {p.employmentStatus === "left" ? ` · ${t("leftOn", { date: p.leaveDate ?? "" })}` : ""}
                </span>
              </li>
            ))}
          </ul>
        ))}
      {person && (
        <section className="space-y-3" data-testid="leaver-person">
          <h2 className="text-lg font-semibold">
            {person.employeeNo} {person.name}
          </h2>
          <p className="text-sm text-slate-600">
            {person.position}
            {person.department ? ` · ${person.department}` : ""}
          </p>
          {holdings.length === 0 ? (
            <p className="text-sm text-slate-600">{t("noGrants")}</p>
          ) : (
            <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
              <table className="min-w-full text-sm" data-testid="leaver-holdings">
                <thead className="bg-slate-50 text-left text-slate-600">
                  <tr>
                    <th className="px-3 py-2">{t("plan")}</th>
                    <th className="px-3 py-2">{t("tranches")}</th>
                    <th className="px-3 py-2 text-right">{t("vested")}</th>
                    <th className="px-3 py-2 text-right">{t("unvested")}</th>
                  </tr>
                </thead>
                <tbody>
                  {holdings.map((g) => (
                    <tr key={g.grantId} className="border-t border-slate-100 align-top">
                      <td className="px-3 py-2">
                        {locale === "en" ? g.planNameEn : g.planName}
                        <span className="block text-xs text-slate-500">
                          {tg(`batch.${g.batch}`)} · {g.grantDate}
                        </span>
                      </td>
                      <td className="px-3 py-2">
                        <div className="flex flex-wrap gap-1">
                          {g.tranches.map((x) => (
                            <StatusBadge
                              key={x.index}
                              status={x.status}
                              label={`${x.index}: ${tg(`status.${x.status as "pending"}`)}`}
                            />
                          ))}
                        </div>
                      </td>
                      <td className="px-3 py-2 text-right tabular">{formatShares(g.vested, locale)}</td>
                      <td className="px-3 py-2 text-right tabular" data-testid="leaver-unvested">
                        {formatShares(g.unvested, locale)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {person.employmentStatus === "left" ? (
            <p className="text-sm text-slate-700" data-testid="already-left">
              {t("leftOn", { date: person.leaveDate ?? "" })}
            </p>
          ) : (
            <LeaveForm personId={person.id} name={person.name} unvested={unvested} today={today()} />
          )}
        </section>
      )}
    </div>
  );
});
