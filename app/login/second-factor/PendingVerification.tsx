"use client";
import { useTranslations } from "next-intl";
import { signOut } from "next-auth/react";
import { useRouter } from "next/navigation";
import { SecondFactorForm } from "../../_secondFactor/SecondFactorForm";

/** The pending sign-in's second step; on success the portal opens, or the user starts over. */
export function PendingVerification({ hasTotp, hasPasskey }: { hasTotp: boolean; hasPasskey: boolean }) {
  const t = useTranslations("secondFactor");
  const router = useRouter();
  return (
    <div className="space-y-4">
      <SecondFactorForm
        verifyPath="/api/v1/auth/second-factor"
        passkeyOptionsPath="/api/v1/auth/second-factor/passkey-options"
        hasTotp={hasTotp}
        hasPasskey={hasPasskey}
        onDone={() => {
          router.replace("/");
          router.refresh();
        }}
      />
      <button
        type="button"
        className="text-sm text-slate-500 hover:underline"
        onClick={() => signOut({ callbackUrl: "/login" })}
      >
        {t("startOver")}
      </button>
    </div>
  );
}
