"use client";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { setTaxProfileAction } from "./taxProfileActions";

/** A person's tax profile as the page reads it (TaxProfileDto). */
export interface TaxProfileValues {
  personId: string;
  resident: boolean;
  note: string | null;
  securitiesAccount: string | null;
  updatedAt: string | null;
}

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/** Resident or not (a non-resident with the reason), and the Shanghai A-share account the shares go to. */
export function TaxProfileForm({ initial, canWrite }: { initial: TaxProfileValues; canWrite: boolean }) {
  const t = useTranslations("hrTaxProfile");
  const locale = useLocale();
  const [resident, setResident] = useState(initial.resident);
  const [note, setNote] = useState(initial.note ?? "");
  const [account, setAccount] = useState(initial.securitiesAccount ?? "");
  const [updatedAt, setUpdatedAt] = useState(initial.updatedAt);
  const [result, setResult] = useState<ActionResult<TaxProfileValues> | null>(null);
  const [pending, start] = useTransition();
  const touched = () => setResult(null);
  const at = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(
      new Date(iso),
    );
  return (
    <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4" data-testid="tax-profile">
      <header className="space-y-1">
        <h2 className="font-semibold">{t("title")}</h2>
        <p className="text-sm text-slate-600">{t("intro")}</p>
        <p className="text-xs text-slate-500" data-testid="tax-profile-updated">
          {updatedAt ? t("updatedAt", { at: at(updatedAt) }) : t("notRecorded")}
        </p>
      </header>
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          start(async () => {
            const r = await setTaxProfileAction({
              personId: initial.personId,
              profile: { resident, note: note.trim() === "" ? null : note.trim(), securitiesAccount: account.trim() },
            });
            setResult(r);
            if (r.ok) {
              setNote(r.data.note ?? "");
              setAccount(r.data.securitiesAccount ?? "");
              setUpdatedAt(r.data.updatedAt);
            }
          });
        }}
      >
        <fieldset className="space-y-2" disabled={!canWrite}>
          <legend className="text-sm font-medium">{t("resident")}</legend>
          <div className="flex flex-col gap-2 sm:flex-row sm:gap-6">
            {[true, false].map((value) => (
              <label key={String(value)} className="flex items-center gap-2 text-sm">
                <input
                  type="radio"
                  name="resident"
                  checked={resident === value}
                  onChange={() => {
                    setResident(value);
                    touched();
                  }}
                  data-testid={value ? "tax-resident-yes" : "tax-resident-no"}
                />
                {value ? t("residentYes") : t("residentNo")}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="block text-sm">
          <span className="font-medium">{t("note")}</span>
          <textarea
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
              touched();
            }}
            rows={2}
            maxLength={500}
            required={!resident}
            disabled={!canWrite}
            placeholder={t("notePlaceholder")}
            className={input}
            data-testid="tax-note"
          />
          {!resident && <span className="mt-1 block text-xs text-amber-700">{t("noteRequired")}</span>}
        </label>
        <label className="block text-sm sm:max-w-xs">
          <span className="font-medium">{t("securitiesAccount")}</span>
          <input
            value={account}
            onChange={(e) => {
              setAccount(e.target.value.toUpperCase());
              touched();
            }}
            pattern="[Aa]\d{9}"
            maxLength={10}
            autoComplete="off"
            spellCheck={false}
            disabled={!canWrite}
            placeholder="A123456789"
            className={`${input} font-mono tabular`}
            data-testid="tax-account"
          />
          <span className="mt-1 block text-xs text-slate-500">{t("securitiesAccountHelp")}</span>
        </label>
        {canWrite ? (
          <button
            type="submit"
            disabled={pending}
            className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto"
            data-testid="tax-save"
          >
            {pending ? t("saving") : t("save")}
          </button>
        ) : (
          <p className="text-xs text-slate-500">{t("readOnly")}</p>
        )}
        {result?.ok ? (
          <p
            role="status"
            className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            data-testid="tax-saved"
          >
            {t("saved")}
          </p>
        ) : (
          <RefusalBox refusal={result} />
        )}
      </form>
    </section>
  );
}
