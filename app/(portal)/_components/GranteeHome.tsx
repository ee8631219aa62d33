import { getLocale, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { granteeOverview } from "@/lib/features/me/queries";
import type { MyPaymentDue } from "@/lib/features/me/vestingBatches";
import { PaymentDueCard } from "../vesting/PaymentDueCard";
import { toLocale } from "@/i18n/locales";
import { describeDeferral, formatShares, formatYuan } from "./format";
import { NoticeList } from "./NoticeList";

/**
 * The grantee's overview: totals, the next event, notices, then a card per grant. Cards say what matters at a
 * glance in a few lines (the grant page has the whole schedule): this page is what thousands of grantees load
 * on a vesting day, and its cost grows with every element it renders.
 */
export async function GranteeHome({
  overview,
  linked,
  paymentsDue = [],
}: {
  overview: Awaited<ReturnType<typeof granteeOverview>>;
  linked: boolean;
  /** Batches whose payment is open (read with the home statement: lib/features/vesting-batches/paymentsDue.ts). */
  paymentsDue?: MyPaymentDue[];
}) {
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
      {paymentsDue.map((p) => (
        <PaymentDueCard key={p.batchId} due={p} today={overview.today} locale={locale} />
      ))}
      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="totals">
        {cards.map((c) => (
          <div key={c.key} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <dt className="text-xs text-slate-500">{t(`home.totals.${c.key}`)}</dt>
            <dd className="tabular mt-1 text-xl font-semibold" data-testid={`total-${c.key}`}>
              {formatShares(c.value, locale)}
            </dd>
            <dd className="text-xs text-slate-400">{t("home.sharesUnit")}</dd>
          </div>
        ))}
      </dl>
      <div className="grid gap-3 md:grid-cols-2">
        <section className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm" data-testid="next-event">
          <h2 className="text-sm font-medium text-slate-500">{t("home.nextEvent")}</h2>
          {nextEvent ? (
            <div className="mt-1 space-y-1 text-sm">
              <p className="font-semibold">
                {t("home.nextEventBody", {
                  index: nextEvent.trancheIndex,
                  plan: locale === "en" ? nextEvent.planNameEn : nextEvent.planName,
                  quantity: formatShares(nextEvent.plannedQuantity, locale),
                })}
              </p>
              <p className="tabular text-slate-600">
                {t("home.window2", {
                  open: nextEvent.windowOpen ?? "—",
                  close: nextEvent.windowClose ?? t("home.calendarPending"),
                })}
              </p>
              <p className="tabular">
                {nextEvent.earliestVestingDate
                  ? t("home.earliestOn", { date: nextEvent.earliestVestingDate })
                  : t("home.noDayLeft")}
              </p>
              {nextEvent.deferredBy.length > 0 && (
                <p className="text-xs text-amber-800" data-testid="deferred-reason">
                  {t("home.deferredBy", {
                    reasons: nextEvent.deferredBy.map((d) => describeDeferral(d, locale)).join("; "),
                  })}
                </p>
              )}
              <Link
                href={`/grants/${nextEvent.grantId}`}
                className="text-brand-700 hover:underline"
              >{`${t("home.openGrant")} →`}</Link>
            </div>
          ) : (
            <p className="mt-1 text-sm text-slate-600">{t("home.noNextEvent")}</p>
          )}
        </section>
        <section
          className={`rounded-lg border p-4 shadow-sm ${blackoutToday ? "border-amber-300 bg-amber-50" : "border-slate-200 bg-white"}`}
          data-testid="blackout-today"
        >
          <h2 className="text-sm font-medium text-slate-500">{t("nav.blackouts")}</h2>
          <p className="mt-1 text-sm">
            {blackoutToday
              ? t("home.inBlackout", { to: blackoutToday.to, reason: blackoutToday.reason })
              : t("home.notInBlackout")}
          </p>
          <Link href="/blackouts" className="text-sm text-brand-700 hover:underline">{`${t("nav.blackouts")} →`}</Link>
        </section>
      </div>
      <section aria-labelledby="notices-heading" className="space-y-2">
        <h2 id="notices-heading" className="text-lg font-semibold">
          {t("home.notices")}
        </h2>
        <NoticeList notices={notices} locale={locale} />
      </section>
      <section aria-labelledby="grants-heading" className="space-y-4">
        <h2 id="grants-heading" className="text-lg font-semibold">
          {t("home.grants")}
        </h2>
        {grants.length === 0 && <p className="text-slate-600">{t("home.noGrants")}</p>}
        <ul className="grid gap-3 md:grid-cols-2">
          {grants.map((g) => {
            const vested = g.tranches.reduce((n, x) => n + x.vestedQuantity, 0);
            const lapsed = g.tranches.reduce((n, x) => n + x.lapsedQuantity, 0);
            const open = g.tranches.filter((x) => x.status === "pending" || x.status === "vestable").length;
            return (
              <li
                key={g.id}
                className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
                data-testid="grant-card"
              >
                <div className="flex items-start justify-between gap-2">
                  <h3 className="font-semibold">{locale === "en" ? g.planNameEn : g.planName}</h3>
                  <Link
                    href={`/grants/${g.id}`}
                    className="shrink-0 text-sm text-brand-700 hover:underline"
                    data-testid="grant-link"
                  >{`${t("home.openGrant")} →`}</Link>
                </div>
                {!g.acceptedAt && (
                  <p className="mt-1 text-xs text-amber-800" data-testid="grant-to-accept">
                    {t("home.toAccept")}
                  </p>
                )}
                <p className="tabular mt-2 text-sm text-slate-600">{`${t(`batch.${g.batch}`)} · ${g.grantDate}`}</p>
                <p className="tabular text-sm" data-testid="grant-price">
                  {t("home.cardTerms", {
                    quantity: formatShares(g.quantity, locale),
                    price: formatYuan(g.grantPrice, locale),
                  }) +
                    (g.grantPrice !== g.originalGrantPrice
                      ? t("home.cardAdjusted", { price: g.originalGrantPrice })
                      : "")}
                </p>
                <div
                  className="mt-3 flex h-2 overflow-hidden rounded-full bg-slate-100"
                  role="img"
                  aria-label={`${t("home.totals.vested")} ${vested} / ${g.quantity}`}
                >
                  <div className="bg-emerald-600" style={{ width: `${(100 * vested) / Math.max(g.quantity, 1)}%` }} />
                  <div className="bg-rose-400" style={{ width: `${(100 * lapsed) / Math.max(g.quantity, 1)}%` }} />
                </div>
                <p className="mt-2 text-xs text-slate-500">
                  {t("home.cardProgress", {
                    vested: formatShares(vested, locale),
                    lapsed: lapsed > 0 ? t("home.cardLapsed", { lapsed: formatShares(lapsed, locale) }) : "",
                    total: g.tranches.length,
                    open,
                  })}
                </p>
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
