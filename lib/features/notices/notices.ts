import "server-only";
import { and, eq, gte, inArray, isNull, lte, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox, grants, notifications, plans, publicityPeriods, tranches, userRoles, users } from "@/db/schema";
import { addDays } from "@/lib/domain/calendar/isoDate";
import { chunks } from "@/lib/platform/collections/groupBy";
import { loadBlackoutsForPlans } from "@/lib/features/derivation/planInputs";
import { isoTimestampText } from "@/lib/platform/jsonTimestamp";
import { scalarSubquery } from "@/lib/platform/scalarSubquery";
import { preparedStatement } from "@/lib/platform/preparedStatement";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";

/** Kinds of in-app notice. */
export type NoticeKind = "window_opening" | "blackout_starting" | "publicity_opened" | "grant_to_accept";
/**
 * Kinds written by HR changes (disclosure calendar, corporate actions, vesting runs). A corporate action
 * with a later ex-date is first announced as grant_adjustment_scheduled, then as grant_adjusted on the day.
 */
export type ChangeNoticeKind =
  "earliest_date_changed" | "grant_adjusted" | "grant_adjustment_scheduled" | "vesting_recorded";

interface NewNotice {
  userId: string;
  email: string;
  kind: NoticeKind;
  payload: Record<string, unknown>;
  dedupeKey: string;
}

const SUBJECTS: Record<NoticeKind, string> = {
  window_opening: "归属窗口即将开启 / A vesting window opens soon",
  blackout_starting: "不得归属期间即将开始 / A blackout period starts soon",
  publicity_opened: "激励对象名单公示 / Incentive list under publicity",
  grant_to_accept: "请确认您的授予 / Please confirm your grant",
};

/**
 * Creates the notices due on `today` (each at most once, by dedupe key) and queues one e-mail per new
 * notice in the outbox: windows opening within 14 days, blackouts starting within 7 days for grantees of
 * the plan, open publicity for every employee, grants not yet confirmed.
 */
export async function refreshNotices(db: Database, today: string): Promise<number> {
  const pending: NewNotice[] = [];
  const grantees = await db
    .select({
      userId: users.id,
      email: users.email,
      grantId: grants.id,
      planId: grants.planId,
      planName: plans.name,
      planNameEn: plans.nameEn,
      acceptedAt: grants.acceptedAt,
    })
    .from(grants)
    .innerJoin(users, eq(users.personId, grants.personId))
    .innerJoin(plans, eq(plans.id, grants.planId))
    // A voided grant (issue #21) has nothing to confirm and no window to open.
    .where(and(eq(users.disabled, false), batchNotVoided(grants.batchId)));

  const opening = await db
    .select({ grantId: tranches.grantId, index: tranches.trancheIndex, windowOpen: tranches.windowOpen })
    .from(tranches)
    .where(
      and(
        inArray(tranches.status, ["pending", "vestable"]),
        gte(tranches.windowOpen, today),
        lte(tranches.windowOpen, addDays(today, 14)),
      ),
    );
  const byGrant = new Map(grantees.map((g) => [g.grantId, g]));
  for (const t of opening) {
    const g = byGrant.get(t.grantId);
    if (g)
      pending.push({
        userId: g.userId,
        email: g.email,
        kind: "window_opening",
        payload: {
          grantId: g.grantId,
          planName: g.planName,
          planNameEn: g.planNameEn,
          trancheIndex: t.index,
          windowOpen: t.windowOpen,
        },
        dedupeKey: `window_opening:${g.grantId}:${t.index}:${t.windowOpen}`,
      });
  }

  for (const g of grantees.filter((x) => x.acceptedAt === null)) {
    pending.push({
      userId: g.userId,
      email: g.email,
      kind: "grant_to_accept",
      payload: { grantId: g.grantId, planName: g.planName, planNameEn: g.planNameEn },
      dedupeKey: `grant_to_accept:${g.grantId}`,
    });
  }

  const planIds = [...new Set(grantees.map((g) => g.planId))];
  const windowsByPlan = await loadBlackoutsForPlans(db, planIds);
  for (const planId of planIds) {
    const windows = windowsByPlan.get(planId) ?? [];
    const starting = windows.filter((w) => w.from >= today && w.from <= addDays(today, 7));
    const holders = new Map(grantees.filter((g) => g.planId === planId).map((g) => [g.userId, g]));
    for (const w of starting) {
      for (const g of holders.values()) {
        pending.push({
          userId: g.userId,
          email: g.email,
          kind: "blackout_starting",
          payload: { blackoutWindowId: w.id, from: w.from, to: w.to, kind: w.kind, reason: w.reason },
          dedupeKey: `blackout_starting:${g.userId}:${w.id}:${w.from}`,
        });
      }
    }
  }

  const open = await db
    .select({
      id: publicityPeriods.id,
      planName: plans.name,
      planNameEn: plans.nameEn,
      endDate: publicityPeriods.endDate,
    })
    .from(publicityPeriods)
    .innerJoin(plans, eq(plans.id, publicityPeriods.planId))
    .where(
      and(
        eq(publicityPeriods.status, "open"),
        lte(publicityPeriods.startDate, today),
        gte(publicityPeriods.endDate, today),
      ),
    );
  if (open.length > 0) {
    const employees = await db
      .select({ id: users.id, email: users.email })
      .from(users)
      .innerJoin(userRoles, eq(userRoles.userId, users.id))
      .where(and(eq(userRoles.role, "employee"), eq(users.disabled, false)));
    for (const p of open)
      for (const u of employees)
        pending.push({
          userId: u.id,
          email: u.email,
          kind: "publicity_opened",
          payload: { publicityPeriodId: p.id, planName: p.planName, planNameEn: p.planNameEn, endDate: p.endDate },
          dedupeKey: `publicity_opened:${p.id}:${u.id}`,
        });
  }

  let created = 0;
  for (const chunk of chunks(pending, 500)) {
    const rowsInserted = await insertNotices(db, chunk);
    created += rowsInserted.length;
    if (rowsInserted.length > 0) {
      const emailOf = new Map(chunk.map((n) => [n.dedupeKey, n]));
      await db.insert(emailOutbox).values(
        rowsInserted.map((r) => {
          const n = emailOf.get(r.dedupeKey!)!;
          return { toAddress: n.email, subject: SUBJECTS[n.kind], body: JSON.stringify(n.payload) };
        }),
      );
    }
  }
  return created;
}

async function insertNotices(db: Database, chunk: NewNotice[]) {
  return db
    .insert(notifications)
    .values(chunk.map((n) => ({ userId: n.userId, kind: n.kind, payload: n.payload, dedupeKey: n.dedupeKey })))
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ dedupeKey: notifications.dedupeKey });
}

/** A notice as the home page reads it from JSON: timestamps in JavaScript's toISOString() form. */
export interface NoticeDto {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  readAt: string | null;
  createdAt: string;
}

/** How many notices a user's home page lists. */
export const HOME_NOTICE_COUNT = 20;

/**
 * Unread-first notices of a user (a column or placeholder), the first HOME_NOTICE_COUNT of them, as one
 * JSON array. The count is written into the statement rather than bound: a LIMIT parameter keeps
 * PostgreSQL planning a prepared statement again on every execution.
 */
export function userNoticesJson(userId: SQLWrapper): SQL<NoticeDto[]> {
  const n = notifications;
  return scalarSubquery<
    NoticeDto[]
  >(sql`select coalesce(json_agg(s.notice order by s.read, s.created desc, s.id), '[]'::json) from (
    select json_build_object('id', ${n.id}, 'kind', ${n.kind}, 'payload', ${n.payload}, 'readAt', ${isoTimestampText(n.readAt)}, 'createdAt', ${isoTimestampText(n.createdAt)}) as notice,
      ${n.readAt} is not null as read, ${n.createdAt} as created, ${n.id} as id
    from ${n} where ${n.userId} = ${userId} order by ${n.readAt} is not null, ${n.createdAt} desc, ${n.id} limit 20) s`);
}

/** Unread-first notices of one user. */
export async function noticesOf(db: Database, userId: string, limit = 20) {
  return noticesQuery(db).execute({ userId, limit });
}

const noticesQuery = preparedStatement((db) =>
  db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      payload: notifications.payload,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(eq(notifications.userId, sql.placeholder("userId")))
    .orderBy(sql`${notifications.readAt} IS NOT NULL`, sql`${notifications.createdAt} DESC`, notifications.id)
    .limit(sql.placeholder("limit"))
    .prepare("vd_notices_of_user"),
);

/** Marks one of the user's notices read; false when it is not theirs. */
export async function markNoticeRead(db: Database, userId: string, noticeId: string): Promise<boolean> {
  const updated = await db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, noticeId), eq(notifications.userId, userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length > 0;
}
