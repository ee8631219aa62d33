import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { stepUp } from "@/lib/auth/secondFactor/stepUp";
import { clientIp } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/step-up: the second factor again (or the password while none is enrolled). */
export const POST = route(api.stepUp, async ({ db, req, user, body }) => stepUp(db, req, user, body, clientIp(req)));
