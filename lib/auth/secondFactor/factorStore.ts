import "server-only";
import { and, asc, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { recoveryCodes, userFactors } from "@/db/schema";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import { matchTotp } from "./totp";
import { recoveryCodeDigest } from "./recoveryCodes";
import type { StoredPasskey } from "./passkeys";

type Db = Database | Transaction;

/** A factor as its owner and admins see it: never the secret. */
export interface FactorSummary {
  id: string;
  kind: "totp" | "webauthn";
  label: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** The user's factors, oldest first, and how many unused recovery codes remain. */
export async function factorsOf(
  db: Db,
  userId: string,
): Promise<{ factors: FactorSummary[]; recoveryCodesLeft: number }> {
  const rows = await db
    .select({
      id: userFactors.id,
      kind: userFactors.kind,
      label: userFactors.label,
      createdAt: userFactors.createdAt,
      lastUsedAt: userFactors.lastUsedAt,
    })
    .from(userFactors)
    .where(eq(userFactors.userId, userId))
    .orderBy(asc(userFactors.createdAt));
  const [codes] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return {
    factors: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    })),
    recoveryCodesLeft: Number(codes?.n ?? 0),
  };
}

/** True when the user has at least one TOTP authenticator or passkey. */
export async function hasFactor(db: Db, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: userFactors.id })
    .from(userFactors)
    .where(eq(userFactors.userId, userId))
    .limit(1);
  return row !== undefined;
}

/** The user's passkeys, for WebAuthn options and verification. */
export async function passkeysOf(db: Db, userId: string): Promise<(StoredPasskey & { id: string })[]> {
  const rows = await db
    .select({
      id: userFactors.id,
      credentialId: userFactors.credentialId,
      publicKey: userFactors.publicKey,
      signCount: userFactors.signCount,
      transports: userFactors.transports,
    })
    .from(userFactors)
    .where(and(eq(userFactors.userId, userId), eq(userFactors.kind, "webauthn")));
  return rows.map((r) => ({
    id: r.id,
    credentialId: r.credentialId!,
    publicKey: r.publicKey!,
    signCount: r.signCount ?? 0,
    transports: r.transports,
  }));
}

/**
 * Accepts a TOTP code from any of the user's authenticators. The last accepted time step is advanced in
 * the same statement that checks it, so two requests racing with one code cannot both pass (replay).
 */
export async function acceptTotp(db: Db, userId: string, code: string): Promise<boolean> {
  const rows = await db
    .select({ id: userFactors.id, sealed: userFactors.totpSecretSealed, last: userFactors.totpLastStep })
    .from(userFactors)
    .where(and(eq(userFactors.userId, userId), eq(userFactors.kind, "totp")));
  for (const row of rows) {
    const step = await matchTotp(decryptIdNumber(row.sealed!), code, row.last);
    if (step === null) continue;
    const advanced = await db
      .update(userFactors)
      .set({ totpLastStep: step, lastUsedAt: new Date() })
      .where(and(eq(userFactors.id, row.id), or(isNull(userFactors.totpLastStep), lt(userFactors.totpLastStep, step))))
      .returning({ id: userFactors.id });
    if (advanced.length > 0) return true;
  }
  return false;
}

/** Spends one unused recovery code of the user's; false when it is unknown or already used. */
export async function spendRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const spent = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeDigest, recoveryCodeDigest(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id });
  return spent.length > 0;
}

/** Replaces the user's recovery codes with new ones (their digests); the old ones stop working. */
export async function replaceRecoveryCodes(db: Db, userId: string, codes: string[]): Promise<void> {
  await db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId));
  await db.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeDigest: recoveryCodeDigest(c) })));
}

/** Records a passkey's new signature counter after a valid assertion. */
export async function touchPasskey(db: Db, factorId: string, signCount: number): Promise<void> {
  await db.update(userFactors).set({ signCount, lastUsedAt: new Date() }).where(eq(userFactors.id, factorId));
}
