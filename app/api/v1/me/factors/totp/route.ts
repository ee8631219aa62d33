import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { enrolleeFor } from "@/lib/auth/secondFactor/caller";
import { confirmTotpEnrolment } from "@/lib/auth/secondFactor/enrolment";
import { clientIp } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/factors/totp {code, label}: confirms the authenticator app. */
export const POST = route(api.confirmTotpSetup, async ({ db, req, user, body }) =>
  confirmTotpEnrolment(db, await enrolleeFor(user, clientIp(req)), body),
);
