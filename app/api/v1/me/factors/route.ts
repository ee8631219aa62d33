import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { enrolleeFor } from "@/lib/auth/secondFactor/caller";
import { factorsOf } from "@/lib/auth/secondFactor/factorStore";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/factors: the caller's factors and recovery codes left. */
export const GET = route(api.listMyFactors, async ({ db, user }) => {
  const who = await enrolleeFor(user, null);
  const { factors, recoveryCodesLeft } = await factorsOf(db, who.userId);
  return { items: factors, recoveryCodesLeft };
});
