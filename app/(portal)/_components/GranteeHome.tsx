import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { granteeOverview } from "@/lib/server/dal/grantee";
import { toLocale } from "@/i18n/locales";
import { describeDeferral, formatRatio, formatShares, formatYuan } from "./format";
import { NoticeList } from "./NoticeList";
import { StatusBadge } from "./StatusBadge";

/** The grantee's overview: totals, then every grant with its tranche schedule. */
export async function GranteeHome({ overview, linked }: { overview: Awaited<ReturnType<typeof granteeOverview>>; linked: boolean }) {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  if (!linked) return <p className="rounded-lg bg-white p-4 text-slate-600 shadow-sm">{t("home.noPerson")}</p>;
  const { grants, totals, nextEvent, blackoutToday, notices } = overview;
  const cards = [
    { key: "granted", value: totals.granted },
    { key: "vested", value: totals.vested },
    { key: "unvested", value: totals.unvested },
    { key: "lapsed", value: totals.lapsed },
  ] as const;
  return (
    <div className="space-y-6">
      <p className="text-sm text-slate-600">{t("home.employeeIntro")}</p>
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="totals">
        {cards.map((c) => (
          <div key={c.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs text-slate-500">{t(`home.totals.${c.key}`)}</dt>
            <dd className="tabular mt-1 text-xl font-semibold" data-testid={`total-${c.key}`}>{formatShares(c.value, locale)}</dd>
            <dd className="text-xs text-slate-400">{t("home.sharesUnit")}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-3 md:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="next-event">
          <h2 className="text-sm font-medium text-slate-500">{t("home.nextEvent")}</h2>
          {nextEvent ? (
            <div className="mt-1 space-y-1 text-sm">
              <p className="font-semibold">{t("home.nextEventBody", { index: nextEvent.trancheIndex, plan: locale === "en" ? nextEvent.planNameEn : nextEvent.planName, quantity: formatShares(nextEvent.plannedQuantity, locale) })}</p>
              <p className="tabular text-slate-600">{t("home.window2", { open: nextEvent.windowOpen ?? "—", close: nextEvent.windowClose ?? t("home.calendarPending") })}</p>
              <p className="tabular">{nextEvent.earliestVestingDate ? t("home.earliestOn", { date: nextEvent.earliestVestingDate }) : t("home.noDayLeft")}</p>
              <Link href={`/grants/${nextEvent.grantId}`} className="text-brand-700 hover:underline">{t("home.openGrant")} →</Link>
            </div>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t("home.noNextEvent")}</p>
          )}
        </section>
        <section className={`rounded-lg border p-4 shadow-sm ${blackoutToday ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`} data-testid="blackout-today">
          <h2 className="text-sm font-medium text-slate-500">{t("nav.blackouts")}</h2>
          <p className="mt-1 text-sm">{blackoutToday ? t("home.inBlackout", { to: blackoutToday.to, reason: blackoutToday.reason }) : t("home.notInBlackout")}</p>
          <Link href="/blackouts" className="text-sm text-brand-700 hover:underline">{t("nav.blackouts")} →</Link>
        </section>
      </div>
      <section aria-labelledby="notices-heading" className="space-y-2">
        <h2 id="notices-heading" className="text-lg font-semibold">{t("home.notices")}</h2>
        <NoticeList notices={notices} locale={locale} />
      </section>
      <section aria-labelledby="grants-heading" className="space-y-4">
        <h2 id="grants-heading" className="text-lg font-semibold">{t("home.grants")}</h2>
        {grants.length === 0 && <p className="text-slate-600">{t("home.noGrants")}</p>}
        {grants.map((g) => (
          <article key={g.id} className="rounded-lg border border-slate-200 bg-white shadow-sm" data-testid="grant-card">
            <header className="border-b border-slate-100 p-4">
              <div className="flex items-start justify-between gap-2">
                <h3 className="font-semibold">{locale === "en" ? g.planNameEn : g.planName}</h3>
                <Link href={`/grants/${g.id}`} className="shrink-0 text-sm text-brand-700 hover:underline" data-testid="grant-link">{t("home.openGrant")} →</Link>
              </div>
              {!g.acceptedAt && <p className="mt-1 text-xs text-amber-800">{t("home.toAccept")}</p>}
              <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
                <div><dt className="text-slate-500">{t("home.batch")}</dt><dd>{t(`batch.${g.batch}`)}</dd></div>
                <div><dt className="text-slate-500">{t("home.grantDate")}</dt><dd className="tabular">{g.grantDate}</dd></div>
                <div>
                  <dt className="text-slate-500">{t("home.grantPrice")}</dt>
                  <dd className="tabular" data-testid="grant-price">{formatYuan(g.grantPrice, locale)}</dd>
                  {g.grantPrice !== g.originalGrantPrice && <dd className="text-xs text-slate-500">{t("home.adjustedFrom", { price: g.originalGrantPrice })}</dd>}
                </div>
                <div><dt className="text-slate-500">{t("home.quantity")}</dt><dd className="tabular">{formatShares(g.quantity, locale)}</dd></div>
                <div className="col-span-2 sm:col-span-4"><dt className="text-slate-500">{t("home.category")}</dt><dd>{locale === "en" ? g.categoryNameEn : g.categoryName}</dd></div>
              </dl>
            </header>
            <ol className="divide-y divide-slate-100">
              {g.tranches.map((tr) => (
                <li key={tr.index} className="grid grid-cols-2 gap-x-4 gap-y-1 p-4 text-sm sm:grid-cols-6" data-testid="tranche">
                  <div className="col-span-2 flex items-center gap-2 sm:col-span-1">
                    <span className="font-medium">{t("home.tranche")} {tr.index}</span>
                    <StatusBadge status={tr.status} label={t(`status.${tr.status}`)} />
                  </div>
                  <div><span className="text-slate-500">{t("home.ratio")} </span><span className="tabular">{formatRatio(tr.ratio)}</span></div>
                  <div><span className="text-slate-500">{t("home.planned")} </span><span className="tabular">{formatShares(tr.plannedQuantity, locale)}</span></div>
                  <div className="col-span-2">
                    <span className="text-slate-500">{t("home.window")} </span>
                    <span className="tabular">{tr.windowOpen ?? "—"} – {tr.windowClose ?? t("home.calendarPending")}</span>
                  </div>
                  <div className="col-span-2 sm:col-span-1">
                    {tr.status === "vested" && <span className="tabular">{t("home.vestedQty")} {formatShares(tr.vestedQuantity, locale)} · {tr.vestingDate}</span>}
                    {tr.status === "lapsed" && <span className="tabular text-rose-700">{t("home.lapsedQty")} {formatShares(tr.lapsedQuantity, locale)}</span>}
                    {(tr.status === "pending" || tr.status === "vestable") && (
                      <span>
                        <span className="text-slate-500">{t("home.earliest")} </span>
                        <span className="tabular font-medium" data-testid="earliest-date">{tr.earliestVestingDate ?? (tr.earliestReason === "exchange calendar not yet published" ? t("home.calendarPending") : t("home.noDayLeft"))}</span>
                      </span>
                    )}
                  </div>
                  {tr.status === "vested" && tr.lapsedQuantity > 0 && (
                    <p className="col-span-2 text-xs text-rose-700 sm:col-span-6">{t("home.lapsedQty")} {formatShares(tr.lapsedQuantity, locale)}</p>
                  )}
                  {tr.deferredBy.length > 0 && (tr.status === "pending" || tr.status === "vestable") && (
                    <p className="col-span-2 text-xs text-amber-800 sm:col-span-6" data-testid="deferred-reason">
                      {t("home.deferredBy", { reasons: tr.deferredBy.map((d) => describeDeferral(d, locale)).join("; ") })}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          </article>
        ))}
      </section>
    </div>
  );
}
