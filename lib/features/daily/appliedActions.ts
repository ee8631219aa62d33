import "server-only";
import { and, eq, lte, sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { adjustmentRecords, auditLog, corporateActions } from "@/db/schema";
import { appendAudit } from "@/lib/platform/auditTrail";
import { appliedThroughByIssuer } from "@/lib/features/derivation/appliedThrough";
import { noticeAdjustments } from "@/lib/features/daily/adjustmentNotices";

const ENTITY = "corporate_action";
export const APPLY_AUDIT_ACTION = "corporate_action.apply";

/** An audit row of the outer query's action that meets `condition`. */
const auditOf = (condition: SQL) =>
  sql`select 1 from ${auditLog} where ${auditLog.entityType} = ${ENTITY} and ${auditLog.entityId} = ${corporateActions.id}::text and ${condition}`;

/**
 * The second half of a scheduled action, run by the daily job after it has re-derived the plans for
 * `today`: every action recorded as scheduled whose ex-date has now been reached by every plan of its
 * issuer is announced as applied. Its grantees are told the adjustment happened (from the adjustment
 * records the derivation wrote), and one `corporate_action.apply` audit row says when, each in one
 * transaction. Idempotent: an action with an apply row is skipped, so a retry or a second instance does
 * nothing twice. Returns the ids of the actions announced.
 */
export async function announceAppliedActions(db: Database, today: string): Promise<string[]> {
  const due = await db
    .select({
      id: corporateActions.id,
      issuerId: corporateActions.issuerId,
      type: corporateActions.type,
      exDate: corporateActions.exDate,
    })
    .from(corporateActions)
    .where(
      and(
        lte(corporateActions.exDate, today),
        sql`exists (${auditOf(sql`${auditLog.after}->>'status' = 'scheduled'`)})`,
        sql`not exists (${auditOf(sql`${auditLog.action} = ${APPLY_AUDIT_ACTION}`)})`,
      ),
    )
    .orderBy(corporateActions.exDate, corporateActions.createdAt);
  if (due.length === 0) return [];
  const through = await appliedThroughByIssuer(db, today);
  const announced: string[] = [];
  for (const action of due) {
    // A plan not yet derived for the ex-date has not applied it: announce it once every plan has.
    if (through(action.issuerId) < action.exDate) continue;
    const done = await db.transaction(async (tx) => {
      await tx
        .select({ id: corporateActions.id })
        .from(corporateActions)
        .where(eq(corporateActions.id, action.id))
        .for("update");
      const [already] = await tx
        .select({ id: auditLog.id })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.entityType, ENTITY),
            eq(auditLog.entityId, action.id),
            eq(auditLog.action, APPLY_AUDIT_ACTION),
          ),
        );
      if (already) return false;
      const records = await tx
        .select({
          grantId: adjustmentRecords.grantId,
          priceBefore: adjustmentRecords.priceBefore,
          priceAfter: adjustmentRecords.priceAfter,
          quantityBefore: adjustmentRecords.quantityBefore,
          quantityAfter: adjustmentRecords.quantityAfter,
        })
        .from(adjustmentRecords)
        .where(eq(adjustmentRecords.corporateActionId, action.id))
        .orderBy(adjustmentRecords.grantId);
      await appendAudit(tx, {
        actorUserId: null,
        action: APPLY_AUDIT_ACTION,
        entityType: ENTITY,
        entityId: action.id,
        before: { status: "scheduled" },
        after: { status: "applied", exDate: action.exDate, appliedOn: today, affectedGrants: records },
      });
      await noticeAdjustments(tx, action, "applied", records);
      return true;
    });
    if (done) announced.push(action.id);
  }
  return announced;
}
