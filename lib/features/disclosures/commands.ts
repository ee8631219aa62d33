import { and, asc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { disclosureEvents, emailOutbox, grants, issuers, notifications, plans, tranches, users } from "@/db/schema";
import { chunks } from "@/lib/platform/collections/groupBy";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { loadBlackoutsForPlans } from "@/lib/features/calendar/planInputs";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { isoDate, text, uuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";

const KINDS = ["annual_report", "semi_annual_report", "q1_report", "q3_report", "performance_forecast", "performance_express", "major_event", "exchange_window"] as const;
const RANGE_KINDS = new Set<string>(["major_event", "exchange_window"]);

/** Body of POST /api/v1/disclosures. */
export const disclosureBody = z.object({
  kind: z.enum(KINDS),
  title: text().min(1).max(200),
  titleEn: text().max(200).optional(),
  fiscalYear: z.number().int().min(2000).max(2100).optional(),
  scheduledDate: isoDate.optional(),
  actualDate: isoDate.optional(),
  startDate: isoDate.optional(),
  endDate: isoDate.optional(),
  planId: uuid.nullable().optional(),
  note: z.string().max(2000).optional(),
});

/** Body of PATCH /api/v1/disclosures/{id}: any field; null clears an optional one (e.g. record the actual date of a postponed report). */
export const disclosurePatch = z.object({
  kind: z.enum(KINDS).optional(),
  title: text().min(1).max(200).optional(),
  titleEn: text().max(200).nullable().optional(),
  fiscalYear: z.number().int().min(2000).max(2100).nullable().optional(),
  scheduledDate: isoDate.nullable().optional(),
  actualDate: isoDate.nullable().optional(),
  startDate: isoDate.nullable().optional(),
  endDate: isoDate.nullable().optional(),
  planId: uuid.nullable().optional(),
  note: z.string().max(2000).nullable().optional(),
});

/** Query of GET /api/v1/disclosures. */
export const disclosureQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), planId: uuid.optional() });

type EventRow = typeof disclosureEvents.$inferSelect;
/** One tranche whose earliest vesting date moved. */
export interface ChangedTranche { grantId: string; trancheIndex: number; before: string | null; after: string | null }
/** What every disclosure change answers. */
export interface DisclosureChange { event: EventRow; affectedPlans: string[]; changedTranches: ChangedTranche[] }

/** Refuses an event whose dates do not fit its kind (422 INVALID_EVENT); the engine would otherwise fail or drop the window. */
export function assertValidEvent(e: { kind: string; scheduledDate?: string | null; actualDate?: string | null; startDate?: string | null; endDate?: string | null }): void {
  if (RANGE_KINDS.has(e.kind)) {
    if (!e.startDate || !e.endDate) throw new ApiError(422, "INVALID_EVENT", `A ${e.kind} needs both startDate and endDate.`, { field: !e.startDate ? "startDate" : "endDate" });
    if (e.startDate > e.endDate) throw new ApiError(422, "INVALID_EVENT", `startDate ${e.startDate} is after endDate ${e.endDate}.`, { field: "endDate", startDate: e.startDate, endDate: e.endDate });
  } else if (!e.scheduledDate && !e.actualDate) {
    throw new ApiError(422, "INVALID_EVENT", `A ${e.kind} needs a scheduledDate or an actualDate.`, { field: "scheduledDate" });
  }
}

/** Adds a disclosure event, re-derives the affected plans and tells grantees whose earliest date moved. */
export async function createDisclosure(db: Database, actor: Actor, input: z.infer<typeof disclosureBody>): Promise<DisclosureChange> {
  assertValidEvent(input);
  return db.transaction(async (tx) => {
    const issuerId = await issuerOf(tx, input.planId ?? null);
    const [event] = await tx
      .insert(disclosureEvents)
      .values({
        issuerId, planId: input.planId ?? null, kind: input.kind, title: input.title, titleEn: input.titleEn ?? null, fiscalYear: input.fiscalYear ?? null,
        scheduledDate: input.scheduledDate ?? null, actualDate: input.actualDate ?? null, startDate: input.startDate ?? null, endDate: input.endDate ?? null,
        note: input.note ?? null, createdBy: actor.userId,
      })
      .returning();
    await appendAudit(tx, { actorUserId: actor.userId, action: "disclosure.create", entityType: "disclosure_event", entityId: event!.id, before: null, after: event, ip: actor.ip });
    return { event: event!, ...(await rederiveAndNotify(tx, issuerId, [input.planId ?? null], `disclosure:${event!.id}`)) };
  });
}

/** Changes a disclosure event (e.g. the actual date of a postponed report); same re-derivation and notices as creating one. */
export async function updateDisclosure(db: Database, actor: Actor, eventId: string, patch: z.infer<typeof disclosurePatch>): Promise<DisclosureChange> {
  return db.transaction(async (tx) => {
    const before = await eventById(tx, eventId);
    const merged = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) } as EventRow;
    assertValidEvent(merged);
    const issuerId = await issuerOf(tx, merged.planId);
    const { id: _id, createdAt: _c, createdBy: _b, ...values } = merged;
    const [event] = await tx.update(disclosureEvents).set({ ...values, issuerId }).where(eq(disclosureEvents.id, eventId)).returning();
    await appendAudit(tx, { actorUserId: actor.userId, action: "disclosure.update", entityType: "disclosure_event", entityId: eventId, before, after: event, ip: actor.ip });
    // Moving an event from one plan to another (or to company-wide) affects both sides.
    return { event: event!, ...(await rederiveAndNotify(tx, issuerId, [before.planId, merged.planId], `disclosure:${eventId}`)) };
  });
}

/** Deletes a disclosure event (entered in error); the windows it opened disappear on re-derivation. */
export async function deleteDisclosure(db: Database, actor: Actor, eventId: string): Promise<DisclosureChange> {
  return db.transaction(async (tx) => {
    const before = await eventById(tx, eventId);
    await tx.delete(disclosureEvents).where(eq(disclosureEvents.id, eventId));
    await appendAudit(tx, { actorUserId: actor.userId, action: "disclosure.delete", entityType: "disclosure_event", entityId: eventId, before, after: null, ip: actor.ip });
    return { event: before, ...(await rederiveAndNotify(tx, before.issuerId, [before.planId], `disclosure:${eventId}:deleted`)) };
  });
}

/** An event with the blackout window it opens in each plan it binds. */
export interface DisclosureListItem extends Omit<EventRow, "createdAt"> {
  postponed: boolean;
  windows: { planId: string; planName: string; planNameEn: string; from: string; to: string }[];
}

/** Disclosure events overlapping [from, to] (by their dates), each with its derived blackout window per plan. */
export async function listDisclosures(db: Database, query: z.infer<typeof disclosureQuery>): Promise<{ plans: { id: string; name: string; nameEn: string }[]; events: DisclosureListItem[] }> {
  const planRows = await db.select({ id: plans.id, name: plans.name, nameEn: plans.nameEn }).from(plans).where(query.planId ? eq(plans.id, query.planId) : undefined).orderBy(asc(plans.createdAt));
  if (query.planId && planRows.length === 0) throw notFound("Plan");
  const windows = await loadBlackoutsForPlans(db, planRows.map((p) => p.id));
  const rows = await db.select().from(disclosureEvents).orderBy(asc(disclosureEvents.createdAt));
  const events: DisclosureListItem[] = [];
  for (const { createdAt: _c, ...r } of rows) {
    if (query.planId && r.planId !== null && r.planId !== query.planId) continue;
    const first = r.startDate ?? r.scheduledDate ?? r.actualDate!;
    const last = [r.endDate, r.actualDate, r.scheduledDate].filter((d): d is string => d !== null).sort().at(-1) ?? first;
    if ((query.from && last < query.from) || (query.to && first > query.to)) continue;
    const perPlan = planRows.flatMap((p) => {
      const w = windows.get(p.id)?.find((x) => x.id === r.id);
      return w ? [{ planId: p.id, planName: p.name, planNameEn: p.nameEn, from: w.from, to: w.to }] : [];
    });
    events.push({ ...r, postponed: r.scheduledDate !== null && r.actualDate !== null && r.actualDate > r.scheduledDate, windows: perPlan });
  }
  events.sort((a, b) => sortDate(a).localeCompare(sortDate(b)));
  return { plans: planRows, events };
}

function sortDate(e: EventRow | DisclosureListItem): string {
  return e.actualDate ?? e.scheduledDate ?? e.startDate ?? "";
}

async function eventById(tx: Transaction, eventId: string): Promise<EventRow> {
  const [row] = await tx.select().from(disclosureEvents).where(eq(disclosureEvents.id, eventId));
  if (!row) throw notFound("Disclosure event");
  return row;
}

/** The issuer of a plan, or the installation's single issuer for a company-wide event. */
export async function issuerOf(tx: Database | Transaction, planId: string | null): Promise<string> {
  if (planId) {
    const [plan] = await tx.select({ issuerId: plans.issuerId }).from(plans).where(eq(plans.id, planId));
    if (!plan) throw notFound("Plan");
    return plan.issuerId;
  }
  const rows = await tx.select({ id: issuers.id }).from(issuers).limit(2);
  if (rows.length === 0) throw notFound("Issuer");
  if (rows.length > 1) throw new ApiError(422, "ISSUER_AMBIGUOUS", "Several issuers exist: give the plan the event belongs to.");
  return rows[0]!.id;
}

/** Plans bound by events of these plan ids: null (company-wide) means every plan of the issuer. */
async function affectedPlanIds(tx: Transaction, issuerId: string, planIds: (string | null)[]): Promise<string[]> {
  if (planIds.includes(null)) return (await tx.select({ id: plans.id }).from(plans).where(eq(plans.issuerId, issuerId)).orderBy(asc(plans.createdAt))).map((p) => p.id);
  return [...new Set(planIds.filter((p): p is string => p !== null))];
}

async function rederiveAndNotify(tx: Transaction, issuerId: string, planIds: (string | null)[], sourceKey: string) {
  const affectedPlans = await affectedPlanIds(tx, issuerId, planIds);
  const changedTranches = await rederiveWithNotices(tx, affectedPlans, sourceKey);
  return { affectedPlans, changedTranches };
}

/**
 * Re-derives the plans inside the caller's transaction and, for every tranche whose earliest vesting
 * date moved, notifies the grantee's users in-app and by e-mail (once per source and new date).
 */
export async function rederiveWithNotices(tx: Transaction, planIds: string[], sourceKey: string): Promise<ChangedTranche[]> {
  const before = await earliestDates(tx, planIds);
  for (const planId of planIds) await rederivePlan(tx, planId);
  const after = await earliestDates(tx, planIds);
  const changed: ChangedTranche[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined || b === a) continue;
    const [grantId, index] = key.split("/") as [string, string];
    changed.push({ grantId, trancheIndex: Number(index), before: b, after: a });
  }
  await notifyGrantees(tx, changed.map((c) => ({ grantId: c.grantId, kind: "earliest_date_changed", payload: { ...c }, dedupeKey: `earliest_date_changed:${sourceKey}:${c.grantId}:${c.trancheIndex}:${c.after ?? "none"}` })), "归属最早日期变更 / Your earliest vesting date changed");
  return changed;
}

async function earliestDates(tx: Transaction, planIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  if (planIds.length === 0) return out;
  const rows = await tx
    .select({ grantId: tranches.grantId, index: tranches.trancheIndex, earliest: tranches.earliestVestingDate })
    .from(tranches)
    .innerJoin(grants, eq(grants.id, tranches.grantId))
    .where(inArray(grants.planId, planIds));
  for (const r of rows) out.set(`${r.grantId}/${r.index}`, r.earliest);
  return out;
}

/** A notice about one grant, sent to every enabled user linked to the grant's person. */
export interface GrantNotice { grantId: string; kind: string; payload: Record<string, unknown>; dedupeKey: string }

/** Inserts notifications (deduplicated) and one e-mail per new notification, for the users linked to each grant's person. */
export async function notifyGrantees(tx: Transaction, notices: GrantNotice[], subject: string): Promise<number> {
  if (notices.length === 0) return 0;
  let created = 0;
  for (const chunk of chunks(notices, 500)) {
    const holders = await tx
      .select({ grantId: grants.id, userId: users.id, email: users.email })
      .from(grants)
      .innerJoin(users, eq(users.personId, grants.personId))
      .where(and(inArray(grants.id, [...new Set(chunk.map((n) => n.grantId))]), eq(users.disabled, false)));
    const rows = chunk.flatMap((n) => holders.filter((h) => h.grantId === n.grantId).map((h) => ({ userId: h.userId, email: h.email, kind: n.kind, payload: n.payload, dedupeKey: `${n.dedupeKey}:${h.userId}` })));
    if (rows.length === 0) continue;
    const inserted = await tx
      .insert(notifications)
      .values(rows.map(({ email: _e, ...r }) => r))
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ dedupeKey: notifications.dedupeKey });
    const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
    const mails = inserted.map((i) => byKey.get(i.dedupeKey!)!).map((r) => ({ toAddress: r.email, subject, body: JSON.stringify(r.payload) }));
    if (mails.length > 0) await tx.insert(emailOutbox).values(mails);
    created += inserted.length;
  }
  return created;
}
