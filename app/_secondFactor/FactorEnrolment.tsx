"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { RecoveryCodes } from "./RecoveryCodes";
import { StepUpPrompt } from "./StepUpPrompt";
import { post, registerPasskey, remove, SecondFactorError } from "./secondFactorApi";
import { useErrorText } from "./useErrorText";

export interface FactorRow {
  id: string;
  kind: "totp" | "webauthn";
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

type TotpSetup = { secret: string; uri: string; qrSvg: string };

const button = "rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50";

/**
 * Adding an authenticator app (QR code, then a code from it) or a passkey; listing and removing factors
 * and renewing recovery codes when `manage` (the account page). `afterFirst` runs once the codes shown
 * after a first factor were saved (the enrolment step of a sign-in goes on to the portal).
 */
export function FactorEnrolment({
  factors,
  recoveryCodesLeft,
  manage,
  afterFirst,
}: {
  factors: FactorRow[];
  recoveryCodesLeft: number;
  manage: boolean;
  afterFirst?: string;
}) {
  const t = useTranslations("secondFactor");
  const errorText = useErrorText();
  const router = useRouter();
  const [totp, setTotp] = useState<TotpSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [stepUp, setStepUp] = useState(false);
  const [busy, setBusy] = useState(false);

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setStepUp(false);
    try {
      await step();
    } catch (e) {
      if (e instanceof SecondFactorError && e.code === "STEP_UP_REQUIRED") setStepUp(true);
      setError(errorText(e));
    }
    setBusy(false);
  }

  const enrolled = (result: { recoveryCodes: string[] | null }) => {
    setTotp(null);
    if (result.recoveryCodes) setCodes(result.recoveryCodes);
    else router.refresh();
  };

  if (codes)
    return (
      <RecoveryCodes
        codes={codes}
        onDone={() => {
          setCodes(null);
          if (afterFirst) router.replace(afterFirst);
          router.refresh();
        }}
      />
    );

  const date = (iso: string) => iso.slice(0, 10);
  return (
    <div className="space-y-4" data-testid="factor-enrolment">
      {manage && (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white text-sm">
          {factors.length === 0 && <li className="p-3 text-slate-500">{t("none")}</li>}
          {factors.map((f) => (
            <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="factor">
              <span>
                <span className="font-medium">{f.kind === "totp" ? t("totpKind") : t("webauthnKind")}</span>
                {" · "}
                {f.label}
                <span className="block text-xs text-slate-500">
                  {t("addedOn", { date: date(f.createdAt) })}
                  {f.lastUsedAt && ` · ${t("lastUsed", { date: date(f.lastUsedAt) })}`}
                </span>
              </span>
              <button
                type="button"
                disabled={busy}
                className="text-sm text-rose-700 hover:underline"
                onClick={() =>
                  run(async () => {
                    await remove(`/api/v1/me/factors/${f.id}`);
                    router.refresh();
                  })
                }
              >
                {t("remove")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {manage && factors.length > 0 && (
        <p className="text-sm text-slate-600">
          {t("recoveryLeft", { count: recoveryCodesLeft })}{" "}
          <button
            type="button"
            disabled={busy}
            className="text-brand-700 hover:underline"
            onClick={() =>
              run(async () =>
                setCodes((await post<{ recoveryCodes: string[] }>("/api/v1/me/recovery-codes")).recoveryCodes),
              )
            }
            data-testid="regenerate-codes"
          >
            {t("regenerate")}
          </button>
        </p>
      )}
      {!totp && (
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            disabled={busy}
            className={button}
            onClick={() => run(async () => setTotp(await post<TotpSetup>("/api/v1/me/factors/totp-setup")))}
            data-testid="add-totp"
          >
            {t("addTotp")}
          </button>
          <button
            type="button"
            disabled={busy}
            className={button}
            onClick={() => run(async () => enrolled(await registerPasskey("")))}
            data-testid="add-passkey"
          >
            {t("addPasskey")}
          </button>
        </div>
      )}
      {totp && (
        <form
          className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const form = new FormData(e.currentTarget);
            void run(async () =>
              enrolled(
                await post("/api/v1/me/factors/totp", {
                  code: String(form.get("code") ?? ""),
                  label: String(form.get("label") ?? "") || undefined,
                }),
              ),
            );
          }}
        >
          <p className="text-sm text-slate-700">{t("scan")}</p>
          <div
            className="mx-auto w-48 max-w-full [&>svg]:h-auto [&>svg]:w-full"
            role="img"
            aria-label={totp.uri}
            // The SVG is drawn on the server by the qrcode library from our own otpauth URI.
            dangerouslySetInnerHTML={{ __html: totp.qrSvg }}
          />
          <p className="text-center text-xs text-slate-600">
            {t("secretLabel")}:{" "}
            <code className="break-all font-mono" data-testid="totp-secret">
              {totp.secret}
            </code>
          </p>
          <label className="block text-sm">
            {t("code")}
            <input
              name="code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={8}
              required
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 tracking-widest"
              data-testid="totp-code"
            />
          </label>
          <label className="block text-sm">
            {t("label")}
            <input
              name="label"
              maxLength={60}
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2"
            />
          </label>
          <div className="flex gap-2">
            <button
              type="submit"
              disabled={busy}
              className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
              data-testid="totp-confirm"
            >
              {t("confirm")}
            </button>
            <button type="button" className={button} onClick={() => setTotp(null)}>
              {t("cancel")}
            </button>
          </div>
        </form>
      )}
      {error && (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="enrolment-error">
          {error}
        </p>
      )}
      {stepUp && <StepUpPrompt />}
    </div>
  );
}
