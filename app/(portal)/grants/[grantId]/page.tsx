import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ApiError } from "@/lib/platform/errors/apiError";
import { grantForUser } from "@/lib/features/grants/queries";
import { blackoutWindowsForUser } from "@/lib/features/calendar/queries";
import { scheduledAdjustmentsOf } from "@/lib/features/corporate-actions/scheduledForGrantee";

import { toLocale } from "@/i18n/locales";
import { describeDeferral, formatRatio, formatShares, formatYuan } from "../../_components/format";
import { StatusBadge } from "../../_components/StatusBadge";
import { TrancheTimeline } from "../../_components/TrancheTimeline";
import { acceptGrantAction } from "./actions";
import { today as clockToday } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";

export default page({ access: "signedIn" }, async ({ params }) => {
  const grant = await grantForUser(params.grantId ?? "").catch((e) => {
    if (e instanceof ApiError && e.status === 404) notFound();
    throw e;
  });
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const today = clockToday();
  const opens = grant.tranches
    .map((x) => x.windowOpen)
    .filter(Boolean)
    .sort();
  const windows = await blackoutWindowsForUser({ planId: grant.planId, from: opens[0] ?? grant.grantDate });
  // Recorded for a later ex-date: said to be scheduled, not shown as an adjustment that happened.
  const scheduled = await scheduledAdjustmentsOf(grant);
  return (
    <div className="space-y-6">
      <Link href="/" className="text-sm text-brand-700 hover:underline">
        ← {t("grant.back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="grant-title">
          {locale === "en" ? grant.planNameEn : grant.planName}
        </h1>
        <p className="text-sm text-slate-600">
          {t(`batch.${grant.batch}`)} · {locale === "en" ? grant.categoryNameEn : grant.categoryName} ·{" "}
          {grant.grantDate}
        </p>
      </header>

      <dl className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Fact label={t("home.grantPrice")} value={formatYuan(grant.grantPrice, locale)} testId="grant-price" />
        <Fact label={t("home.quantity")} value={formatShares(grant.quantity, locale)} />
        <Fact
          label={t("home.totals.vested")}
          value={formatShares(
            grant.tranches.reduce((s, x) => s + x.vestedQuantity, 0),
            locale,
          )}
        />
        <Fact
          label={t("home.totals.lapsed")}
          value={formatShares(
            grant.tranches.reduce((s, x) => s + x.lapsedQuantity, 0),
            locale,
          )}
        />
      </dl>
      {(grant.grantPrice !== grant.originalGrantPrice || grant.quantity !== grant.originalQuantity) && (
        <p className="text-sm text-slate-600">
          {t("grant.original", {
            quantity: formatShares(grant.originalQuantity, locale),
            price: formatYuan(grant.originalGrantPrice, locale),
          })}
        </p>
      )}

      {/* A voided batch (recorded by mistake) lapses every tranche as "voided": nothing to confirm. */}
      {grant.tranches.length > 0 && grant.tranches.every((x) => x.lapseReason === "voided") ? (
        <p
          className="rounded-lg border border-rose-200 bg-rose-50 p-4 text-sm text-rose-800"
          data-testid="grant-voided"
        >
          {t("grant.voided")}
        </p>
      ) : grant.acceptedAt ? (
        <p className="text-sm text-emerald-700" data-testid="accepted">
          {t("grant.accepted", { date: grant.acceptedAt.slice(0, 10) })}
        </p>
      ) : (
        <form
          action={acceptGrantAction}
          className="flex flex-wrap items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 p-4"
        >
          <input type="hidden" name="grantId" value={grant.id} />
          <p className="text-sm text-amber-900">{t("grant.acceptHelp")}</p>
          <button
            type="submit"
            data-testid="accept-grant"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            {t("grant.accept")}
          </button>
        </form>
      )}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("grant.timeline")}</h2>
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          {/* Text keeps its size in viewBox units: a narrow drawing for phones, a wide one for larger screens. */}
          <div className="sm:hidden">
            <TrancheTimeline
              tranches={grant.tranches}
              grantDate={grant.grantDate}
              id={`grant-${grant.id}-phone`}
              viewWidth={800}
              blackouts={windows.map((w) => ({ id: w.id, from: w.from, to: w.to, label: w.reason }))}
              today={today}
              labels={{
                title: t("grant.timeline"),
                today: t("grant.today"),
                window: t("grant.legendWindow"),
                earliest: t("grant.legendEarliest"),
                vested: t("grant.legendVested"),
                blackout: t("grant.legendBlackout"),
                statusLabel: (s: string) => t(`status.${s as "pending"}`),
              }}
            />
          </div>
          <div className="hidden sm:block">
            <TrancheTimeline
              tranches={grant.tranches}
              grantDate={grant.grantDate}
              id={`grant-${grant.id}-wide`}
              viewWidth={1500}
              blackouts={windows.map((w) => ({ id: w.id, from: w.from, to: w.to, label: w.reason }))}
              today={today}
              labels={{
                title: t("grant.timeline"),
                today: t("grant.today"),
                window: t("grant.legendWindow"),
                earliest: t("grant.legendEarliest"),
                vested: t("grant.legendVested"),
                blackout: t("grant.legendBlackout"),
                statusLabel: (s: string) => t(`status.${s as "pending"}`),
              }}
            />
          </div>
        </div>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("home.tranche")}</h2>
        <ol className="space-y-3">
          {grant.tranches.map((tr) => (
            <li
              key={tr.index}
              className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
              data-testid="tranche"
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">
                  {t("home.tranche")} {tr.index}
                </span>
                <StatusBadge status={tr.status} label={t(`status.${tr.status}`)} />
                <span className="text-slate-500">
                  {t("home.ratio")} {formatRatio(tr.ratio)} · {t("home.planned")}{" "}
                  {formatShares(tr.plannedQuantity, locale)}
                </span>
              </div>
              <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 sm:grid-cols-2">
                <div>
                  <dt className="inline text-slate-500">{t("home.window")} </dt>
                  <dd className="tabular inline">
                    {tr.windowOpen ?? "—"} – {tr.windowClose ?? t("home.calendarPending")}
                  </dd>
                </div>
                {(tr.status === "pending" || tr.status === "vestable") && (
                  <div>
                    <dt className="inline text-slate-500">{t("home.earliest")} </dt>
                    <dd className="tabular inline font-medium" data-testid="earliest-date">
                      {tr.earliestVestingDate ??
                        (tr.earliestReason === "exchange calendar not yet published"
                          ? t("home.calendarPending")
                          : t("home.noDayLeft"))}
                    </dd>
                  </div>
                )}
                {tr.vestingDate && (
                  <div>
                    <dt className="inline text-slate-500">{t("home.vestedQty")} </dt>
                    <dd className="tabular inline">
                      {formatShares(tr.vestedQuantity, locale)} · {tr.vestingDate}
                    </dd>
                  </div>
                )}
                {tr.lapsedQuantity > 0 && (
                  <div>
                    <dt className="inline text-rose-700">{t("home.lapsedQty")} </dt>
                    <dd className="tabular inline text-rose-700">
                      {formatShares(tr.lapsedQuantity, locale)}
                      {tr.lapseReason ? ` (${t(`grant.lapseReason.${tr.lapseReason as "left"}`)})` : ""}
                    </dd>
                  </div>
                )}
                {tr.appraisal && (
                  <div>
                    <dt className="inline text-slate-500">
                      {t("grant.appraisal")} {tr.appraisal.fiscalYear}{" "}
                    </dt>
                    <dd className="inline">
                      {t("grant.grade", {
                        grade: tr.appraisal.grade,
                        ratio: tr.appraisal.individualRatio ? formatRatio(tr.appraisal.individualRatio) : "—",
                      })}
                      {tr.appraisal.companyRatio
                        ? ` · ${t("grant.company", { ratio: formatRatio(tr.appraisal.companyRatio) })}`
                        : ""}
                    </dd>
                  </div>
                )}
              </dl>
              {tr.deferredBy.length > 0 && (tr.status === "pending" || tr.status === "vestable") && (
                <p className="mt-2 text-xs text-amber-800" data-testid="deferred-reason">
                  {t("home.deferredBy", { reasons: tr.deferredBy.map((d) => describeDeferral(d, locale)).join("; ") })}
                </p>
              )}
            </li>
          ))}
        </ol>
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("grant.adjustments")}</h2>
        {scheduled.map((a) => (
          <p key={a.id} className="text-sm text-amber-800" data-testid="adjustment-scheduled">
            {t("grant.adjustmentScheduled", { type: t(`actionType.${a.type as "dividend"}`), date: a.exDate })}
          </p>
        ))}
        {grant.adjustments.length === 0 ? (
          <p className="text-sm text-slate-600">{t("grant.noAdjustments")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="adjustments">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("grant.adjDate")}</th>
                  <th className="px-3 py-2">{t("grant.adjType")}</th>
                  <th className="px-3 py-2">{t("grant.priceChange")}</th>
                  <th className="px-3 py-2">{t("grant.quantityChange")}</th>
                </tr>
              </thead>
              <tbody>
                {grant.adjustments.map((a) => (
                  <tr key={`${a.date}-${a.type}`} className="border-t border-slate-100">
                    <td className="tabular px-3 py-2">{a.date}</td>
                    <td className="px-3 py-2">{t(`actionType.${a.type as "dividend"}`)}</td>
                    <td className="tabular px-3 py-2">
                      {a.priceBefore} → {a.priceAfter}
                    </td>
                    <td className="tabular px-3 py-2">
                      {formatShares(a.quantityBefore, locale)} → {formatShares(a.quantityAfter, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
});

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-3">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="tabular mt-1 font-semibold" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}
