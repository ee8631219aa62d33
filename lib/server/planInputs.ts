import { eq, sql } from "drizzle-orm";
import { preparedStatement } from "./preparedStatement";
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

/**
 * Blackout windows of several plans from one query (each plan's rule set with the issuer's and its own
 * disclosure events as JSON), whatever the number of plans.
 */
export async function loadBlackoutsForPlans(db: Database | Transaction, planIds: string[]): Promise<Map<string, BlackoutWindow[]>> {
  const out = new Map<string, BlackoutWindow[]>();
  if (planIds.length === 0) return out;
  // A transaction handle prepares its own statement (cheap: it is built once per transaction).
  const planRows = await blackoutInputsQuery(db as Database).execute({ planIds });
  for (const p of planRows) out.set(p.id, derivedWindows(p.events, { name: p.name, annualDays: p.annualDays, quarterlyDays: p.quarterlyDays }));
  return out;
}

const blackoutInputsQuery = preparedStatement((db) => {
  const e = disclosureEvents;
  return db
    .select({
      id: plans.id, name: blackoutRuleSets.name, annualDays: blackoutRuleSets.annualDays, quarterlyDays: blackoutRuleSets.quarterlyDays,
      // As text: it is the memo key below, and parsed only when the windows are not derived yet.
      events: sql<string>`coalesce((
        select json_agg(json_build_object('id', ${e.id}, 'planId', ${e.planId}, 'kind', ${e.kind}, 'title', ${e.title}, 'titleEn', ${e.titleEn},
          'fiscalYear', ${e.fiscalYear}, 'scheduledDate', ${e.scheduledDate}, 'actualDate', ${e.actualDate}, 'startDate', ${e.startDate}, 'endDate', ${e.endDate}) order by ${e.id})
        from ${e} where ${e.issuerId} = ${plans.issuerId} and (${e.planId} is null or ${e.planId} = ${plans.id})), '[]'::json)::text`,
    })
    .from(plans)
    .innerJoin(blackoutRuleSets, eq(plans.blackoutRuleSetId, blackoutRuleSets.id))
    .where(sql`${plans.id} = any(${sql.placeholder("planIds")}::uuid[])`)
    .prepare("vd_blackout_inputs");
});

// Windows are a pure function of the events and the rule set, so they are derived once per distinct
// input and reused; the key is the whole input, so a changed event can never be answered from the memo.
const windowMemo = new Map<string, BlackoutWindow[]>();
const WINDOW_MEMO_LIMIT = 256;

function derivedWindows(eventsJson: string, ruleSet: { name: string; annualDays: number; quarterlyDays: number }): BlackoutWindow[] {
  const key = `${ruleSet.name}|${ruleSet.annualDays}|${ruleSet.quarterlyDays}|${eventsJson}`;
  let windows = windowMemo.get(key);
  if (!windows) {
    // Frozen: every caller shares these objects, so a mutation would be a bug (and throws instead).
    windows = Object.freeze(deriveBlackoutWindows((JSON.parse(eventsJson) as DisclosureEventRow[]).map(toDisclosureEvent), ruleSet).map((w) => Object.freeze(w))) as BlackoutWindow[];
    if (windowMemo.size >= WINDOW_MEMO_LIMIT) windowMemo.delete(windowMemo.keys().next().value!);
    windowMemo.set(key, windows);
  }
  return windows;
}

type DisclosureEventRow = Pick<typeof disclosureEvents.$inferSelect, "id" | "planId" | "kind" | "title" | "titleEn" | "fiscalYear" | "scheduledDate" | "actualDate" | "startDate" | "endDate">;

function toDisclosureEvent(r: DisclosureEventRow): DisclosureEvent {
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
