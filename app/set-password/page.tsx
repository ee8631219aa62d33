import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { setupLinkFor } from "@/lib/features/admin/queries";
import { page } from "@/lib/auth/procedures/page";
import { LanguageSwitch } from "../LanguageSwitch";
import { SetPasswordForm } from "./SetPasswordForm";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { robots: { index: false, follow: false } };

/**
 * Where an invitation or reset link lands: public (the link is the credential), outside the portal
 * layout. The link is checked before the form is shown, and again when the password is set.
 */
export default page({ access: "public" }, async ({ searchParams }) => {
  const raw = searchParams.token;
  const token = typeof raw === "string" && raw.length >= 20 && raw.length <= 200 ? raw : null;
  const state = token ? await setupLinkFor(token) : ({ ok: false, code: "SETUP_LINK_INVALID" } as const);
  const t = await getTranslations();
  const messages = await getMessages();
  const adminUsers = messages.adminUsers as { setPassword: unknown };
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <div>
            <p className="text-2xl font-semibold text-brand-900">{t("app.name")}</p>
            <p className="text-sm text-slate-500">{t("app.tagline")}</p>
          </div>
          <LanguageSwitch />
        </div>
        <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
          <h1 className="text-lg font-semibold" data-testid="set-password-title">
            {t("adminUsers.setPassword.title")}
          </h1>
          {state.ok ? (
            <>
              <p className="mt-1 mb-5 text-sm text-slate-600">
                {t("adminUsers.setPassword.intro", { email: state.email })}
              </p>
              <NextIntlClientProvider
                messages={{ nav: messages.nav, adminUsers: { setPassword: adminUsers.setPassword } } as never}
              >
                <SetPasswordForm token={token!} />
              </NextIntlClientProvider>
            </>
          ) : (
            <p
              role="alert"
              className="mt-3 rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
              data-testid="set-password-link-error"
              data-code={state.code}
            >
              {t(`adminUsers.setPassword.${state.code}`)}
            </p>
          )}
        </section>
      </div>
    </main>
  );
});
