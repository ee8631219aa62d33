import "server-only";
import { periodColumns } from "@/lib/features/publicity/commands";
import { asc, count, desc, eq, inArray } from "drizzle-orm";
import type { Database } from "@/db/client";
import {
  objections,
  participantListEntries,
  participantListVersions,
  persons,
  plans,
  publicityPeriods,
} from "@/db/schema";
import { notFound } from "@/lib/platform/errors/apiError";
import { isUuid } from "@/lib/platform/validation/common";

/** Objection counts of a period by status. */
export type ObjectionCounts = { open: number; answered: number; upheld: number; total: number };

/** Publicity periods (of one plan, or all) with plan name, list version number and objection counts; newest first. */
export async function listPublicityPeriods(db: Database, planId?: string) {
  if (planId !== undefined && !isUuid(planId)) throw notFound("Plan");
  const periods = await db
    .select({
      ...periodColumns,
      summary: publicityPeriods.summary,
      closedAt: publicityPeriods.closedAt,
      planName: plans.name,
      planNameEn: plans.nameEn,
      listVersion: participantListVersions.version,
      batch: participantListVersions.batch,
    })
    .from(publicityPeriods)
    .innerJoin(plans, eq(plans.id, publicityPeriods.planId))
    .innerJoin(participantListVersions, eq(participantListVersions.id, publicityPeriods.listVersionId))
    .where(planId ? eq(publicityPeriods.planId, planId) : undefined)
    .orderBy(desc(publicityPeriods.startDate), desc(publicityPeriods.createdAt));
  const ids = periods.map((p) => p.id);
  const tallies =
    ids.length === 0
      ? []
      : await db
          .select({ periodId: objections.publicityPeriodId, status: objections.status, n: count() })
          .from(objections)
          .where(inArray(objections.publicityPeriodId, ids))
          .groupBy(objections.publicityPeriodId, objections.status);
  return periods.map((p) => {
    const objectionCounts: ObjectionCounts = { open: 0, answered: 0, upheld: 0, total: 0 };
    for (const t of tallies.filter((x) => x.periodId === p.id)) {
      objectionCounts[t.status] = Number(t.n);
      objectionCounts.total += Number(t.n);
    }
    return { ...p, closedAt: p.closedAt?.toISOString() ?? null, objectionCounts };
  });
}

/** One period with its plan and the publicised list (names and positions only, the way every employee sees it); 404 when unknown. */
export async function publicityPeriodDetail(db: Database, periodId: string) {
  if (!isUuid(periodId)) throw notFound("Publicity period");
  const [p] = await db
    .select({
      ...periodColumns,
      summary: publicityPeriods.summary,
      closedAt: publicityPeriods.closedAt,
      planName: plans.name,
      planNameEn: plans.nameEn,
      planStatus: plans.status,
      listVersion: participantListVersions.version,
      batch: participantListVersions.batch,
    })
    .from(publicityPeriods)
    .innerJoin(plans, eq(plans.id, publicityPeriods.planId))
    .innerJoin(participantListVersions, eq(participantListVersions.id, publicityPeriods.listVersionId))
    .where(eq(publicityPeriods.id, periodId));
  if (!p) throw notFound("Publicity period");
  const entries = await db
    .select({ name: participantListEntries.name, position: participantListEntries.position })
    .from(participantListEntries)
    .leftJoin(persons, eq(persons.id, participantListEntries.personId))
    .where(eq(participantListEntries.listVersionId, p.listVersionId))
    .orderBy(asc(persons.employeeNo), asc(participantListEntries.name));
  return { ...p, closedAt: p.closedAt?.toISOString() ?? null, entries };
}

/** Plans with their first-grant list versions, for the "open publicity" form. */
export async function planPublicityOptions(db: Database, planId: string) {
  if (!isUuid(planId)) throw notFound("Plan");
  const [plan] = await db
    .select({
      id: plans.id,
      name: plans.name,
      nameEn: plans.nameEn,
      status: plans.status,
      verifyingBody: plans.verifyingBody,
      generalMeetingDate: plans.generalMeetingDate,
    })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!plan) throw notFound("Plan");
  const versions = await db
    .select({
      id: participantListVersions.id,
      batch: participantListVersions.batch,
      version: participantListVersions.version,
      createdAt: participantListVersions.createdAt,
      people: count(participantListEntries.id),
    })
    .from(participantListVersions)
    .leftJoin(participantListEntries, eq(participantListEntries.listVersionId, participantListVersions.id))
    .where(eq(participantListVersions.planId, planId))
    .groupBy(participantListVersions.id)
    .orderBy(asc(participantListVersions.batch), desc(participantListVersions.version));
  return {
    plan,
    versions: versions.map((v) => ({ ...v, people: Number(v.people), createdAt: v.createdAt.toISOString() })),
  };
}

/** Every plan with its status, for the publicity overview. */
export async function plansForPublicity(db: Database) {
  return db
    .select({ id: plans.id, name: plans.name, nameEn: plans.nameEn, status: plans.status })
    .from(plans)
    .orderBy(desc(plans.name));
}
