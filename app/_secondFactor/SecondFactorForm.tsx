"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { passkeyProof, post } from "./secondFactorApi";
import { useErrorText } from "./useErrorText";

const input =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base tracking-widest focus:border-brand-600";

/**
 * The second step of a sign-in (or of a step-up): a code from the authenticator app, a recovery code or
 * a passkey. `verifyPath` takes {method, code | response}; `onDone` runs once it was accepted.
 */
export function SecondFactorForm({
  verifyPath,
  passkeyOptionsPath,
  hasTotp,
  hasPasskey,
  onDone,
}: {
  verifyPath: string;
  passkeyOptionsPath: string;
  hasTotp: boolean;
  hasPasskey: boolean;
  onDone: () => void;
}) {
  const t = useTranslations("secondFactor");
  const errorText = useErrorText();
  const [mode, setMode] = useState<"totp" | "recovery">(hasTotp ? "totp" : "recovery");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(step: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await step();
      onDone();
    } catch (e) {
      setError(errorText(e));
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      {hasPasskey && (
        <button
          type="button"
          disabled={busy}
          onClick={() => run(() => passkeyProof(passkeyOptionsPath, verifyPath))}
          className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          data-testid="second-factor-passkey"
        >
          {t("usePasskey")}
        </button>
      )}
      <form
        noValidate
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          const code = String(new FormData(e.currentTarget).get("code") ?? "");
          void run(() => post(verifyPath, { method: mode, code }));
        }}
      >
        <label className="block">
          <span className="text-sm font-medium text-slate-700">{mode === "totp" ? t("code") : t("recoveryCode")}</span>
          <input
            key={mode}
            name="code"
            required
            autoFocus
            autoComplete="one-time-code"
            inputMode={mode === "totp" ? "numeric" : "text"}
            maxLength={mode === "totp" ? 8 : 20}
            className={input}
            data-testid="second-factor-code"
          />
        </label>
        {error && (
          <p
            role="alert"
            className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
            data-testid="second-factor-error"
          >
            {error}
          </p>
        )}
        <button
          type="submit"
          disabled={busy}
          className="w-full rounded-md border border-brand-600 px-4 py-2.5 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
          data-testid="second-factor-submit"
        >
          {busy ? t("verifying") : t("verify")}
        </button>
      </form>
      {hasTotp && (
        <button
          type="button"
          className="text-sm text-brand-700 hover:underline"
          onClick={() => setMode(mode === "totp" ? "recovery" : "totp")}
          data-testid="second-factor-switch"
        >
          {mode === "totp" ? t("useRecovery") : t("useCode")}
        </button>
      )}
    </div>
  );
}
