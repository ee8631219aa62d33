"use client";
import { useTranslations } from "next-intl";

/** The ten recovery codes, shown once, with the one way on: "I have saved them". */
export function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const t = useTranslations("secondFactor");
  return (
    <section className="space-y-3 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="recovery-codes">
      <h3 className="font-semibold">{t("recoveryTitle")}</h3>
      <p className="text-sm text-slate-700">{t("recoveryIntro")}</p>
      <ol className="grid grid-cols-2 gap-x-4 gap-y-1 font-mono text-sm tabular sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c} data-testid="recovery-code">
            {c}
          </li>
        ))}
      </ol>
      <button
        type="button"
        onClick={onDone}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        data-testid="recovery-codes-saved"
      >
        {t("recoveryDone")}
      </button>
    </section>
  );
}
