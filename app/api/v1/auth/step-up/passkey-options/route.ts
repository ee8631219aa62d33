import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { passkeyChallenge } from "@/lib/auth/secondFactor/proofs";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/step-up/passkey-options: a WebAuthn challenge for a step-up. */
export const POST = route(api.stepUpPasskeyOptions, async ({ db, req, user }) =>
  passkeyChallenge(db, req, user.sessionId!, user.id),
);
