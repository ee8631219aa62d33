import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { planVerificationView } from "@/lib/features/publicity/queries";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { VerificationForm } from "./VerificationForm";

export const dynamic = "force-dynamic";

/** The verification record of a plan's list: the form, and the existing records with stale badges. */
export default page({ access: "staffRead" }, async ({ user, params }) => {
  const t = await getTranslations("hrPublicity");
  const locale = toLocale(await getLocale());
  const view = await planVerificationView(params.planId ?? "");
  if (!view) notFound();
  const { plan, versions, records, periods, verified } = view;
  const versionOptions = versions.map((v) => ({
    id: v.id,
    label: t("versionLabel", { batch: t(`batch.${v.batch}`), version: v.version, people: v.people }),
  }));
  const latestPeriod = periods[0] ?? null;

  return (
    <div className="space-y-6">
      <Link href="/hr/publicity" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">{t("verify.title")}</h1>
        <p className="text-sm text-slate-600">
          {locale === "en" ? plan.nameEn : plan.name} ·{" "}
          {t("verify.expectedBody", { body: t(`verify.bodies.${plan.verifyingBody}`) })}
        </p>
        <p className="text-sm" data-testid="plan-verified" data-verified={verified}>
          {verified ? (
            <span className="text-emerald-700">{t("verify.isVerified")}</span>
          ) : (
            <span className="text-amber-800">{t("verify.notVerified")}</span>
          )}
        </p>
      </header>

      {hasRole(user, ...STAFF_WRITE_ROLES) && (
        <VerificationForm
          planId={plan.id}
          verifyingBody={plan.verifyingBody}
          versions={versionOptions}
          publicityEndDate={latestPeriod?.endDate ?? null}
          generalMeetingDate={plan.generalMeetingDate}
        />
      )}

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("verify.records")}</h2>
        {records.length === 0 && <p className="text-sm text-slate-600">{t("verify.none")}</p>}
        <ul className="space-y-3">
          {records.map((r) => (
            <li
              key={r.id}
              className="space-y-1 rounded-lg border border-slate-200 bg-white p-4 text-sm"
              data-testid="verification-record"
              data-stale={r.stale}
            >
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{t(`verify.bodies.${r.body}`)}</span>
                <span className="text-slate-500">{t("versionNo", { version: r.listVersion })}</span>
                {r.stale ? (
                  <span
                    className="rounded-full bg-rose-50 px-2 py-0.5 text-xs font-medium text-rose-700 ring-1 ring-inset ring-rose-600/20"
                    data-testid="verification-stale"
                  >
                    {t("verify.stale")}
                  </span>
                ) : (
                  <span className="rounded-full bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-700 ring-1 ring-inset ring-emerald-600/20">
                    {t("verify.current")}
                  </span>
                )}
              </div>
              <p className="tabular text-slate-600">
                {t("verify.dates", {
                  opinion: r.opinionDate,
                  disclosure: r.disclosureDate,
                  meeting: r.generalMeetingDate,
                })}
              </p>
              {r.members && <p className="text-slate-600">{r.members}</p>}
              <p className="whitespace-pre-wrap">{r.opinion}</p>
              {r.attachmentName && (
                <p className="text-slate-600">
                  {t("verify.attachment")}: {r.attachmentName}
                </p>
              )}
              {r.stale && <p className="text-rose-700">{t("verify.staleHint")}</p>}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
});
