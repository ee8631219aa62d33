import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { enrolleeFor } from "@/lib/auth/secondFactor/caller";
import { confirmPasskeyEnrolment } from "@/lib/auth/secondFactor/enrolment";
import { clientIp } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/factors/passkey {response, label}: stores the passkey the browser created. */
export const POST = route(api.confirmPasskeySetup, async ({ db, req, user, body }) =>
  confirmPasskeyEnrolment(db, req, await enrolleeFor(user, clientIp(req)), {
    response: body.response as unknown as RegistrationResponseJSON,
    label: body.label,
  }),
);
