"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";

const ERROR_KEYS: Record<string, "invalid" | "throttled" | "unavailable"> = {
  INVALID_CREDENTIALS: "invalid",
  CredentialsSignin: "invalid",
  TOO_MANY_ATTEMPTS: "throttled",
};

/** Credentials form; next-auth supplies the CSRF token and sets the session cookie. */
export function LoginForm({ ssoEnabled = false, ssoRefused = false }: { ssoEnabled?: boolean; ssoRefused?: boolean }) {
  const t = useTranslations("login");
  const [error, setError] = useState<string | null>(ssoRefused ? t("ssoRefused") : null);
  const [pending, setPending] = useState(false);
  const router = useRouter();

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setPending(true);
    setError(null);
    try {
      const res = await signIn("credentials", {
        identifier: form.get("identifier"),
        password: form.get("password"),
        redirect: false,
      });
      if (res?.ok && !res.error) {
        router.replace("/");
        router.refresh();
        return;
      }
      const [code, wait] = (res?.error ?? "").split(":");
      if (code === "TOO_MANY_ATTEMPTS" && wait) {
        const seconds = Number(wait);
        const n = seconds >= 90 ? t("minutes", { n: Math.ceil(seconds / 60) }) : t("seconds", { n: seconds });
        setError(t("throttledFor", { wait: n }));
      } else setError(t(ERROR_KEYS[code ?? ""] ?? "unavailable"));
    } catch {
      setError(t("unavailable"));
    }
    setPending(false);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t("identifier")}</span>
        <input
          name="identifier"
          autoComplete="username"
          required
          maxLength={200}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base focus:border-brand-600"
        />
      </label>
      <label className="block">
        <span className="text-sm font-medium text-slate-700">{t("password")}</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={200}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base focus:border-brand-600"
        />
      </label>
      {error && (
        <p role="alert" data-testid="login-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-4 py-2.5 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
      {ssoEnabled && (
        // signIn() rather than a form POST: the redirect to the identity provider must not hit CSP form-action.
        <button
          type="button"
          onClick={() => signIn("oidc", { callbackUrl: "/" })}
          data-testid="login-sso"
          className="w-full rounded-md border border-slate-300 px-4 py-2.5 font-medium text-slate-700 hover:bg-slate-50"
        >
          {t("sso")}
        </button>
      )}
    </form>
  );
}
