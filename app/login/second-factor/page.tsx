import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { currentUser, pendingSignIn } from "@/lib/auth/session";
import { pendingFactorsOf } from "@/lib/auth/secondFactor/pendingFactors";
import { SignInFrame } from "../../SignInFrame";
import { ClientMessages } from "../../ClientMessages";
import { FactorEnrolment } from "../../_secondFactor/FactorEnrolment";
import { PendingVerification } from "./PendingVerification";

export const dynamic = "force-dynamic";

/**
 * The second step of a sign-in: the factor (TOTP code, passkey or recovery code), or, for a staff user
 * past the grace period without one, its enrolment. Nobody else has anything to do here.
 */
export default page({ access: "secondFactorPending" }, async () => {
  const pending = await pendingSignIn();
  if (!pending) {
    if (await currentUser()) notFound();
    redirect("/login");
  }
  const t = await getTranslations("secondFactor");
  const factors = await pendingFactorsOf(pending.userId);
  return (
    <SignInFrame>
      <h1 className="text-lg font-semibold" data-testid="second-factor-heading">
        {t("title")}
      </h1>
      <p className="mt-1 mb-5 text-sm text-slate-600">
        {pending.state === "enrol" ? t("enrolIntro") : t("pendingIntro")}
      </p>
      <p className="mb-4 break-all text-xs text-slate-500">{pending.email}</p>
      <ClientMessages namespaces={["secondFactor"]}>
        {pending.state === "enrol" ? (
          <FactorEnrolment factors={[]} recoveryCodesLeft={0} manage={false} afterFirst="/" />
        ) : (
          <PendingVerification hasTotp={factors.totp} hasPasskey={factors.passkey} />
        )}
      </ClientMessages>
    </SignInFrame>
  );
});
