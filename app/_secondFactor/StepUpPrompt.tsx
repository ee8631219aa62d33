"use client";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { SecondFactorForm } from "./SecondFactorForm";
import { post } from "./secondFactorApi";
import { useErrorText } from "./useErrorText";

type Methods = { totp: boolean; passkey: boolean } | null;

/**
 * Shown where a sensitive action was refused with STEP_UP_REQUIRED: the second factor again (or the
 * password while the user has none), after which the form is submitted again — or, given `onVerified`,
 * the action is retried at once.
 */
export function StepUpPrompt({ onVerified }: { onVerified?: () => void }) {
  const t = useTranslations("secondFactor");
  const errorText = useErrorText();
  const [methods, setMethods] = useState<Methods>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void fetch("/api/v1/me/factors")
      .then((r) => r.json())
      .then((b: { items?: { kind: string }[] }) =>
        setMethods({
          totp: (b.items ?? []).some((f) => f.kind === "totp"),
          passkey: (b.items ?? []).some((f) => f.kind === "webauthn"),
        }),
      )
      .catch(() => setMethods({ totp: false, passkey: false }));
  }, []);

  if (done)
    return (
      <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="step-up-done">
        {t("stepUpDone")}
      </p>
    );
  return (
    <section
      className="mt-2 space-y-2 rounded-md border border-slate-200 bg-white p-3 text-slate-800"
      data-testid="step-up"
    >
      <p className="font-medium">{t("stepUpTitle")}</p>
      <p className="text-sm text-slate-600">{t("stepUpIntro")}</p>
      {methods && (methods.totp || methods.passkey) && (
        <SecondFactorForm
          verifyPath="/api/v1/auth/step-up"
          passkeyOptionsPath="/api/v1/auth/step-up/passkey-options"
          hasTotp={methods.totp}
          hasPasskey={methods.passkey}
          onDone={() => (onVerified ? onVerified() : setDone(true))}
        />
      )}
      {methods && !methods.totp && !methods.passkey && (
        <form
          className="space-y-2"
          onSubmit={async (e) => {
            e.preventDefault();
            const password = String(new FormData(e.currentTarget).get("password") ?? "");
            setError(null);
            try {
              await post("/api/v1/auth/step-up", { method: "password", password });
              if (onVerified) onVerified();
              else setDone(true);
            } catch (err) {
              setError(errorText(err));
            }
          }}
        >
          <label className="block text-sm">
            {t("stepUpPassword")}
            <input
              name="password"
              type="password"
              autoComplete="current-password"
              required
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
              data-testid="step-up-password"
            />
          </label>
          {error && (
            <p role="alert" className="text-sm text-red-700">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm text-white"
            data-testid="step-up-submit"
          >
            {t("verify")}
          </button>
        </form>
      )}
    </section>
  );
}
