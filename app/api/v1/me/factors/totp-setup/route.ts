import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { enrolleeFor } from "@/lib/auth/secondFactor/caller";
import { startTotpEnrolment } from "@/lib/auth/secondFactor/enrolment";
import { clientIp } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/factors/totp-setup: a new secret and its QR code, kept on the session until confirmed. */
export const POST = route(api.startTotpSetup, async ({ db, req, user }) =>
  startTotpEnrolment(db, await enrolleeFor(user, clientIp(req))),
);
