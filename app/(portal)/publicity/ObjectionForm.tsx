"use client";
import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { fileObjectionAction, type ObjectionState } from "./actions";
import { errorText } from "@/lib/platform/errors/errorCodes";
import { toLocale } from "@/i18n/locales";

/** Objection form of one publicity period; shows the receipt number once filed. */
export function ObjectionForm({ periodId }: { periodId: string }) {
  const t = useTranslations("publicity");
  const locale = toLocale(useLocale());
  const [state, action, pending] = useActionState<ObjectionState, FormData>(fileObjectionAction, {});
  return (
    <form action={action} className="space-y-2">
      <input type="hidden" name="periodId" value={periodId} />
      <label className="block">
        <span className="text-sm font-medium">{t("objection")}</span>
        <span className="block text-xs text-slate-500">{t("objectionHelp")}</span>
        <textarea
          name="text"
          required
          minLength={5}
          maxLength={4000}
          rows={3}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          data-testid="objection-text"
        />
      </label>
      {state.error && (
        <p role="alert" className="text-sm text-red-700">
          {state.code ? errorText(state.code, locale, state.error) : state.error}
        </p>
      )}
      {state.receiptNo && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="objection-receipt"
        >
          {t("receipt", { receipt: state.receiptNo })}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="objection-submit"
      >
        {t("submit")}
      </button>
    </form>
  );
}
