import { route } from "@/lib/auth/procedures/route";
import { taxOperations as api } from "@/lib/features/openapi/operations/tax";
import { getTaxProfile, setTaxProfile } from "@/lib/features/tax/taxProfiles";

export const dynamic = "force-dynamic";

/** GET /api/v1/persons/{personId}/tax-profile: resident or not, the reason and the securities account (staff). */
export const GET = route(api.getTaxProfile, async ({ db, params }) => getTaxProfile(db, params.personId));

/** PUT /api/v1/persons/{personId}/tax-profile {resident, note?, securitiesAccount?}: the whole profile, audited. */
export const PUT = route(api.setTaxProfile, async ({ db, actor, params, body }) =>
  setTaxProfile(db, actor, params.personId, body),
);
