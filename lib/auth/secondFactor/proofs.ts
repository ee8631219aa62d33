import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { RegistrationResponseJSON, AuthenticationResponseJSON } from "@simplewebauthn/server";
import type { Database } from "@/db/client";
import { userSessions } from "@/db/schema";
import { acceptTotp, passkeysOf, spendRecoveryCode, touchPasskey } from "./factorStore";
import { passkeyAuthenticationOptions, verifyPasskeyAssertion } from "./passkeys";

/** A WebAuthn response as the browser library returns it; its inner structure is checked by the verifier. */
const webauthnResponse = z
  .object({ id: z.string().max(2000), rawId: z.string().max(2000), type: z.literal("public-key") })
  .passthrough();

/** What a user offers as their second factor. */
export const proofSchema = z.discriminatedUnion("method", [
  z.object({ method: z.literal("totp"), code: z.string().trim().max(20) }),
  z.object({ method: z.literal("recovery"), code: z.string().trim().max(40) }),
  z.object({ method: z.literal("passkey"), response: webauthnResponse }),
]);
export type Proof = z.infer<typeof proofSchema>;

/** The WebAuthn response of a registration (navigator.credentials.create), as the browser library returns it. */
export const registrationResponse = webauthnResponse;
export type RegistrationJson = RegistrationResponseJSON;

/**
 * Issues a WebAuthn challenge for the user's passkeys and keeps it on the session, where the answer
 * must find it (it is used once).
 */
export async function passkeyChallenge(db: Database, req: Request, sessionId: string, userId: string) {
  const options = await passkeyAuthenticationOptions(req, await passkeysOf(db, userId));
  await db.update(userSessions).set({ webauthnChallenge: options.challenge }).where(eq(userSessions.id, sessionId));
  return options;
}

/** Takes the session's WebAuthn challenge, so that one answer is verified against it at most once. */
export async function takeChallenge(db: Database, sessionId: string): Promise<string | null> {
  const result = await db.execute(sql`
    UPDATE user_sessions s SET webauthn_challenge = NULL
    FROM (SELECT id, webauthn_challenge AS old FROM user_sessions WHERE id = ${sessionId}::uuid FOR UPDATE) o
    WHERE s.id = o.id AND o.old IS NOT NULL
    RETURNING o.old AS challenge`);
  const rows = (result as unknown as { rows: { challenge: string }[] }).rows;
  return rows[0]?.challenge ?? null;
}

/** The factor kind the proof was accepted as, or null when it was not. */
export async function checkProof(
  db: Database,
  req: Request,
  sessionId: string,
  userId: string,
  proof: Proof,
): Promise<"totp" | "recovery" | "webauthn" | null> {
  if (proof.method === "totp") return (await acceptTotp(db, userId, proof.code)) ? "totp" : null;
  if (proof.method === "recovery") return (await spendRecoveryCode(db, userId, proof.code)) ? "recovery" : null;
  const challenge = await takeChallenge(db, sessionId);
  if (!challenge) return null;
  const response = proof.response as unknown as AuthenticationResponseJSON;
  const passkey = (await passkeysOf(db, userId)).find((p) => p.credentialId === response.id);
  if (!passkey) return null;
  const counter = await verifyPasskeyAssertion(req, response, challenge, passkey);
  if (counter === null) return null;
  await touchPasskey(db, passkey.id, counter);
  return "webauthn";
}
