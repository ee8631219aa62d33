import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser, hasRole, STAFF_READ_ROLES } from "@/lib/server/session";
import { LanguageSwitch } from "../LanguageSwitch";
import { SignOutButton } from "./SignOutButton";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const t = await getTranslations();
  const staff = hasRole(user, ...STAFF_READ_ROLES);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">{t("nav.skip")}</a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="mr-auto flex items-baseline gap-2">
            <span className="text-lg font-semibold text-brand-900">{t("app.name")}</span>
            <span className="hidden text-xs text-slate-500 sm:inline">{t("app.tagline")}</span>
          </Link>
          <nav className="flex items-center gap-3 text-sm">
            <Link href="/" className="text-slate-700 hover:text-brand-700">{t("nav.home")}</Link>
            {staff && <Link href="/hr/plans" className="text-slate-700 hover:text-brand-700" data-testid="nav-hr-plans">{t("nav.plans")}</Link>}
            {staff && <Link href="/hr/publicity" className="text-slate-700 hover:text-brand-700" data-testid="nav-hr-publicity">{t("nav.hrPublicity")}</Link>}
            {staff && <Link href="/hr/grants" className="text-slate-700 hover:text-brand-700" data-testid="nav-hr-grants">{t("nav.hrGrants")}</Link>}
            {staff && <Link href="/hr/disclosures" className="text-slate-700 hover:text-brand-700" data-testid="nav-hr-disclosures">{t("nav.disclosures")}</Link>}
            {staff && <Link href="/hr/corporate-actions" className="text-slate-700 hover:text-brand-700" data-testid="nav-hr-actions">{t("nav.corporateActions")}</Link>}
            <Link href="/blackouts" className="text-slate-700 hover:text-brand-700" data-testid="nav-blackouts">{t("nav.blackouts")}</Link>
            <Link href="/publicity" className="text-slate-700 hover:text-brand-700" data-testid="nav-publicity">{t("nav.publicity")}</Link>
            <Link href="/account" className="text-slate-700 hover:text-brand-700">{t("nav.account")}</Link>
          </nav>
          <div className="flex items-center gap-2">
            <span className="hidden text-sm text-slate-600 md:inline" data-testid="user-name">{user.displayName}</span>
            <LanguageSwitch />
            <SignOutButton label={t("nav.signOut")} />
          </div>
        </div>
      </header>
      {process.env.VD_DEMO !== "0" && (
        <p className="bg-amber-50 px-4 py-1.5 text-center text-xs text-amber-800">{t("demo.banner")}</p>
      )}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">{children}</main>
    </div>
  );
}
