import "server-only";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { disclosureEvents, plans } from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { loadBlackoutsForPlans } from "@/lib/features/derivation/planInputs";
import { rederiveWithNotices, type ChangedTranche } from "@/lib/features/notices/grantNotices";
import { issuerOf } from "@/lib/features/plans/issuerOfPlan";
import type { Actor } from "@/lib/auth/actor";
import { disclosureBody, disclosurePatch, disclosureQuery } from "@/lib/features/disclosures/schemas";

const RANGE_KINDS = new Set<string>(["major_event", "exchange_window"]);

type EventRow = typeof disclosureEvents.$inferSelect;
/** One tranche whose earliest vesting date moved. */
export interface DisclosureChange {
  event: EventRow;
  affectedPlans: string[];
  changedTranches: ChangedTranche[];
}

/** Refuses an event whose dates do not fit its kind (422 INVALID_EVENT); the engine would otherwise fail or drop the window. */
export function assertValidEvent(e: {
  kind: string;
  scheduledDate?: string | null;
  actualDate?: string | null;
  startDate?: string | null;
  endDate?: string | null;
}): void {
  if (RANGE_KINDS.has(e.kind)) {
    if (!e.startDate || !e.endDate)
      throw new ApiError("INVALID_EVENT", `A ${e.kind} needs both startDate and endDate.`, {
        field: !e.startDate ? "startDate" : "endDate",
      });
    if (e.startDate > e.endDate)
      throw new ApiError("INVALID_EVENT", `startDate ${e.startDate} is after endDate ${e.endDate}.`, {
        field: "endDate",
        startDate: e.startDate,
        endDate: e.endDate,
      });
  } else if (!e.scheduledDate && !e.actualDate) {
    throw new ApiError("INVALID_EVENT", `A ${e.kind} needs a scheduledDate or an actualDate.`, {
      field: "scheduledDate",
    });
  }
}

/** Adds a disclosure event, re-derives the affected plans and tells grantees whose earliest date moved. */
export async function createDisclosure(
  db: Database,
  actor: Actor,
  input: z.infer<typeof disclosureBody>,
): Promise<DisclosureChange> {
  assertValidEvent(input);
  return db.transaction(async (tx) => {
    const issuerId = await issuerOf(tx, input.planId ?? null);
    const [event] = await tx
      .insert(disclosureEvents)
      .values({
        issuerId,
        planId: input.planId ?? null,
        kind: input.kind,
        title: input.title,
        titleEn: input.titleEn ?? null,
        fiscalYear: input.fiscalYear ?? null,
        scheduledDate: input.scheduledDate ?? null,
        actualDate: input.actualDate ?? null,
        startDate: input.startDate ?? null,
        endDate: input.endDate ?? null,
        note: input.note ?? null,
        createdBy: actor.userId,
      })
      .returning();
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "disclosure.create",
      entityType: "disclosure_event",
      entityId: event!.id,
      before: null,
      after: event,
      ip: actor.ip,
    });
    return {
      event: event!,
      ...(await rederiveAndNotify(tx, issuerId, [input.planId ?? null], `disclosure:${event!.id}`)),
    };
  });
}

/** Changes a disclosure event (e.g. the actual date of a postponed report); same re-derivation and notices as creating one. */
export async function updateDisclosure(
  db: Database,
  actor: Actor,
  eventId: string,
  patch: z.infer<typeof disclosurePatch>,
): Promise<DisclosureChange> {
  return db.transaction(async (tx) => {
    const before = await eventById(tx, eventId);
    const merged = {
      ...before,
      ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
    } as EventRow;
    assertValidEvent(merged);
    const issuerId = await issuerOf(tx, merged.planId);
    const { id: _id, createdAt: _c, createdBy: _b, ...values } = merged;
    const [event] = await tx
      .update(disclosureEvents)
      .set({ ...values, issuerId })
      .where(eq(disclosureEvents.id, eventId))
      .returning();
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "disclosure.update",
      entityType: "disclosure_event",
      entityId: eventId,
      before,
      after: event,
      ip: actor.ip,
    });
    // Moving an event from one plan to another (or to company-wide) affects both sides.
    return {
      event: event!,
      ...(await rederiveAndNotify(tx, issuerId, [before.planId, merged.planId], `disclosure:${eventId}`)),
    };
  });
}

/** Deletes a disclosure event (entered in error); the windows it opened disappear on re-derivation. */
export async function deleteDisclosure(db: Database, actor: Actor, eventId: string): Promise<DisclosureChange> {
  return db.transaction(async (tx) => {
    const before = await eventById(tx, eventId);
    await tx.delete(disclosureEvents).where(eq(disclosureEvents.id, eventId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "disclosure.delete",
      entityType: "disclosure_event",
      entityId: eventId,
      before,
      after: null,
      ip: actor.ip,
    });
    return {
      event: before,
      ...(await rederiveAndNotify(tx, before.issuerId, [before.planId], `disclosure:${eventId}:deleted`)),
    };
  });
}

/** An event with the blackout window it opens in each plan it binds. */
export interface DisclosureListItem extends Omit<EventRow, "createdAt"> {
  postponed: boolean;
  windows: { planId: string; planName: string; planNameEn: string; from: string; to: string }[];
}

/** Disclosure events overlapping [from, to] (by their dates), each with its derived blackout window per plan. */
export async function listDisclosures(
  db: Database,
  query: z.infer<typeof disclosureQuery>,
): Promise<{ plans: { id: string; name: string; nameEn: string }[]; events: DisclosureListItem[] }> {
  const planRows = await db
    .select({ id: plans.id, name: plans.name, nameEn: plans.nameEn })
    .from(plans)
    .where(query.planId ? eq(plans.id, query.planId) : undefined)
    // Plans created in one transaction (the demo seed) share createdAt: the name keeps their order stable.
    .orderBy(asc(plans.createdAt), asc(plans.name));
  if (query.planId && planRows.length === 0) throw notFound("Plan");
  const windows = await loadBlackoutsForPlans(
    db,
    planRows.map((p) => p.id),
  );
  const rows = await db.select().from(disclosureEvents).orderBy(asc(disclosureEvents.createdAt));
  const events: DisclosureListItem[] = [];
  for (const { createdAt: _c, ...r } of rows) {
    if (query.planId && r.planId !== null && r.planId !== query.planId) continue;
    const first = r.startDate ?? r.scheduledDate ?? r.actualDate!;
    const last =
      [r.endDate, r.actualDate, r.scheduledDate]
        .filter((d): d is string => d !== null)
        .sort()
        .at(-1) ?? first;
    if ((query.from && last < query.from) || (query.to && first > query.to)) continue;
    const perPlan = planRows.flatMap((p) => {
      const w = windows.get(p.id)?.find((x) => x.id === r.id);
      return w ? [{ planId: p.id, planName: p.name, planNameEn: p.nameEn, from: w.from, to: w.to }] : [];
    });
    events.push({
      ...r,
      postponed: r.scheduledDate !== null && r.actualDate !== null && r.actualDate > r.scheduledDate,
      windows: perPlan,
    });
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

/** Plans bound by events of these plan ids: null (company-wide) means every plan of the issuer. */
async function affectedPlanIds(tx: Transaction, issuerId: string, planIds: (string | null)[]): Promise<string[]> {
  if (planIds.includes(null))
    return (
      await tx.select({ id: plans.id }).from(plans).where(eq(plans.issuerId, issuerId)).orderBy(asc(plans.createdAt))
    ).map((p) => p.id);
  return [...new Set(planIds.filter((p): p is string => p !== null))];
}

async function rederiveAndNotify(tx: Transaction, issuerId: string, planIds: (string | null)[], sourceKey: string) {
  const affectedPlans = await affectedPlanIds(tx, issuerId, planIds);
  const changedTranches = await rederiveWithNotices(tx, affectedPlans, sourceKey);
  return { affectedPlans, changedTranches };
}
