"use client";
import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { useActionState } from "react";
import { setPasswordAction, type SetPasswordState } from "./actions";
import { errorText } from "@/lib/platform/errors/errorCodes";
import { toLocale } from "@/i18n/locales";

/** New password twice; the server applies the policy and answers with a code shown in the reader's language. */
export function SetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("adminUsers.setPassword");
  const locale = toLocale(useLocale());
  const [state, action, pending] = useActionState<SetPasswordState, FormData>(setPasswordAction, { ok: false });
  if (state.ok) {
    return (
      <div className="space-y-4" role="status" data-testid="set-password-done">
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("done")}</p>
        <Link
          href="/login"
          className="block w-full rounded-md bg-brand-600 px-4 py-2.5 text-center font-medium text-white hover:bg-brand-700"
        >
          {t("toLogin")}
        </Link>
      </div>
    );
  }
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base focus:border-brand-600";
  return (
    <form action={action} className="space-y-4" data-testid="set-password-form">
      <input type="hidden" name="token" value={token} />
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t("password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          className={field}
          data-testid="set-password-new"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t("confirm")}</span>
        <input
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          className={field}
          data-testid="set-password-confirm"
        />
      </label>
      {state.code && (
        <p
          role="alert"
          className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
          data-testid="set-password-error"
          data-code={state.code}
        >
          {t.has(state.code) ? t(state.code) : errorText(state.code, locale)}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="set-password-submit"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
