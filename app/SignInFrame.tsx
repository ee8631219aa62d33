import { getTranslations } from "next-intl/server";
import { LanguageSwitch } from "./LanguageSwitch";

/** The frame of the pages before the portal opens (sign-in, its second step, setting a password). */
export async function SignInFrame({ children, footer }: { children: React.ReactNode; footer?: React.ReactNode }) {
  const t = await getTranslations("app");
  return (
    <main className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center justify-between">
          <div>
            <p className="text-2xl font-semibold text-brand-900">{t("name")}</p>
            <p className="text-sm text-slate-500">{t("tagline")}</p>
          </div>
          <LanguageSwitch />
        </div>
        <section className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm">{children}</section>
        {footer}
      </div>
    </main>
  );
}
