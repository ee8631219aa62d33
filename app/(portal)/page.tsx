import { getTranslations } from "next-intl/server";
import { granteeOverview } from "@/lib/features/me/queries";
import { issuerSummary, plansForUser } from "@/lib/features/plans/queries";
import { hasRole, requirePageUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { GranteeHome } from "./_components/GranteeHome";
import { StaffHome } from "./_components/StaffHome";

export default async function HomePage() {
  // Asked for first, before anything is awaited, so that the grantee's data travels in the same
  // statement as this request's session check (a staff user who is no grantee simply ignores it).
  const overviewRequest = granteeOverview();
  overviewRequest.catch(() => undefined);
  const user = await requirePageUser();
  const t = await getTranslations();
  const staff = hasRole(user, ...STAFF_READ_ROLES);
  const grantee = hasRole(user, "employee") || Boolean(user.personId);
  const [overview, plans, issuer] = await Promise.all([
    grantee ? overviewRequest : Promise.resolve(null),
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
      {overview && <GranteeHome overview={overview} linked={Boolean(user.personId)} />}
    </div>
  );
}
