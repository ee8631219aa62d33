import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { proofSchema, registrationResponse } from "@/lib/auth/secondFactor/proofs";
import { stepUpSchema } from "@/lib/auth/secondFactor/stepUp";
import { itemsOf } from "@/lib/features/openapi/schemas/primitives";
import { uuid } from "@/lib/platform/validation/common";

const refused = (description: string) => ({ description });
const label = z.string().trim().max(60).optional().describe("A name to tell factors apart, e.g. the phone.");

/** WebAuthn options for navigator.credentials.get() / create(), as @simplewebauthn/browser takes them. */
const webauthnOptions = z.object({ challenge: z.string() }).passthrough();

const factorSchema = z.object({
  id: uuid,
  kind: z.enum(["totp", "webauthn"]),
  label: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});

const enrolledSchema = z.object({
  factorId: uuid,
  recoveryCodes: z
    .array(z.string())
    .nullable()
    .describe("Ten one-time codes, answered only with the first factor (shown once, stored hashed)."),
});

/** Sign-in with a second factor, enrolment of factors and step-up. */
export const secondFactorOperations = {
  getPendingSignIn: {
    method: "get",
    path: "/api/v1/auth/second-factor",
    operationId: "getPendingSignIn",
    summary: "The sign-in waiting for its second factor: which factors the user can give",
    tags: ["Sign-in"],
    access: "secondFactorPending",
    responses: {
      200: {
        description: "The user's email and whether they have an authenticator app and passkeys.",
        schema: z.object({ email: z.string(), totp: z.boolean(), passkey: z.boolean(), recoveryCodesLeft: z.number() }),
      },
    },
  },
  completeSecondFactor: {
    method: "post",
    path: "/api/v1/auth/second-factor",
    operationId: "completeSecondFactor",
    summary: "Completes the sign-in with a TOTP code, a recovery code or a passkey assertion",
    tags: ["Sign-in"],
    access: "secondFactorPending",
    body: proofSchema,
    responses: {
      200: {
        description: "The session is complete; the browser is remembered as a known device (cookie vd_device).",
        schema: z.object({ method: z.string() }),
      },
      401: refused("Wrong, reused or expired code or passkey (SECOND_FACTOR_INVALID)."),
      429: refused("Five wrong answers: the sign-in is ended and must start again (TOO_MANY_ATTEMPTS)."),
    },
  },
  secondFactorPasskeyOptions: {
    method: "post",
    path: "/api/v1/auth/second-factor/passkey-options",
    operationId: "secondFactorPasskeyOptions",
    summary: "A WebAuthn challenge for the pending sign-in's passkeys",
    tags: ["Sign-in"],
    access: "secondFactorPending",
    responses: { 200: { description: "Options for navigator.credentials.get().", schema: webauthnOptions } },
  },
  stepUp: {
    method: "post",
    path: "/api/v1/auth/step-up",
    operationId: "stepUp",
    summary: "Gives the second factor again before a sensitive action (good for 10 minutes)",
    tags: ["Sign-in"],
    access: "signedIn",
    sessionOnly: true,
    body: stepUpSchema,
    responses: {
      200: { description: "When the proof was recorded.", schema: z.object({ secondFactorAt: z.string() }) },
      401: refused(
        "Wrong or reused code or passkey, or a password from a user who has a factor (SECOND_FACTOR_INVALID).",
      ),
      429: refused("Five wrong answers within the hour (TOO_MANY_ATTEMPTS)."),
    },
  },
  stepUpPasskeyOptions: {
    method: "post",
    path: "/api/v1/auth/step-up/passkey-options",
    operationId: "stepUpPasskeyOptions",
    summary: "A WebAuthn challenge for a step-up with a passkey",
    tags: ["Sign-in"],
    access: "signedIn",
    sessionOnly: true,
    responses: { 200: { description: "Options for navigator.credentials.get().", schema: webauthnOptions } },
  },
  listMyFactors: {
    method: "get",
    path: "/api/v1/me/factors",
    operationId: "listMyFactors",
    summary: "The caller's second factors and how many recovery codes remain",
    tags: ["Account"],
    access: "enrolment",
    responses: {
      200: {
        description: "Factors oldest first; never a secret.",
        schema: itemsOf(factorSchema).extend({ recoveryCodesLeft: z.number() }),
      },
    },
  },
  startTotpSetup: {
    method: "post",
    path: "/api/v1/me/factors/totp-setup",
    operationId: "startTotpSetup",
    summary: "Starts adding an authenticator app: a new secret and its QR code",
    tags: ["Account"],
    access: "enrolment",
    responses: {
      200: {
        description: "The base32 secret, the otpauth:// URI and the same as an SVG QR code; kept until confirmed.",
        schema: z.object({ secret: z.string(), uri: z.string(), qrSvg: z.string() }),
      },
    },
  },
  confirmTotpSetup: {
    method: "post",
    path: "/api/v1/me/factors/totp",
    operationId: "confirmTotpSetup",
    summary: "Confirms the authenticator app with a code from it",
    tags: ["Account"],
    access: "enrolment",
    body: z.object({ code: z.string().trim().max(20), label }),
    responses: {
      201: { description: "The factor, and recovery codes if it is the first.", schema: enrolledSchema },
      401: refused("The code does not match (SECOND_FACTOR_INVALID)."),
      409: refused("No set-up was started in this session (ENROLMENT_NOT_STARTED)."),
    },
  },
  startPasskeySetup: {
    method: "post",
    path: "/api/v1/me/factors/passkey-setup",
    operationId: "startPasskeySetup",
    summary: "Starts adding a passkey: WebAuthn creation options",
    tags: ["Account"],
    access: "enrolment",
    responses: { 200: { description: "Options for navigator.credentials.create().", schema: webauthnOptions } },
  },
  confirmPasskeySetup: {
    method: "post",
    path: "/api/v1/me/factors/passkey",
    operationId: "confirmPasskeySetup",
    summary: "Stores the passkey the browser created",
    tags: ["Account"],
    access: "enrolment",
    body: z.object({ response: registrationResponse, label }),
    responses: {
      201: { description: "The factor, and recovery codes if it is the first.", schema: enrolledSchema },
      401: refused("The browser's answer does not verify (SECOND_FACTOR_INVALID)."),
      409: refused("No set-up was started in this session (ENROLMENT_NOT_STARTED)."),
    },
  },
  removeMyFactor: {
    method: "delete",
    path: "/api/v1/me/factors/{factorId}",
    operationId: "removeMyFactor",
    summary: "Removes one of the caller's factors (needs a fresh second factor)",
    tags: ["Account"],
    access: "signedIn",
    sessionOnly: true,
    params: z.object({ factorId: uuid }),
    responses: {
      204: { description: "Removed." },
      401: refused("The last proof is older than 10 minutes (STEP_UP_REQUIRED)."),
      409: refused("The caller's role requires a factor and this is the last (LAST_FACTOR_REQUIRED)."),
    },
  },
  regenerateRecoveryCodes: {
    method: "post",
    path: "/api/v1/me/recovery-codes",
    operationId: "regenerateRecoveryCodes",
    summary: "Ten new recovery codes; the old ones stop working (needs a fresh second factor)",
    tags: ["Account"],
    access: "signedIn",
    sessionOnly: true,
    responses: {
      201: { description: "The codes, shown this once.", schema: z.object({ recoveryCodes: z.array(z.string()) }) },
      401: refused("The last proof is older than 10 minutes (STEP_UP_REQUIRED)."),
      409: refused("The caller has no second factor yet (NO_SECOND_FACTOR)."),
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(secondFactorOperations);
