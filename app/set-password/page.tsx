import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { setupLinkFor } from "@/lib/features/admin/queries";
import { page } from "@/lib/auth/procedures/page";
import { SignInFrame } from "../SignInFrame";
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
    <SignInFrame>
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
    </SignInFrame>
  );
});
