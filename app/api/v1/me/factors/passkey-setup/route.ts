import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { enrolleeFor } from "@/lib/auth/secondFactor/caller";
import { startPasskeyEnrolment } from "@/lib/auth/secondFactor/enrolment";
import { clientIp } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/factors/passkey-setup: WebAuthn creation options (challenge kept on the session). */
export const POST = route(api.startPasskeySetup, async ({ db, req, user }) =>
  startPasskeyEnrolment(db, req, await enrolleeFor(user, clientIp(req))),
);
