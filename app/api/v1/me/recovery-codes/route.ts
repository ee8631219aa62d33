import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { enrolleeFor } from "@/lib/auth/secondFactor/caller";
import { regenerateRecoveryCodes } from "@/lib/auth/secondFactor/enrolment";
import { requireFreshProof } from "@/lib/auth/secondFactor/stepUp";
import { clientIp } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/recovery-codes: ten new codes, the old ones void (fresh second factor needed). */
export const POST = route(api.regenerateRecoveryCodes, async ({ db, req, user }) => {
  await requireFreshProof(db, user);
  return { recoveryCodes: await regenerateRecoveryCodes(db, await enrolleeFor(user, clientIp(req))) };
});
