/**
 * P5 benchmark: derive the tranches of 50,000 synthetic grants × 3 tranches in ≤ 1 s on one core.
 * Run: npx tsx bench/engine.bench.ts   (prints one JSON line)
 */
import { pathToFileURL } from "node:url";
import {
  BLACKOUT_RULES_2022,
  DEFAULT_GRADE_TABLE,
  TradingCalendar,
  addDays,
  addMonthsClamped,
  deriveBlackoutWindows,
  deriveTranches,
  prepareBlackouts,
  type AppraisalInput,
  type CorporateActionInput,
  type DeriveTranchesInput,
  type DisclosureEvent,
  type VestingEventInput,
} from "../lib/domain";

/** Result line of a benchmark. */
export type BenchResult = { name: string; seconds: number; target: number; ratio: number };

const GRANTS = 50_000;
const PLANS = 20;
const AS_OF = "2025-09-15";
const TRANCHES = [
  { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
  { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
  { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
];

/** Deterministic PRNG (mulberry32) so every run measures the same workload. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Periodic reports 2021-2026 (company-wide) plus one major event per plan and year. */
function disclosureEvents(random: () => number): DisclosureEvent[] {
  const events: DisclosureEvent[] = [];
  const day = (y: number, md: string, spread: number) => addDays(`${y}-${md}`, Math.floor(random() * spread));
  for (let y = 2021; y <= 2026; y++) {
    const annual = day(y, "04-15", 15);
    const postponed = random() < 0.2;
    events.push({
      id: `ar-${y}`,
      planId: null,
      kind: "annual_report",
      fiscalYear: y - 1,
      scheduledDate: annual,
      actualDate: postponed ? addDays(annual, 7) : annual,
    });
    events.push({ id: `q1-${y}`, planId: null, kind: "q1_report", fiscalYear: y, actualDate: day(y, "04-25", 5) });
    events.push({
      id: `sa-${y}`,
      planId: null,
      kind: "semi_annual_report",
      fiscalYear: y,
      scheduledDate: day(y, "08-20", 10),
    });
    events.push({ id: `q3-${y}`, planId: null, kind: "q3_report", fiscalYear: y, actualDate: day(y, "10-24", 7) });
    events.push({
      id: `pf-${y}`,
      planId: null,
      kind: "performance_forecast",
      fiscalYear: y - 1,
      actualDate: day(y, "01-20", 10),
    });
    events.push({
      id: `pe-${y}`,
      planId: null,
      kind: "performance_express",
      fiscalYear: y - 1,
      actualDate: day(y, "02-20", 8),
    });
    for (let p = 0; p < PLANS; p++) {
      const start = day(y, "03-01", 200);
      events.push({
        id: `me-${y}-${p}`,
        planId: `plan-${p}`,
        kind: "major_event",
        title: "Asset restructuring",
        startDate: start,
        endDate: addDays(start, 3 + Math.floor(random() * 20)),
      });
    }
  }
  return events;
}

/** Dividends every June and a 4-for-10 capitalisation in 2023, shared by all plans. */
const ADJUSTMENTS: CorporateActionInput[] = [
  { type: "dividend", exDate: "2022-06-15", v: "0.30" },
  { type: "capitalisation", exDate: "2023-05-25", n: "0.4" },
  { type: "dividend", exDate: "2023-06-14", v: "0.25" },
  { type: "dividend", exDate: "2024-06-12", v: "0.28" },
  { type: "dividend_bonus", exDate: "2025-06-11", v: "0.20", n: "0.1" },
];

/** Builds the synthetic workload: one derive input per grant. */
export function buildEngineWorkload(seed = 20250915): DeriveTranchesInput[] {
  const random = rng(seed);
  const calendar = TradingCalendar.sse();
  const windows = deriveBlackoutWindows(disclosureEvents(random), BLACKOUT_RULES_2022);
  const grades = ["A", "A", "B", "B", "B", "C", "D"] as const;
  const plans = Array.from({ length: PLANS }, (_, p) => {
    const first = calendar.firstTradingDayOnOrAfter(addDays("2021-01-04", Math.floor(random() * 1300)));
    return {
      id: `plan-${p}`,
      grantDates: [first, calendar.firstTradingDayOnOrAfter(addDays(first, 60 + Math.floor(random() * 250)))],
      price: (10 + random() * 60).toFixed(2),
      blackouts: prepareBlackouts(windows.filter((w) => w.planId === null || w.planId === `plan-${p}`)),
    };
  });

  const inputs: DeriveTranchesInput[] = [];
  for (let g = 0; g < GRANTS; g++) {
    const plan = plans[g % PLANS]!;
    const grantDate = plan.grantDates[random() < 0.8 ? 0 : 1]!;
    const appraisals: AppraisalInput[] = [];
    const vestings: VestingEventInput[] = [];
    for (const t of TRANCHES) {
      const open = addMonthsClamped(grantDate, t.startMonths);
      if (open > AS_OF) continue;
      appraisals.push({
        trancheIndex: t.index,
        companyRatio: random() < 0.8 ? "1" : "0.8",
        grade: grades[Math.floor(random() * grades.length)]!,
      });
      const vestOn = calendar.firstTradingDayOnOrAfter(addDays(open, 20 + Math.floor(random() * 40)));
      if (vestOn <= AS_OF && random() < 0.85) vestings.push({ trancheIndex: t.index, vestingDate: vestOn });
    }
    inputs.push({
      grant: { id: `g-${g}`, grantDate, quantity: 100 * (10 + Math.floor(random() * 2000)), grantPrice: plan.price },
      tranches: TRANCHES,
      adjustments: ADJUSTMENTS,
      appraisals,
      vestings,
      leaveDate: random() < 0.05 ? addDays(grantDate, 100 + Math.floor(random() * 1200)) : null,
      gradeTable: DEFAULT_GRADE_TABLE,
      blackouts: plan.blackouts,
      calendar,
      asOf: AS_OF,
      validityEnd: addDays(addMonthsClamped(grantDate, 60), -1),
    });
  }
  return inputs;
}

/** Times deriveTranches over the whole workload (median of 3 runs after a warm-up run). */
export function runEngineBench(): BenchResult {
  const inputs = buildEngineWorkload();
  const runOnce = () => {
    const t0 = performance.now();
    let checksum = 0;
    for (const input of inputs) checksum += deriveTranches(input).quantity;
    return { seconds: (performance.now() - t0) / 1000, checksum };
  };
  runOnce();
  const runs = [runOnce(), runOnce(), runOnce()].map((r) => r.seconds).sort((a, b) => a - b);
  const seconds = Number(runs[1]!.toFixed(3));
  const target = 1;
  return { name: "P5 engine 50k grants x 3 tranches", seconds, target, ratio: Number((seconds / target).toFixed(3)) };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(runEngineBench()));
}
