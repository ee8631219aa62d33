import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { planGrantsOverview } from "@/lib/features/grants/queries";
import { formatShares, formatYuan } from "../../../_components/format";
import { GrantForm } from "./GrantForm";

export const dynamic = "force-dynamic";

/** Grants of one plan: reserve status, batches, the grant form and who has not yet accepted. */
export default page({ access: "staffRead" }, async ({ params }) => {
  const { planId = "" } = params;
  const overview = await planGrantsOverview(planId);
  if (!overview) notFound();
  const { plan, reserve, batches, pendingAcceptance, categories, list } = overview;
  const t = await getTranslations("hrGrants");
  const tg = await getTranslations();
  const locale = toLocale(await getLocale());
  const n = (v: number) => formatShares(v, locale);
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
                </tr>
              </thead>
              <tbody>
                {batches.map((b) => (
                  <tr key={b.id} className="border-t border-slate-100">
                    <td className="px-3 py-2">{t(`batches.${b.batch}`)}</td>
                    <td className="px-3 py-2 tabular">{b.grantDate}</td>
                    <td className="px-3 py-2 tabular">{formatYuan(b.grantPrice, locale)}</td>
                    <td className="px-3 py-2 text-right tabular">{n(b.grantees)}</td>
                    <td className="px-3 py-2 text-right tabular">{n(Number(b.quantity))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("formTitle")}</h2>
        <GrantForm
          planId={planId}
          today={today()}
          categories={categories.map((c) => ({
            id: c.id,
            label: `${c.code} · ${locale === "en" ? c.nameEn : c.name}`,
          }))}
          // Once the first grant is made, only reserved grants remain: the form starts there.
          listRows={batches.some((b) => b.batch === "first") ? [] : list.rows}
          listState={list.state}
        />
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("unaccepted.title", { n: pendingAcceptance.length })}</h2>
        {pendingAcceptance.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="all-accepted">
            {t("unaccepted.none")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="unaccepted">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("employeeNo")}</th>
                  <th className="px-3 py-2">{t("name")}</th>
                  <th className="px-3 py-2">{t("batch")}</th>
                  <th className="px-3 py-2 text-right">{t("quantity")}</th>
                </tr>
              </thead>
              <tbody>
                {pendingAcceptance.map((g) => (
                  <tr key={g.grantId} className="border-t border-slate-100">
                    <td className="px-3 py-2 tabular">{g.employeeNo}</td>
                    <td className="px-3 py-2">{g.name}</td>
                    <td className="px-3 py-2">
                      {t(`batches.${g.batch}`)} · {g.grantDate}
                    </td>
                    <td className="px-3 py-2 text-right tabular">{n(g.quantity)}</td>
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
