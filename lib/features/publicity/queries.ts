import "server-only";
import { and, asc, desc, eq, gte, inArray, lte } from "drizzle-orm";
import { objections, participantListEntries, plans, publicityPeriods } from "@/db/schema";

import { groupBy } from "@/lib/platform/collections/groupBy";
import { ApiError } from "@/lib/platform/errors/apiError";
import { db } from "@/lib/platform/db";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { listObjections } from "@/lib/features/publicity/objectionInbox";
import type { ObjectionInboxQuery } from "@/lib/features/publicity/schemas";
import {
  listPublicityPeriods,
  planPublicityOptions,
  plansForPublicity,
  publicityPeriodDetail,
} from "@/lib/features/publicity/publicityReads";
import { isPlanVerified, listVerifications } from "@/lib/features/publicity/verification";
import { today as clockToday } from "@/lib/platform/clock";

/** A publicity notice as every employee may read it: names and positions only, never quantities or ID numbers. */
export interface PublicityNotice {
  id: string;
  planName: string;
  planNameEn: string;
  startDate: string;
  endDate: string;
  channel: string;
  entries: { name: string; position: string }[];
  myObjections: { receiptNo: string; createdAt: string; status: string }[];
}

/** Publicity periods open today, with the list and the caller's own objection receipts. */
export async function openPublicityNotices(): Promise<PublicityNotice[]> {
  const user = await requireUser();
  const today = clockToday();
  const database = await db();
  const periods = await database
    .select({
      id: publicityPeriods.id,
      listVersionId: publicityPeriods.listVersionId,
      planName: plans.name,
      planNameEn: plans.nameEn,
      startDate: publicityPeriods.startDate,
      endDate: publicityPeriods.endDate,
      channel: publicityPeriods.channel,
    })
    .from(publicityPeriods)
    .innerJoin(plans, eq(plans.id, publicityPeriods.planId))
    .where(
      and(
        eq(publicityPeriods.status, "open"),
        lte(publicityPeriods.startDate, today),
        gte(publicityPeriods.endDate, today),
      ),
    )
    .orderBy(asc(publicityPeriods.startDate));
  if (periods.length === 0) return [];
  const [entries, mine] = await Promise.all([
    database
      .select({
        listVersionId: participantListEntries.listVersionId,
        name: participantListEntries.name,
        position: participantListEntries.position,
      })
      .from(participantListEntries)
      .where(
        inArray(
          participantListEntries.listVersionId,
          periods.map((p) => p.listVersionId),
        ),
      )
      .orderBy(asc(participantListEntries.name)),
    database
      .select({
        periodId: objections.publicityPeriodId,
        receiptNo: objections.receiptNo,
        createdAt: objections.createdAt,
        status: objections.status,
      })
      .from(objections)
      .where(
        and(
          eq(objections.filedByUserId, user.id),
          inArray(
            objections.publicityPeriodId,
            periods.map((p) => p.id),
          ),
        ),
      )
      .orderBy(desc(objections.createdAt)),
  ]);
  const entriesByList = groupBy(entries, (e) => e.listVersionId);
  const mineByPeriod = groupBy(mine, (o) => o.periodId);
  return periods.map(({ listVersionId, ...p }) => ({
    ...p,
    entries: (entriesByList.get(listVersionId) ?? []).map(({ name, position }) => ({ name, position })),
    myObjections: (mineByPeriod.get(p.id) ?? []).map((o) => ({
      receiptNo: o.receiptNo,
      createdAt: o.createdAt.toISOString(),
      status: o.status,
    })),
  }));
}

/** An objection as the person who filed it reads it: their text, HR's answer and the outcome. */
export interface MyObjection {
  receiptNo: string;
  planName: string;
  planNameEn: string;
  periodEndDate: string;
  text: string;
  status: string;
  response: string | null;
  createdAt: string;
  answeredAt: string | null;
}

/** Every objection the caller filed, newest first, in any period (open or closed): the filer is owed the answer. */
export async function myObjections(): Promise<MyObjection[]> {
  const user = await requireUser();
  const rows = await (
    await db()
  )
    .select({
      receiptNo: objections.receiptNo,
      planName: plans.name,
      planNameEn: plans.nameEn,
      periodEndDate: publicityPeriods.endDate,
      text: objections.text,
      status: objections.status,
      response: objections.response,
      createdAt: objections.createdAt,
      answeredAt: objections.answeredAt,
    })
    .from(objections)
    .innerJoin(publicityPeriods, eq(publicityPeriods.id, objections.publicityPeriodId))
    .innerJoin(plans, eq(plans.id, publicityPeriods.planId))
    .where(eq(objections.filedByUserId, user.id))
    .orderBy(desc(objections.createdAt));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    answeredAt: r.answeredAt?.toISOString() ?? null,
  }));
}

/** The read's answer, or null where it answered 404 (a malformed or unknown id) so the page can answer notFound(). */
async function unlessNotFound<T>(read: Promise<T>): Promise<T | null> {
  return read.catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

/** The HR publicity overview: every period (newest first) with its objection counts, and every plan. */
export async function publicityOverview() {
  await requireUser(...STAFF_READ_ROLES);
  const database = await db();
  const [periods, planList] = await Promise.all([listPublicityPeriods(database), plansForPublicity(database)]);
  return { periods, planList };
}

/** The plans to pick from before opening a publicity period. */
export async function publicityPlanChoices() {
  await requireUser(...STAFF_READ_ROLES);
  return plansForPublicity(await db());
}

/** What the "open publicity" form of a plan offers: the plan and its list versions; 404 when the plan is unknown. */
export async function publicityOpeningOptions(planId: string) {
  await requireUser(...STAFF_READ_ROLES);
  return planPublicityOptions(await db(), planId);
}

/**
 * One publicity period for staff: the period with its list, and one page of the objection inbox (with
 * the filers) as the query filters it; null when unknown.
 */
export async function publicityPeriodView(periodId: string, inboxQuery: ObjectionInboxQuery = {}) {
  await requireUser(...STAFF_READ_ROLES);
  const database = await db();
  const period = await unlessNotFound(publicityPeriodDetail(database, periodId));
  if (!period) return null;
  // A cursor the inbox did not hand out (an edited link) starts again at the first page instead of failing.
  const inbox = await listObjections(database, periodId, inboxQuery).catch((e: unknown) => {
    if (inboxQuery.cursor && e instanceof ApiError && e.status === 400)
      return listObjections(database, periodId, { ...inboxQuery, cursor: undefined });
    throw e;
  });
  return { period, inbox };
}

/** The printable notice of a publicity period (names and positions only); null when unknown. */
export async function publicityNoticeForPrint(periodId: string) {
  await requireUser(...STAFF_READ_ROLES);
  return unlessNotFound(publicityPeriodDetail(await db(), periodId));
}

/** The verification page of a plan: the plan and its list versions, the verification records, its periods and whether it is verified; null when unknown. */
export async function planVerificationView(planId: string) {
  await requireUser(...STAFF_READ_ROLES);
  const database = await db();
  const options = await unlessNotFound(planPublicityOptions(database, planId));
  if (!options) return null;
  const [records, periods, verified] = await Promise.all([
    listVerifications(database, planId),
    listPublicityPeriods(database, planId),
    isPlanVerified(database, planId),
  ]);
  return { ...options, records, periods, verified };
}
