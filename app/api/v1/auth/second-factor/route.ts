import { route } from "@/lib/auth/procedures/route";
import { secondFactorOperations as api } from "@/lib/features/openapi/operations/secondFactor";
import { pendingFor } from "@/lib/auth/secondFactor/caller";
import { factorsOf } from "@/lib/auth/secondFactor/factorStore";
import { completeSecondFactor } from "@/lib/auth/secondFactor/signInFlow";
import { knownDeviceCookie } from "@/lib/auth/secondFactor/knownDeviceCookie";
import { clientIp, jsonPrivate } from "@/lib/platform/http/apiResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/auth/second-factor: which factors the pending sign-in can give. */
export const GET = route(api.getPendingSignIn, async ({ db }) => {
  const pending = await pendingFor();
  const { factors, recoveryCodesLeft } = await factorsOf(db, pending.userId);
  return {
    email: pending.email,
    totp: factors.some((f) => f.kind === "totp"),
    passkey: factors.some((f) => f.kind === "webauthn"),
    recoveryCodesLeft,
  };
});

/** POST /api/v1/auth/second-factor {method, code | response}: completes the sign-in and remembers the browser. */
export const POST = route(api.completeSecondFactor, async ({ db, req, body }) => {
  const pending = await pendingFor();
  const { deviceToken, method } = await completeSecondFactor(db, req, pending, body, clientIp(req));
  const res = jsonPrivate({ method }, 200);
  res.headers.append("set-cookie", knownDeviceCookie(req, deviceToken));
  return res;
});
