import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { RegistrationResponseJSON } from "@simplewebauthn/server";
import type { Database } from "@/db/client";
import { userFactors, userSessions } from "@/db/schema";
import { requiresSecondFactor } from "@/lib/domain/access/secondFactorPolicy";
import { appendAudit } from "@/lib/platform/auditTrail";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { decryptIdNumber, encryptIdNumber } from "@/lib/platform/idNumberCipher";
import { factorsOf, hasFactor, passkeysOf, replaceRecoveryCodes } from "./factorStore";
import { passkeyRegistrationOptions, verifyPasskeyRegistration } from "./passkeys";
import { takeChallenge } from "./proofs";
import { newRecoveryCodes } from "./recoveryCodes";
import { matchTotp, newTotpSecret, totpEnrolment } from "./totp";

/** Who is enrolling: a signed-in user, or a sign-in held at enrolment after the grace period. */
export interface Enrollee {
  sessionId: string;
  userId: string;
  email: string;
  displayName: string;
  roles: string[];
  ip: string | null;
}

/** What enrolment answers: the new factor and, for a user's first factor, the ten recovery codes (shown once). */
export interface EnrolmentResult {
  factorId: string;
  recoveryCodes: string[] | null;
}

/** Starts adding an authenticator app: a new secret kept (sealed) on the session until a code confirms it. */
export async function startTotpEnrolment(db: Database, who: Enrollee) {
  const secret = newTotpSecret();
  await db
    .update(userSessions)
    .set({ pendingTotpSealed: encryptIdNumber(secret) })
    .where(eq(userSessions.id, who.sessionId));
  return { secret, ...(await totpEnrolment(secret, who.email)) };
}

/** Confirms the authenticator with a code from it; the code's time step counts as used. */
export async function confirmTotpEnrolment(
  db: Database,
  who: Enrollee,
  input: { code: string; label?: string },
): Promise<EnrolmentResult> {
  const [session] = await db
    .select({ sealed: userSessions.pendingTotpSealed })
    .from(userSessions)
    .where(eq(userSessions.id, who.sessionId));
  if (!session?.sealed) throw new ApiError("ENROLMENT_NOT_STARTED");
  const secret = decryptIdNumber(session.sealed);
  const step = await matchTotp(secret, input.code, null);
  if (step === null) throw new ApiError("SECOND_FACTOR_INVALID");
  return addFactor(db, who, "totp", {
    label: input.label?.trim() || "Authenticator",
    totpSecretSealed: encryptIdNumber(secret),
    totpLastStep: step,
  });
}

/** Options for the browser to create a passkey; the challenge is kept on the session. */
export async function startPasskeyEnrolment(db: Database, req: Request, who: Enrollee) {
  const options = await passkeyRegistrationOptions(
    req,
    { id: who.userId, email: who.email, displayName: who.displayName },
    await passkeysOf(db, who.userId),
  );
  await db.update(userSessions).set({ webauthnChallenge: options.challenge }).where(eq(userSessions.id, who.sessionId));
  return options;
}

/** Stores the passkey the browser created, if its answer matches the session's challenge (used once). */
export async function confirmPasskeyEnrolment(
  db: Database,
  req: Request,
  who: Enrollee,
  input: { response: RegistrationResponseJSON; label?: string },
): Promise<EnrolmentResult> {
  const challenge = await takeChallenge(db, who.sessionId);
  if (!challenge) throw new ApiError("ENROLMENT_NOT_STARTED");
  const passkey = await verifyPasskeyRegistration(req, input.response, challenge);
  if (!passkey) throw new ApiError("SECOND_FACTOR_INVALID");
  return addFactor(db, who, "webauthn", {
    label: input.label?.trim() || "Passkey",
    credentialId: passkey.credentialId,
    publicKey: passkey.publicKey,
    signCount: passkey.signCount,
    transports: passkey.transports,
  });
}

/**
 * Stores a confirmed factor. The first one also issues recovery codes; a sign-in held at enrolment is
 * complete from here, and either way the session counts the factor as just given (for step-up).
 */
async function addFactor(
  db: Database,
  who: Enrollee,
  kind: "totp" | "webauthn",
  values: Partial<typeof userFactors.$inferInsert> & { label: string },
): Promise<EnrolmentResult> {
  return db.transaction(async (tx) => {
    const first = !(await hasFactor(tx, who.userId));
    const [factor] = await tx
      .insert(userFactors)
      .values({ ...values, userId: who.userId, kind })
      .returning({ id: userFactors.id });
    const codes = first ? newRecoveryCodes() : null;
    if (codes) await replaceRecoveryCodes(tx, who.userId, codes);
    await tx
      .update(userSessions)
      .set({
        pendingTotpSealed: null,
        secondFactorState: "complete",
        secondFactorAt: new Date(),
        factors: sql`array_append(${userSessions.factors}, ${kind}::text)`,
      })
      .where(eq(userSessions.id, who.sessionId));
    await appendAudit(tx, {
      actorUserId: who.userId,
      action: "factor.enrol",
      entityType: "user",
      entityId: who.userId,
      after: { factorId: factor!.id, kind, label: values.label, recoveryCodesIssued: codes !== null },
      ip: who.ip,
    });
    return { factorId: factor!.id, recoveryCodes: codes };
  });
}

/** Removes one of the user's own factors; a role that requires a second factor keeps at least one. */
export async function removeOwnFactor(db: Database, who: Enrollee, factorId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const { factors } = await factorsOf(tx, who.userId);
    const factor = factors.find((f) => f.id === factorId);
    if (!factor) throw notFound();
    if (factors.length === 1 && requiresSecondFactor(who.roles)) throw new ApiError("LAST_FACTOR_REQUIRED");
    await tx.delete(userFactors).where(and(eq(userFactors.id, factorId), eq(userFactors.userId, who.userId)));
    await appendAudit(tx, {
      actorUserId: who.userId,
      action: "factor.remove",
      entityType: "user",
      entityId: who.userId,
      before: { factorId, kind: factor.kind, label: factor.label },
      ip: who.ip,
    });
  });
}

/** Ten new recovery codes for the user (the old ones stop working), shown this once. */
export async function regenerateRecoveryCodes(db: Database, who: Enrollee): Promise<string[]> {
  if (!(await hasFactor(db, who.userId))) throw new ApiError("NO_SECOND_FACTOR");
  const codes = newRecoveryCodes();
  await db.transaction(async (tx) => {
    await replaceRecoveryCodes(tx, who.userId, codes);
    await appendAudit(tx, {
      actorUserId: who.userId,
      action: "recovery_codes.generate",
      entityType: "user",
      entityId: who.userId,
      ip: who.ip,
    });
  });
  return codes;
}
