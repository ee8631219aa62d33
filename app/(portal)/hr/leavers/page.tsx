import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { ApiError } from "@/lib/platform/errors/apiError";
import { page } from "@/lib/auth/procedures/page";
import { DEPARTURE_REASONS, departureReasonText } from "@/lib/domain/persons/departureRules";
import { leaverList, leaverLookup } from "@/lib/features/persons/queries";
import { listLeaversQuery } from "@/lib/features/persons/schemas";
import { LeaveForm } from "./LeaveForm";
import { CorrectDepartureForm, WithdrawDepartureForm } from "./DepartureChangeForms";
import { DepartureHistory, DepartureInForce, textOf } from "./DepartureHistory";
import { LeaversList, type LeaverFilters } from "./LeaversList";
import { PersonHoldings } from "./PersonHoldings";

export const dynamic = "force-dynamic";

const given = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/**
 * Leavers: find a person, see what is still unvested, record the leave date and reason, or correct or
 * withdraw the departure in force; below, the past leavers (same reads as GET /api/v1/leavers).
 */
export default page({ access: "staffRead" }, async ({ searchParams }) => {
  const sp = searchParams as Record<string, string | string[] | undefined>;
  const q = given(sp.q) ?? "";
  const personId = given(sp.person);
  const filters: LeaverFilters = {
    find: given(sp.find),
    reason: given(sp.reason),
    from: given(sp.from),
    to: given(sp.to),
  };
  const cursor = given(sp.cursor);
  const { hits, person, holdings, history } = await leaverLookup(q, personId);
  const t = await getTranslations("hrGrants.leavers");
  const locale = toLocale(await getLocale());
  const reasons = DEPARTURE_REASONS.map((code) => ({ code, label: textOf(departureReasonText(code), locale) }));
  const unvested = holdings.reduce((s, g) => s + g.unvested, 0);

  const parsed = listLeaversQuery.safeParse({
    q: filters.find,
    reason: filters.reason,
    from: filters.from,
    to: filters.to,
    cursor,
  });
  let problem = parsed.success ? null : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  let leavers = null;
  if (parsed.success) {
    try {
      leavers = await leaverList(parsed.data);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 400) throw e;
      problem = e.message;
    }
  }

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
          <PersonHoldings holdings={holdings} locale={locale} />
          {person.employmentStatus === "left" ? (
            <div className="space-y-3" data-testid="already-left">
              {history && <DepartureInForce history={history} locale={locale} />}
              <div className="grid gap-3 lg:grid-cols-2">
                <CorrectDepartureForm personId={person.id} leaveDate={person.leaveDate ?? today()} reasons={reasons} />
                <WithdrawDepartureForm personId={person.id} name={person.name} />
              </div>
            </div>
          ) : (
            <LeaveForm personId={person.id} name={person.name} unvested={unvested} today={today()} reasons={reasons} />
          )}
          {history && <DepartureHistory history={history} locale={locale} />}
        </section>
      )}
      <LeaversList
        filters={filters}
        page={leavers}
        problem={problem}
        reasons={reasons}
        locale={locale}
        paged={Boolean(cursor)}
      />
    </div>
  );
});
