import { getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { hasCalendarFeed } from "@/lib/features/calendar/calendarFeed";
import { CalendarFeedPanel } from "./CalendarFeedPanel";
import { PasswordForm } from "./PasswordForm";
import { ClientMessages } from "../../ClientMessages";
import { FactorEnrolment } from "../../_secondFactor/FactorEnrolment";
import { accountFactorsOf } from "@/lib/auth/secondFactor/pendingFactors";

export default page({ access: "signedIn" }, async ({ user }) => {
  const t = await getTranslations();
  const factors = await accountFactorsOf(user);
  return (
    <ClientMessages namespaces={["account", "feed", "secondFactor"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("account.title")}</h1>
        <dl className="grid max-w-md grid-cols-3 gap-2 rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <dt className="text-slate-500">{t("account.email")}</dt>
          <dd className="col-span-2 break-all">{user.email}</dd>
          <dt className="text-slate-500">{t("account.roles")}</dt>
          <dd className="col-span-2">{user.roles.map((r) => t(`roles.${r}`)).join(" · ")}</dd>
        </dl>
        {user.personId && (
          <section className="max-w-xl space-y-3">
            <h2 className="text-lg font-semibold">{t("feed.title")}</h2>
            <CalendarFeedPanel active={await hasCalendarFeed()} />
          </section>
        )}
        {!user.apiTokenId && (
          <section className="max-w-xl space-y-3" data-testid="two-step">
            <h2 className="text-lg font-semibold">{t("secondFactor.accountTitle")}</h2>
            <p className="text-sm text-slate-600">{t("secondFactor.accountIntro")}</p>
            {factors.enrolBy && (
              <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="enrol-by">
                {t("secondFactor.graceUntil", { date: factors.enrolBy })}
              </p>
            )}
            <FactorEnrolment factors={factors.factors} recoveryCodesLeft={factors.recoveryCodesLeft} manage />
          </section>
        )}
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("account.changePassword")}</h2>
          <PasswordForm />
        </section>
      </div>
    </ClientMessages>
  );
});
