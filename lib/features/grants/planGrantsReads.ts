import "server-only";
import { asc, desc, eq, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  grantBatchVoids,
  grantBatches,
  grants,
  participantCategories,
  participantListEntries,
  persons,
  plans,
  verificationRecords,
} from "@/db/schema";

// The reads of the HR grants page of one plan (planGrantsOverview in queries.ts), moved from the page.

/** The plan header of the grants page, or null when it does not exist. */
export async function planHeader(db: Database, planId: string) {
  const [p] = await db
    .select({
      id: plans.id,
      name: plans.name,
      nameEn: plans.nameEn,
      status: plans.status,
      generalMeetingDate: plans.generalMeetingDate,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  return p ?? null;
}

/** The plan's categories, for the category selects. */
export function planCategories(db: Database, planId: string) {
  return db
    .select({
      id: participantCategories.id,
      code: participantCategories.code,
      name: participantCategories.name,
      nameEn: participantCategories.nameEn,
    })
    .from(participantCategories)
    .where(eq(participantCategories.planId, planId))
    .orderBy(asc(participantCategories.code));
}

/**
 * Every batch with its grantee count and quantity, its void (if voided) and how many of its tranches
 * vested (a batch can be voided only while none has).
 */
export async function batchesOf(db: Database, planId: string) {
  const rows = await db
    .select({
      id: grantBatches.id,
      batch: grantBatches.batch,
      grantDate: grantBatches.grantDate,
      grantPrice: grantBatches.grantPrice,
      boardResolutionDate: grantBatches.boardResolutionDate,
      grantees: sql<number>`count(${grants.id})::int`,
      quantity: sql<string>`coalesce(sum(${grants.quantity}), 0)::text`,
      vestedTranches: sql<number>`(select count(*)::int from tranches t join grants g on g.id = t.grant_id where g.batch_id = ${grantBatches.id} and t.status = 'vested')`,
      voidId: grantBatchVoids.id,
      voidReason: grantBatchVoids.reason,
      voidedAt: grantBatchVoids.voidedAt,
    })
    .from(grantBatches)
    .leftJoin(grants, eq(grants.batchId, grantBatches.id))
    .leftJoin(grantBatchVoids, eq(grantBatchVoids.batchId, grantBatches.id))
    .where(eq(grantBatches.planId, planId))
    .groupBy(grantBatches.id, grantBatchVoids.id)
    .orderBy(asc(grantBatches.grantDate));
  return rows.map(({ voidId, voidReason, voidedAt, ...b }) => ({
    ...b,
    vestedTranches: Number(b.vestedTranches),
    void: voidId === null ? null : { id: voidId, reason: voidReason!, voidedAt: voidedAt!.toISOString() },
  }));
}

/** The latest verification and, when it is fresh, its list rows to prefill a first grant. */
export async function verifiedList(db: Database, planId: string) {
  const [latest] = await db
    .select({
      id: verificationRecords.id,
      listVersionId: verificationRecords.listVersionId,
      stale: verificationRecords.stale,
      opinionDate: verificationRecords.opinionDate,
    })
    .from(verificationRecords)
    .where(eq(verificationRecords.planId, planId))
    .orderBy(desc(verificationRecords.createdAt))
    .limit(1);
  if (!latest) return { state: "none" as const, rows: [] };
  if (latest.stale) return { state: "stale" as const, rows: [] };
  const rows = await db
    .select({
      employeeNo: persons.employeeNo,
      name: participantListEntries.name,
      categoryId: participantListEntries.categoryId,
      quantity: participantListEntries.quantity,
    })
    .from(participantListEntries)
    .innerJoin(persons, eq(participantListEntries.personId, persons.id))
    .where(eq(participantListEntries.listVersionId, latest.listVersionId))
    .orderBy(asc(persons.employeeNo));
  return { state: "verified" as const, opinionDate: latest.opinionDate, rows };
}
