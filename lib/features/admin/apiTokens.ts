import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "@/db/client";
import { apiTokens, userRoles, users } from "@/db/schema";
import { newApiToken } from "@/lib/auth/apiTokenSecret";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { Actor } from "@/lib/auth/actor";
import { isUuid } from "@/lib/platform/validation/common";
import { db as database } from "@/lib/platform/db";
import { requireUser } from "@/lib/auth/session";
import { CreateApiTokenInput, ApiTokenSummary, CreatedApiToken } from "@/lib/features/admin/schemas";

/**
 * Creates a token for an enabled user who holds the role. Only the SHA-256 is stored: the token is
 * returned this once and cannot be shown again.
 */
export async function createApiToken(db: Database, actor: Actor, input: CreateApiTokenInput): Promise<CreatedApiToken> {
  return db.transaction(async (tx) => {
    const [owner] = await tx
      .select({
        id: users.id,
        disabled: users.disabled,
        holds: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${input.role})`,
      })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!owner) throw new ApiError("UNKNOWN_USER", "No user has this id.", { userId: input.userId });
    if (owner.disabled)
      throw new ApiError("OWNER_DISABLED", "A disabled user cannot own a token.", { userId: input.userId });
    if (!owner.holds)
      throw new ApiError("OWNER_LACKS_ROLE", "The owner does not hold this role.", {
        userId: input.userId,
        role: input.role,
      });
    const secret = newApiToken();
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: owner.id,
        name: input.name,
        role: input.role,
        tokenHash: secret.hash,
        tokenPrefix: secret.displayPrefix,
        createdByUserId: actor.userId,
      })
      .returning({ id: apiTokens.id });
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "api_token.create",
      entityType: "api_token",
      entityId: row!.id,
      ip: actor.ip,
      before: null,
      after: { name: input.name, role: input.role, ownerUserId: owner.id, prefix: secret.displayPrefix },
    });
    return { token: secret.token, apiToken: (await tokenSummaries(tx, row!.id))[0]! };
  });
}

/** Every token, newest first, revoked ones included (they stay on record). */
export async function listApiTokens(db: Database): Promise<ApiTokenSummary[]> {
  return tokenSummaries(db);
}

/** Revokes a token; revoking it again changes nothing (the first revocation time stays). */
export async function revokeApiToken(db: Database, actor: Actor, tokenId: string): Promise<ApiTokenSummary> {
  if (!isUuid(tokenId)) throw notFound("API token");
  return db.transaction(async (tx) => {
    const [revoked] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), isNull(apiTokens.revokedAt)))
      .returning({ name: apiTokens.name, revokedAt: apiTokens.revokedAt });
    if (revoked) {
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: "api_token.revoke",
        entityType: "api_token",
        entityId: tokenId,
        ip: actor.ip,
        before: { revokedAt: null },
        after: { name: revoked.name, revokedAt: revoked.revokedAt!.toISOString() },
      });
    }
    const [summary] = await tokenSummaries(tx, tokenId);
    if (!summary) throw notFound("API token");
    return summary;
  });
}

const creators = alias(users, "creators");

async function tokenSummaries(db: Database | Transaction, tokenId?: string): Promise<ApiTokenSummary[]> {
  const rows = await db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.tokenPrefix,
      role: apiTokens.role,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
      ownerId: users.id,
      ownerEmail: users.email,
      ownerName: users.displayName,
      ownerDisabled: users.disabled,
      creatorId: creators.id,
      creatorEmail: creators.email,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .leftJoin(creators, eq(creators.id, apiTokens.createdByUserId))
    .where(tokenId ? eq(apiTokens.id, tokenId) : undefined)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    role: r.role,
    owner: { id: r.ownerId, email: r.ownerEmail, displayName: r.ownerName, disabled: r.ownerDisabled },
    createdBy: r.creatorId ? { id: r.creatorId, email: r.creatorEmail! } : null,
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** Every token for the administration page: admins only. */
export async function apiTokensForAdmin(): Promise<ApiTokenSummary[]> {
  await requireUser("admin");
  return listApiTokens(await database());
}
