import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { planGrantsOverview } from "@/lib/features/grants/queries";
import { formatShares, formatYuan } from "../../../_components/format";
import { GrantForm } from "./GrantForm";
import { VoidBatchForm } from "./VoidBatchForm";
import { PlanGrantTable } from "./PlanGrantTable";
import { planGrantsQuery } from "@/lib/features/grants/planGrantListQuery";
import { PLAN_STATUSES } from "@/lib/domain/plans/planLifecycle";

export const dynamic = "force-dynamic";

/** Grants of one plan: reserve status, batches, the grant form, who has not yet accepted and the grants a page at a time. */
export default page({ access: "staffRead" }, async ({ params, searchParams: search }) => {
  const { planId = "" } = params;
  const one = (k: string) => (typeof search[k] === "string" && search[k] ? search[k] : undefined);
  const parsed = planGrantsQuery.safeParse({
    q: one("q"),
    batch: one("batch"),
    categoryId: one("categoryId"),
    status: one("status"),
    cursor: one("cursor"),
  });
  const grantQuery = parsed.success ? parsed.data : {};
  const overview = await planGrantsOverview(planId, grantQuery);
  if (!overview) notFound();
  const { plan, reserve, batches, pendingAcceptance, grants, categories, list } = overview;
  const t = await getTranslations("hrGrants");
  const tg = await getTranslations();
  const locale = toLocale(await getLocale());
  const n = (v: number) => formatShares(v, locale);
  const statusLabels = Object.fromEntries(PLAN_STATUSES.map((s) => [s, tg(`planStatus.${s}`)]));
  const voided = batches.filter((b) => b.void !== null);
  const categoryOptions = categories.map((c) => ({
    id: c.id,
    label: `${c.code} · ${locale === "en" ? c.nameEn : c.name}`,
  }));
  return (
    <div className="space-y-6">
      <Link href="/hr/grants" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="grants-title">
          {locale === "en" ? plan.nameEn : plan.name}
        </h1>
        <p className="text-sm text-slate-600">
          {tg(`planStatus.${plan.status}`)} · {t("meeting")} {plan.generalMeetingDate ?? "—"}
        </p>
      </header>

      <section className="space-y-2" data-testid="reserve-status">
        <h2 className="text-lg font-semibold">{t("reserve.title")}</h2>
        <dl className="grid grid-cols-2 gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-slate-500">{t("reserve.reserved")}</dt>
            <dd className="tabular">{n(reserve.reservedQuantity)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("reserve.granted")}</dt>
            <dd className="tabular">{n(reserve.granted)}</dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("reserve.remaining")}</dt>
            <dd className="tabular" data-testid="reserve-remaining">
              {n(reserve.remaining)}
            </dd>
          </div>
          <div>
            <dt className="text-slate-500">{t("reserve.deadline")}</dt>
            <dd className="tabular">{reserve.deadline ?? "—"}</dd>
          </div>
        </dl>
        {reserve.lapsed && reserve.lapsedQuantity > 0 && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="reserve-lapsed">
            {t("reserve.lapsed", { quantity: n(reserve.lapsedQuantity), deadline: reserve.deadline ?? "" })}
          </p>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("batchesTitle")}</h2>
        {batches.length === 0 ? (
          <p className="text-sm text-slate-600">{t("noBatches")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="batches">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("batch")}</th>
                  <th className="px-3 py-2">{t("grantDate")}</th>
                  <th className="px-3 py-2">{t("grantPrice")}</th>
                  <th className="px-3 py-2 text-right">{t("grantees")}</th>
                  <th className="px-3 py-2 text-right">{t("quantity")}</th>
                  <th className="px-3 py-2">{t("void.column")}</th>
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} className={`border-t border-slate-100 ${b.void ? "text-slate-400" : ""}`}>
                    <td className="px-3 py-2">
                      {t(`batches.${b.batch}`)}
                      {b.void && (
                        <span
                          className="ml-2 rounded bg-rose-100 px-1.5 py-0.5 text-xs text-rose-800"
                          data-testid="batch-voided"
                        >
                          {t("void.voidedBadge")}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 tabular">{b.grantDate}</td>
                    <td className="px-3 py-2 tabular">{formatYuan(b.grantPrice, locale)}</td>
                    <td className="px-3 py-2 text-right tabular">{n(b.grantees)}</td>
                    <td className="px-3 py-2 text-right tabular">{n(Number(b.quantity))}</td>
                    <td className="px-3 py-2 align-top">
                      {b.void ? null : b.vestedTranches > 0 ? (
                        <span className="text-xs text-slate-500">{t("void.vestedNote", { n: b.vestedTranches })}</span>
                      ) : (
                        <VoidBatchForm
                          planId={planId}
                          batchId={b.id}
                          statusLabels={statusLabels}
                          summary={{
                            batch: t(`batches.${b.batch}`),
                            date: b.grantDate,
                            grantees: n(b.grantees),
                            quantity: n(Number(b.quantity)),
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="space-y-2" data-testid="voided-batches">
        <h2 className="text-lg font-semibold">{t("void.title")}</h2>
        {voided.length === 0 ? (
          <p className="text-sm text-slate-600">{t("void.none")}</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {voided.map((b) => (
              <li key={b.id} className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2">
                {t(`batches.${b.batch}`)} · {b.grantDate} · {n(b.grantees)} · {n(Number(b.quantity))} —{" "}
                {t("void.voidedAt")} <span className="tabular">{b.void!.voidedAt.slice(0, 10)}</span> · {t("void.why")}:{" "}
                {b.void!.reason}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("formTitle")}</h2>
        <GrantForm
          planId={planId}
          today={today()}
          categories={categoryOptions}
          // Once the first grant is made, only reserved grants remain: the form starts there.
          listRows={batches.some((b) => b.batch === "first" && b.void === null) ? [] : list.rows}
          listState={list.state}
        />
      </section>

      <section className="space-y-2" data-testid="unaccepted">
        <h2 className="text-lg font-semibold">{t("unaccepted.title", { n: pendingAcceptance })}</h2>
        {pendingAcceptance === 0 ? (
          <p className="text-sm text-slate-600" data-testid="all-accepted">
            {t("unaccepted.none")}
          </p>
        ) : (
          <Link
            href={`/hr/grants/${planId}?status=unaccepted#grant-list`}
            className="text-sm text-brand-700 hover:underline"
            data-testid="show-unaccepted"
          >
            {t("unaccepted.show")}
          </Link>
        )}
      </section>

      <PlanGrantTable planId={planId} page={grants} query={grantQuery} categories={categoryOptions} locale={locale} />
    </div>
  );
});
