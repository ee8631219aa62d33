import { getTranslations } from "next-intl/server";
import { myGrants } from "@/lib/server/dal/grants";
import { issuerSummary, plansForUser } from "@/lib/server/dal/plans";
import { hasRole, requireUser, STAFF_READ_ROLES } from "@/lib/server/session";
import { GranteeHome } from "./_components/GranteeHome";
import { StaffHome } from "./_components/StaffHome";

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations();
  const staff = hasRole(user, ...STAFF_READ_ROLES);
  const [grants, plans, issuer] = await Promise.all([
    hasRole(user, "employee") || user.personId ? myGrants(user) : Promise.resolve([]),
    staff ? plansForUser() : Promise.resolve([]),
    staff ? issuerSummary() : Promise.resolve(null),
  ]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-xl font-semibold" data-testid="home-heading">{t("home.greeting", { name: user.displayName })}</h1>
        <p className="text-sm text-slate-500">{user.roles.map((r) => t(`roles.${r}`)).join(" · ")}</p>
      </div>
      {staff && <StaffHome plans={plans} issuer={issuer} />}
      {(hasRole(user, "employee") || user.personId) && <GranteeHome grants={grants} linked={Boolean(user.personId)} />}
    </div>
  );
}
