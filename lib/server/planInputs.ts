import { and, asc, eq, inArray, isNull, or } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { blackoutRuleSets, calendarClosures, calendarPublishedYears, disclosureEvents, plans } from "@/db/schema";
import { TradingCalendar } from "@/lib/domain/calendar/tradingCalendar";
import { deriveBlackoutWindows, type BlackoutWindow, type DisclosureEvent } from "@/lib/domain/blackout/blackoutWindows";

/** The SSE calendar with the closures and published years admins added in the database. */
export async function loadTradingCalendar(db: Database | Transaction): Promise<TradingCalendar> {
  const extra = await db.select({ date: calendarClosures.date, reason: calendarClosures.reason }).from(calendarClosures);
  const years = await db.select({ year: calendarPublishedYears.year }).from(calendarPublishedYears);
  const lastPublishedYear = years.reduce((max, y) => Math.max(max, y.year), 0);
  return TradingCalendar.sse({ closures: extra, lastPublishedYear: lastPublishedYear || undefined });
}

/** A plan's blackout windows under its rule set (company-wide events and the plan's own). */
export async function loadPlanBlackouts(db: Database | Transaction, planId: string): Promise<{ windows: BlackoutWindow[] }> {
  const windows = (await loadBlackoutsForPlans(db, [planId])).get(planId);
  if (!windows) throw new Error(`plan ${planId} not found`);
  return { windows };
}

/** Blackout windows of several plans from two queries (rule sets, then events), whatever the number of plans. */
export async function loadBlackoutsForPlans(db: Database | Transaction, planIds: string[]): Promise<Map<string, BlackoutWindow[]>> {
  const out = new Map<string, BlackoutWindow[]>();
  if (planIds.length === 0) return out;
  const planRows = await db
    .select({ id: plans.id, issuerId: plans.issuerId, name: blackoutRuleSets.name, annualDays: blackoutRuleSets.annualDays, quarterlyDays: blackoutRuleSets.quarterlyDays })
    .from(plans)
    .innerJoin(blackoutRuleSets, eq(plans.blackoutRuleSetId, blackoutRuleSets.id))
    .where(inArray(plans.id, planIds));
  const issuerIds = [...new Set(planRows.map((p) => p.issuerId))];
  const eventRows = await db
    .select()
    .from(disclosureEvents)
    .where(and(inArray(disclosureEvents.issuerId, issuerIds), or(isNull(disclosureEvents.planId), inArray(disclosureEvents.planId, planIds))))
    .orderBy(asc(disclosureEvents.id));
  const events = eventRows.map(toDisclosureEvent);
  for (const p of planRows) {
    const own = events.filter((e, i) => eventRows[i]!.issuerId === p.issuerId && (e.planId === null || e.planId === p.id));
    out.set(p.id, deriveBlackoutWindows(own, { name: p.name, annualDays: p.annualDays, quarterlyDays: p.quarterlyDays }));
  }
  return out;
}

function toDisclosureEvent(r: typeof disclosureEvents.$inferSelect): DisclosureEvent {
  return {
    id: r.id,
    planId: r.planId,
    kind: r.kind,
    title: r.title,
    titleEn: r.titleEn ?? undefined,
    fiscalYear: r.fiscalYear ?? undefined,
    scheduledDate: r.scheduledDate,
    actualDate: r.actualDate,
    startDate: r.startDate ?? undefined,
    endDate: r.endDate ?? undefined,
  };
}
