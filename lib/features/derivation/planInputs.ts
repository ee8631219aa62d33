import "server-only";
import { sql } from "drizzle-orm";
import { preparedStatement } from "@/lib/platform/preparedStatement";
import { blackoutKeysQuery, type BlackoutKeyRow } from "@/lib/features/derivation/blackoutKeys";
import type { Database, Transaction } from "@/db/client";
import { calendarClosures, calendarPublishedYears, disclosureEvents, plans } from "@/db/schema";
import { TradingCalendar } from "@/lib/domain/calendar/tradingCalendar";
import {
  deriveBlackoutWindows,
  type BlackoutWindow,
  type DisclosureEvent,
} from "@/lib/domain/blackout/blackoutWindows";

/** The SSE calendar with the closures and published years admins added in the database. */
export async function loadTradingCalendar(db: Database | Transaction): Promise<TradingCalendar> {
  const extra = await db
    .select({ date: calendarClosures.date, reason: calendarClosures.reason })
    .from(calendarClosures);
  const years = await db.select({ year: calendarPublishedYears.year }).from(calendarPublishedYears);
  const lastPublishedYear = years.reduce((max, y) => Math.max(max, y.year), 0);
  return TradingCalendar.sse({ closures: extra, lastPublishedYear: lastPublishedYear || undefined });
}

/** A plan's blackout windows under its rule set (company-wide events and the plan's own). */
export async function loadPlanBlackouts(
  db: Database | Transaction,
  planId: string,
): Promise<{ windows: BlackoutWindow[] }> {
  const windows = (await loadBlackoutsForPlans(db, [planId])).get(planId);
  if (!windows) throw new Error(`plan ${planId} not found`);
  return { windows };
}

/**
 * Blackout windows of several plans. Windows are a pure function of a plan's rule set and disclosure
 * events, so they are derived once per distinct input and kept. Each request asks PostgreSQL only for a
 * fingerprint of the events (their ids and row versions), and reads the events themselves only for a
 * plan whose fingerprint has not been seen: the grantee pages no longer carry every event on every request.
 */
export async function loadBlackoutsForPlans(
  db: Database | Transaction,
  planIds: string[],
): Promise<Map<string, BlackoutWindow[]>> {
  if (planIds.length === 0) return new Map();
  // A transaction handle prepares its own statement (cheap: it is built once per transaction).
  const [row] = await blackoutKeysQuery(db as Database).execute({ planIds });
  return blackoutsFromKeys(db, row?.keys ?? []);
}

/** The windows of the plans whose keys were read (by loadBlackoutsForPlans or in another statement). */
export async function blackoutsFromKeys(
  db: Database | Transaction,
  planRows: BlackoutKeyRow[],
): Promise<Map<string, BlackoutWindow[]>> {
  const out = new Map<string, BlackoutWindow[]>();
  const missing: { id: string; key: string; ruleSet: RuleSet }[] = [];
  for (const p of planRows) {
    const ruleSet = { name: p.name, annualDays: p.annualDays, quarterlyDays: p.quarterlyDays };
    const key = `${ruleSet.name}|${ruleSet.annualDays}|${ruleSet.quarterlyDays}|${p.eventsKey}`;
    const windows = windowMemo.get(key);
    if (windows) out.set(p.id, windows);
    else missing.push({ id: p.id, key, ruleSet });
  }
  if (missing.length > 0) {
    const events = await blackoutEventsQuery(db as Database).execute({ planIds: missing.map((m) => m.id) });
    const eventsOf = new Map(events.map((e) => [e.id, e.events]));
    for (const m of missing) {
      // Frozen: every caller shares these objects, so a mutation would be a bug (and throws instead).
      const windows = Object.freeze(
        deriveBlackoutWindows((eventsOf.get(m.id) ?? []).map(toDisclosureEvent), m.ruleSet).map((w) =>
          Object.freeze(w),
        ),
      ) as BlackoutWindow[];
      remember(m.key, windows);
      out.set(m.id, windows);
    }
  }
  return out;
}

type RuleSet = { name: string; annualDays: number; quarterlyDays: number };

// The events that apply to a plan: the issuer's company-wide ones and the plan's own.
const e = disclosureEvents;
const planEvents = sql`from ${e} where ${e.issuerId} = ${plans.issuerId} and (${e.planId} is null or ${e.planId} = ${plans.id})`;

const blackoutEventsQuery = preparedStatement((db) =>
  db
    .select({
      id: plans.id,
      events: sql<DisclosureEventRow[]>`coalesce((
        select json_agg(json_build_object('id', ${e.id}, 'planId', ${e.planId}, 'kind', ${e.kind}, 'title', ${e.title}, 'titleEn', ${e.titleEn},
          'fiscalYear', ${e.fiscalYear}, 'scheduledDate', ${e.scheduledDate}, 'actualDate', ${e.actualDate}, 'startDate', ${e.startDate}, 'endDate', ${e.endDate}) order by ${e.id})
        ${planEvents}), '[]'::json)`,
    })
    .from(plans)
    .where(sql`${plans.id} = any(${sql.placeholder("planIds")}::uuid[])`)
    .prepare("vd_blackout_events"),
);

const windowMemo = new Map<string, BlackoutWindow[]>();
const WINDOW_MEMO_LIMIT = 256;

function remember(key: string, windows: BlackoutWindow[]) {
  if (windowMemo.size >= WINDOW_MEMO_LIMIT) windowMemo.delete(windowMemo.keys().next().value!);
  windowMemo.set(key, windows);
}

type DisclosureEventRow = Pick<
  typeof disclosureEvents.$inferSelect,
  | "id"
  | "planId"
  | "kind"
  | "title"
  | "titleEn"
  | "fiscalYear"
  | "scheduledDate"
  | "actualDate"
  | "startDate"
  | "endDate"
>;

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
