import "server-only";
import crypto from "node:crypto";
import { asc, desc, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { auditLog } from "@/db/schema";

/** What an audited change records; before/after are plain JSON snapshots. */
export interface AuditEntry {
  actorUserId: string | null;
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

/** The hash of the row before the first one. */
export const AUDIT_GENESIS_HASH = "0".repeat(64);
// Serialises appends so each row chains to exactly one predecessor, across instances.
const AUDIT_CHAIN_LOCK = 7_311_020_222;

/** JSON with sorted keys, so a jsonb round trip (which reorders keys) hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return "null";
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The chained hash of one audit row. */
export function auditRowHash(
  prevHash: string,
  row: {
    at: string;
    actorUserId: string | null;
    action: string;
    entityType: string;
    entityId: string | null;
    before: unknown;
    after: unknown;
    ip: string | null;
  },
): string {
  const body = canonicalJson({ ...row, before: row.before ?? null, after: row.after ?? null });
  return crypto.createHash("sha256").update(prevHash).update("\n").update(body).digest("hex");
}

/** Appends one entry to the audit trail inside the caller's transaction. */
export async function appendAudit(tx: Database | Transaction, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const last = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last[0]?.hash ?? AUDIT_GENESIS_HASH;
  // Millisecond ISO time set here, not by the database, so the hashed value is the stored value.
  const at = new Date().toISOString();
  const row = {
    at,
    actorUserId: entry.actorUserId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId ?? null,
    before: jsonSnapshot(entry.before),
    after: jsonSnapshot(entry.after),
    ip: entry.ip ?? null,
  };
  await tx.insert(auditLog).values({ ...row, at: new Date(at), prevHash, hash: auditRowHash(prevHash, row) });
}

/** Result of walking the chain: ok, or the first row whose hash does not follow. */
export type AuditChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAtId: number };

/** Recomputes every hash in order and reports the first broken link. */
export async function verifyAuditChain(db: Database): Promise<AuditChainCheck> {
  let prev = AUDIT_GENESIS_HASH;
  let count = 0;
  const rows = await db.select().from(auditLog).orderBy(asc(auditLog.id));
  for (const r of rows) {
    count++;
    const expected = auditRowHash(prev, {
      at: r.at.toISOString(),
      actorUserId: r.actorUserId,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: r.before,
      after: r.after,
      ip: r.ip,
    });
    if (r.prevHash !== prev || r.hash !== expected) return { ok: false, rows: count, brokenAtId: r.id };
    prev = r.hash;
  }
  return { ok: true, rows: count };
}

function jsonSnapshot(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}
