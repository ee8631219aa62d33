import { getTranslations } from "next-intl/server";
import { granteeOverview } from "@/lib/features/me/queries";
import { issuerSummary, plansForUser } from "@/lib/features/plans/queries";
import Link from "next/link";
import { FINANCE_READ_ROLES, hasRole, STAFF_READ_ROLES } from "@/lib/auth/session";
import { page } from "@/lib/auth/procedures/page";
import { GranteeHome } from "./_components/GranteeHome";
import { StaffHome } from "./_components/StaffHome";

/**
 * The grantee's overview is asked for first, before anything is awaited, so that its data travels in the
 * same statement as this request's session check. A staff user who is no grantee ignores it (and its
 * refusal); for a grantee it is awaited with the staff reads, so a failure shows as today.
 */
function overviewFirst() {
  const overview = granteeOverview();
  overview.catch(() => undefined);
  return Promise.resolve({ overview });
}

export default page({ access: "signedIn", preload: overviewFirst }, async ({ user, preloaded }) => {
  const t = await getTranslations();
  const staff = hasRole(user, ...STAFF_READ_ROLES);
  const grantee = hasRole(user, "employee") || Boolean(user.personId);
  const [overview, plans, issuer] = await Promise.all([
    grantee ? preloaded.overview : Promise.resolve(null),
    staff ? plansForUser() : Promise.resolve([]),
    staff ? issuerSummary() : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-xl font-semibold" data-testid="home-heading">
          {t("home.greeting", { name: user.displayName })}
        </h1>
        <p className="text-sm text-slate-500">{user.roles.map((r) => t(`roles.${r}`)).join(" · ")}</p>
      </div>
      {hasRole(user, ...FINANCE_READ_ROLES) && !staff && (
        <Link
          href="/finance"
          className="block rounded-md border border-slate-200 bg-white px-4 py-3 hover:border-brand-600"
          data-testid="home-finance"
        >
          <span className="font-medium text-brand-700">{t("financeExpense.title")} →</span>
          <span className="mt-1 block text-sm text-slate-600">{t("financeExpense.intro")}</span>
        </Link>
      )}
      {staff && <StaffHome plans={plans} issuer={issuer} />}
      {overview && (
        <GranteeHome overview={overview} linked={Boolean(user.personId)} paymentsDue={overview.paymentsDue} />
      )}
    </div>
  );
});
