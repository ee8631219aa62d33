"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useActionState, useEffect } from "react";
import { changePassword, type ChangePasswordState } from "./actions";

/** Change-password form; on success the session has been revoked, so the user signs in again. */
export function PasswordForm() {
  const t = useTranslations("account");
  const [state, action, pending] = useActionState<ChangePasswordState, FormData>(changePassword, {
    ok: false,
    errors: [],
  });
  useEffect(() => {
    if (state.ok) {
      const timer = setTimeout(() => signOut({ callbackUrl: "/login" }), 1500);
      return () => clearTimeout(timer);
    }
  }, [state.ok]);
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <form action={action} className="max-w-md space-y-4">
      <label className="block">
        <span className="text-sm font-medium">{t("current")}</span>
        <input name="current" type="password" autoComplete="current-password" required className={field} />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("new")}</span>
        <input
          name="next"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          className={field}
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium">{t("confirm")}</span>
        <input
          name="confirm"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
          maxLength={200}
          className={field}
        />
      </label>
      {state.errors.length > 0 && (
        <ul role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {state.errors.map((e) => (
            <li key={e} data-code={e}>
              {t.has(e) ? t(e) : e}
            </li>
          ))}
        </ul>
      )}
      {state.ok && (
        <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-700">
          {t("saved")}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {t("save")}
      </button>
    </form>
  );
}
