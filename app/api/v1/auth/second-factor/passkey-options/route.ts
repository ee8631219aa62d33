import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { pendingFor } from "@/lib/auth/secondFactor/caller";
import { passkeyChallenge } from "@/lib/auth/secondFactor/proofs";

export const dynamic = "force-dynamic";

/** POST /api/v1/auth/second-factor/passkey-options: a WebAuthn challenge for the pending sign-in. */
export const POST = route(api.secondFactorPasskeyOptions, async ({ db, req }) => {
  const pending = await pendingFor();
  return passkeyChallenge(db, req, pending.sessionId, pending.userId);
});
