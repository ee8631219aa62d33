import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { enrolleeFor } from "@/lib/auth/secondFactor/caller";
import { removeOwnFactor } from "@/lib/auth/secondFactor/enrolment";
import { requireFreshProof } from "@/lib/auth/secondFactor/stepUp";
import { clientIp } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** DELETE /api/v1/me/factors/{factorId}: removes one of the caller's factors (fresh second factor needed). */
export const DELETE = route(api.removeMyFactor, async ({ db, req, user, params }) => {
  await requireFreshProof(db, user);
  await removeOwnFactor(db, await enrolleeFor(user, clientIp(req)), params.factorId);
  return new Response(null, { status: 204 });
});
