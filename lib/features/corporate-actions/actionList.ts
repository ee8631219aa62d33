import "server-only";
import { asc, count } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { adjustmentRecords, corporateActions } from "@/db/schema";
import { corporateActionStatus, type CorporateActionStatus } from "@/lib/domain/adjustments/actionStatus";
import { appliedThroughByIssuer } from "@/lib/features/derivation/appliedThrough";
import { trimDecimal } from "@/lib/domain/numeric/decimal";

type ActionRow = typeof corporateActions.$inferSelect;

/** A corporate action as the API and the HR page show it: the row, parameters as entered, and its status. */
export type CorporateActionDto = ActionRow & { status: CorporateActionStatus };

/** Rows with the status they have now, parameters trimmed as entered. */
export async function withStatus(db: Database | Transaction, rows: ActionRow[]): Promise<CorporateActionDto[]> {
  const through = await appliedThroughByIssuer(db);
  return rows.map((r) => ({ ...trimmed(r), status: corporateActionStatus(r.exDate, through(r.issuerId)) }));
}

/**
 * Recorded actions, newest ex-date first, each with its status (scheduled until its ex-date is reached,
 * then applied), the number of grants it adjusted (0 while scheduled) and the action that compensated it.
 */
export async function listCorporateActions(
  db: Database,
): Promise<(CorporateActionDto & { affectedGrants: number; compensatedBy: string | null })[]> {
  const rows = await db
    .select()
    .from(corporateActions)
    .orderBy(asc(corporateActions.exDate), asc(corporateActions.createdAt));
  const counts = await db
    .select({ id: adjustmentRecords.corporateActionId, n: count() })
    .from(adjustmentRecords)
    .groupBy(adjustmentRecords.corporateActionId);
  const byId = new Map(counts.map((c) => [c.id, Number(c.n)]));
  const compensatedBy = new Map(rows.filter((r) => r.compensatesId).map((r) => [r.compensatesId!, r.id]));
  return (await withStatus(db, rows)).reverse().map((r) => ({
    ...r,
    affectedGrants: byId.get(r.id) ?? 0,
    compensatedBy: compensatedBy.get(r.id) ?? null,
  }));
}

/** numeric(18,8) reads back as "1.00000000"; the API shows the decimal as entered. */
export function trimmed(r: ActionRow): ActionRow {
  const t = (v: string | null) => (v === null ? null : trimDecimal(v));
  return { ...r, n: t(r.n), v: t(r.v), p1: t(r.p1), p2: t(r.p2) };
}
