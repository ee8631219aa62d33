import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { invitationPage } from "@/lib/features/admin/invitationQueries";
import { PageHeader } from "../../../_components/PageHeader";
import { InviteBatch } from "./InviteBatch";

export const dynamic = "force-dynamic";

/** Invite grantees: one action per grant batch creates the logins and mails the setup links. */
export default page({ access: "staffRead" }, async () => {
  const batches = await invitationPage();
  const t = await getTranslations("hrPeople.invite");
  const locale = toLocale(await getLocale());
  return (
    <div className="space-y-6">
      <Link href="/hr/people" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("title")} intro={t("intro")} testId="invite-title" />
      {batches.length === 0 ? (
        <p className="text-sm text-slate-600">{t("none")}</p>
      ) : (
        <ul className="space-y-3">
          {batches.map((b) => (
            <li key={b.batchId} className="rounded-lg border border-slate-200 bg-white p-4" data-testid="invite-batch">
              <p className="font-medium">
                {locale === "en" ? b.planNameEn : b.planName} · {t(`batch.${b.batch}`)} · {b.grantDate}
              </p>
              <p className="text-sm text-slate-600">
                {t("counts", { grantees: b.grantees, withoutLogin: b.withoutLogin, withoutEmail: b.withoutEmail })}
              </p>
              {b.withoutLogin > 0 && <InviteBatch batchId={b.batchId} count={b.withoutLogin - b.withoutEmail} />}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
});
