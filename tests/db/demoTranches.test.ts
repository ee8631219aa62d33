/**
 * Every demo tranche checked against an independent, deliberately naive oracle: day-by-day scans over
 * the bundled CSV and date-fns month arithmetic, sharing no code with the engine's precomputed arrays.
 * An off-by-one day anywhere in windows, planned quantities or earliest dates fails here.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, format, parseISO } from "date-fns";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";
const closures = new Set(
  fs
    .readFileSync(path.join(process.cwd(), "data/sse-closures.csv"), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split(",")[0]),
);
const iso = (d: Date) => format(d, "yyyy-MM-dd");
const day = (s: string, n: number) => iso(addDays(parseISO(s), n));
const trading = (s: string) => {
  const w = parseISO(s).getDay();
  return w !== 0 && w !== 6 && !closures.has(s);
};
const covered = (s: string) => s <= "2026-12-31";

function oracleWindow(grantDate: string, startMonths: number, endMonths: number) {
  let open: string | null = iso(addMonths(parseISO(grantDate), startMonths));
  while (open && covered(open) && !trading(open)) open = day(open, 1);
  if (open && !covered(open)) open = null;
  const end = iso(addMonths(parseISO(grantDate), endMonths));
  let close: string | null = covered(day(end, -1)) ? day(end, -1) : null;
  while (close && !trading(close)) close = day(close, -1);
  return { open, close };
}

function oracleSplit(quantity: number, ratios: string[]) {
  const hundredths = ratios.map((r) => Math.round(Number(r) * 10000));
  const parts = hundredths.slice(0, -1).map((h) => Math.floor((quantity * h) / 10000));
  return [...parts, quantity - parts.reduce((a, b) => a + b, 0)];
}

describe.each(BACKENDS)("demo tranches against an independent oracle on %s", (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
  });
  afterAll(async () => h?.close());

  it("windows, planned quantities and earliest vesting dates follow the semantics exactly", async () => {
    const grants = await rows<{
      id: string;
      grant_date: string;
      quantity: string;
      category_id: string;
      leave_date: string | null;
      annual_days: number;
      quarterly_days: number;
    }>(
      h,
      sql`SELECT g.id, b.grant_date::text, g.quantity::text, g.category_id, p.leave_date::text, r.annual_days, r.quarterly_days
          FROM grants g JOIN grant_batches b ON b.id = g.batch_id JOIN persons p ON p.id = g.person_id
          JOIN plans pl ON pl.id = g.plan_id JOIN blackout_rule_sets r ON r.id = pl.blackout_rule_set_id`,
    );
    const arrangements = await rows<{
      category_id: string;
      tranche_index: number;
      start_months: number;
      end_months: number;
      ratio: string;
    }>(
      h,
      sql`SELECT category_id, tranche_index, start_months, end_months, ratio::text FROM vesting_arrangements ORDER BY tranche_index`,
    );
    const tranches = await rows<{
      grant_id: string;
      tranche_index: number;
      planned_quantity: string;
      window_open: string | null;
      window_close: string | null;
      earliest_vesting_date: string | null;
      status: string;
    }>(
      h,
      sql`SELECT grant_id, tranche_index, planned_quantity::text, window_open::text, window_close::text, earliest_vesting_date::text, status::text FROM tranches`,
    );
    // Blackout windows by each plan's rule set (30/10 in 2022, 15/5 from 2024-05-24), computed here from the raw calendar rows.
    const events = await rows<{
      kind: string;
      scheduled_date: string | null;
      actual_date: string | null;
      start_date: string | null;
      end_date: string | null;
    }>(
      h,
      sql`SELECT kind::text, scheduled_date::text, actual_date::text, start_date::text, end_date::text FROM disclosure_events`,
    );
    const blackoutsFor = (annualDays: number, quarterlyDays: number) =>
      events.map((e) => {
        if (e.kind === "major_event") return [e.start_date!, e.end_date!];
        const d = e.actual_date ?? e.scheduled_date!;
        const long = e.kind === "annual_report" || e.kind === "semi_annual_report";
        const base = long && e.scheduled_date && e.scheduled_date < d ? e.scheduled_date : d;
        return [day(base, long ? -annualDays : -quarterlyDays), day(d, -1)];
      });
    const rules = new Map<string, string[][]>();
    const inBlackoutFor = (g: { annual_days: number; quarterly_days: number }) => {
      const key = `${g.annual_days}/${g.quarterly_days}`;
      if (!rules.has(key)) rules.set(key, blackoutsFor(Number(g.annual_days), Number(g.quarterly_days)));
      const windows = rules.get(key)!;
      return (s: string) => windows.some(([from, to]) => s >= from! && s <= to!);
    };
    const byGrant = new Map<string, typeof tranches>();
    for (const t of tranches) byGrant.set(t.grant_id, [...(byGrant.get(t.grant_id) ?? []), t]);

    let checkedEarliest = 0;
    for (const g of grants) {
      const inBlackout = inBlackoutFor(g);
      const arr = arrangements.filter((a) => a.category_id === g.category_id);
      const got = (byGrant.get(g.id) ?? []).sort((a, b) => a.tranche_index - b.tranche_index);
      expect(got).toHaveLength(arr.length);
      const split = oracleSplit(
        Number(g.quantity),
        arr.map((a) => a.ratio),
      );
      arr.forEach((a, i) => {
        const t = got[i]!;
        const w = oracleWindow(g.grant_date, a.start_months, a.end_months);
        expect([g.id, a.tranche_index, t.window_open, t.window_close, Number(t.planned_quantity)]).toEqual([
          g.id,
          a.tranche_index,
          w.open,
          w.close,
          split[i],
        ]);
        if (t.status === "vestable" || t.status === "pending") {
          // A window that opens past the published calendar has no earliest day yet.
          if (w.open === null) {
            expect([g.id, a.tranche_index, t.earliest_vesting_date]).toEqual([g.id, a.tranche_index, null]);
            return;
          }
          let d = w.open > AS_OF ? w.open : AS_OF;
          const last = [w.close ?? "2026-12-31", g.leave_date ? g.leave_date : "9999-12-31"].sort()[0]!;
          while (d <= last && covered(d) && (!trading(d) || inBlackout(d))) d = day(d, 1);
          expect([g.id, a.tranche_index, t.earliest_vesting_date]).toEqual([
            g.id,
            a.tranche_index,
            d <= last && covered(d) ? d : null,
          ]);
          checkedEarliest++;
        }
      });
    }
    // 383 grants of the 2021 and 2022 plans, plus the current plan's 33 first and 3 reserved grants.
    expect(grants).toHaveLength(383 + 36);
    expect(checkedEarliest).toBeGreaterThan(100);
  });
});
