import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentUser, signInPath, FINANCE_READ_ROLES, hasRole, STAFF_READ_ROLES } from "@/lib/auth/session";
import { LanguageSwitch } from "../LanguageSwitch";
import { NavMenu } from "./NavMenu";
import { SignOutButton } from "./SignOutButton";

export const dynamic = "force-dynamic";

export default async function PortalLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) redirect(await signInPath());
  const t = await getTranslations();
  const staff = hasRole(user, ...STAFF_READ_ROLES);
  const admin = hasRole(user, "admin");
  const oversight = hasRole(user, "admin", "auditor");
  const finance = hasRole(user, ...FINANCE_READ_ROLES);
  const links = [
    { href: "/", label: t("nav.home"), testId: "nav-home", show: true },
    { href: "/vesting", label: t("myVesting.nav"), testId: "nav-vesting", show: Boolean(user.personId) },
    { href: "/hr", label: t("nav.hrAgenda"), testId: "nav-hr-agenda", show: staff },
    { href: "/hr/plans", label: t("nav.plans"), testId: "nav-hr-plans", show: staff },
    { href: "/hr/people", label: t("nav.people"), testId: "nav-hr-people", show: staff },
    { href: "/hr/publicity", label: t("nav.hrPublicity"), testId: "nav-hr-publicity", show: staff },
    { href: "/hr/grants", label: t("nav.hrGrants"), testId: "nav-hr-grants", show: staff },
    { href: "/hr/vesting-batches", label: t("hrVestingBatches.nav"), testId: "nav-hr-vesting-batches", show: staff },
    { href: "/hr/disclosures", label: t("nav.disclosures"), testId: "nav-hr-disclosures", show: staff },
    { href: "/hr/corporate-actions", label: t("nav.corporateActions"), testId: "nav-hr-actions", show: staff },
    { href: "/hr/closing-prices", label: t("hrClosingPrices.nav"), testId: "nav-hr-closing-prices", show: staff },
    { href: "/finance", label: t("nav.expense"), testId: "nav-finance", show: finance },
    { href: "/admin/exports", label: t("nav.registers"), testId: "nav-admin-exports", show: oversight },
    { href: "/admin/audit", label: t("nav.audit"), testId: "nav-admin-audit", show: oversight },
    { href: "/admin/users", label: t("nav.users"), testId: "nav-admin-users", show: admin },
    { href: "/admin/tokens", label: t("nav.apiTokens"), testId: "nav-admin-tokens", show: admin },
    { href: "/admin/security", label: t("adminSecurity.nav"), testId: "nav-admin-security", show: admin },
    { href: "/blackouts", label: t("nav.blackouts"), testId: "nav-blackouts", show: true },
    { href: "/publicity", label: t("nav.publicity"), testId: "nav-publicity", show: true },
    { href: "/account", label: t("nav.account"), testId: "nav-account", show: true },
  ].filter((l) => l.show);
  return (
    <div className="min-h-screen">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t("nav.skip")}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href="/" className="mr-auto flex items-baseline gap-2">
            <span className="text-lg font-semibold text-brand-900">{t("app.name")}</span>
            <span className="hidden text-xs text-slate-500 sm:inline">{t("app.tagline")}</span>
          </Link>
          <NavMenu label={t("nav.menu")} links={links.map(({ href, label, testId }) => ({ href, label, testId }))} />
          <div className="flex items-center gap-2 whitespace-nowrap lg:ml-auto">
            <span className="hidden text-sm text-slate-600 md:inline" data-testid="user-name">
              {user.displayName}
            </span>
            <LanguageSwitch />
            <SignOutButton label={t("nav.signOut")} />
          </div>
        </div>
      </header>
      {process.env.VD_DEMO !== "0" && (
        <p className="bg-amber-50 px-4 py-1.5 text-center text-xs text-amber-800">{t("demo.banner")}</p>
      )}
      <main id="main" className="mx-auto max-w-6xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}
