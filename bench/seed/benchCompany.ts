/**
 * The shape of the synthetic benchmark company, as pure deterministic functions of an index: plan k's
 * dates, price and batch capacities, person i's eligibility and leave date, each grant's quantity.
 * Nothing depends on the requested total, so a company of 1,000 grants is the first 1,000 grants of
 * one of 100,000: a top-up only adds, and the bench grantee has the same grants at every size.
 */
import { addDays } from "@/lib/domain/calendar/isoDate";
import type { TradingCalendar } from "@/lib/domain/calendar/tradingCalendar";
import { seededRandom, syntheticPeople, type SyntheticPerson } from "@/db/seed/syntheticPeople";

/** 2,000,000,000 shares: 1 % = 20,000,000 per person, 20 % = 400,000,000 over all plans. */
export const BENCH_SHARE_CAPITAL = 2_000_000_000;
export const BENCH_ISSUER = {
  name: "基准测试科技股份有限公司",
  nameEn: "Benchmark Technology Co., Ltd. (synthetic)",
  stockCode: "688999",
  parValue: "1.00",
};

/** Person indexes (1-based) with a fixed role in the company. */
export const BENCH_PEOPLE = { grantee: 1, directors: [2, 3], independentDirector: 4, supervisor: 5 };
/**
 * Plans (1-based, newest first) in whose first batch the bench grantee holds a grant, always as the
 * first person: plans 1-3 hold 900 grants, so even a 1,000-grant company has all four (pending,
 * vestable and vested tranches, deferrals by blackouts).
 */
export const GRANTEE_PLANS = [1, 2, 3, 4];

/** Plan 1 is granted 45 days before "today", each older plan 150 days earlier; none before STAR's first year. */
const FIRST_BATCH_SIZES = [200, 250, 300];
const LARGE_FIRST_BATCH = 5000;
const PLAN_SPACING_DAYS = 150;
const EARLIEST_PLAN_DAY = "2019-08-01";
export const VALIDITY_MONTHS = 72;

/** 33/33/34 over three years, the most common STAR arrangement; both categories use it. */
export const BENCH_ARRANGEMENT = [
  { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
  { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
  { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
];
export const BENCH_CATEGORIES = [
  { code: 1, name: "核心技术人员", nameEn: "Core technical staff" },
  { code: 2, name: "核心业务人员", nameEn: "Core business staff" },
];

/** A 32-bit integer hash of small integers (for per-grant values that must not depend on order). */
export function mix(...values: number[]): number {
  let h = 0x9e3779b9;
  for (const v of values) {
    h = Math.imul(h ^ (v >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** The workforce: the demo's synthetic people (names, pinyin, valid-format fictional ID numbers), every 997th foreign. */
export function benchPeople(employees: number): SyntheticPerson[] {
  return syntheticPeople(
    employees,
    Array.from({ length: Math.floor(employees / 997) }, (_, i) => (i + 1) * 997),
  );
}

/** Whether person i may be an incentive object at all (independent directors and supervisors may not). */
export function isIneligible(index: number): boolean {
  return index === BENCH_PEOPLE.independentDirector || index === BENCH_PEOPLE.supervisor;
}

/** About 2 % of the staff have left, on a date between 2022 and late 2026; the grantee never leaves. */
export function leaveDateOf(index: number): string | null {
  if (index === BENCH_PEOPLE.grantee || index % 50 !== 7) return null;
  return addDays("2022-01-10", mix(index, 17) % 1750);
}

/** Category code of person i's grants: every third person is business staff. */
export function categoryCodeOf(index: number): number {
  return index % 3 === 0 ? 2 : 1;
}

/** Quantity of one grant: 500..2,500 shares in hundreds (the per-person and 20 % caps stay far away). */
export function grantQuantity(plan: number, reserved: boolean, person: number): number {
  return 100 * (5 + (mix(plan, reserved ? 1 : 0, person) % 21));
}

/** Individual appraisal grade of one grant's tranche: mostly A/B, some C (80 %), rare D (0 %). */
export function gradeOf(grantSlot: number, trancheIndex: number): string {
  const h = mix(grantSlot, trancheIndex, 3) % 100;
  return h < 2 ? "D" : h < 10 ? "C" : h < 55 ? "A" : "B";
}

/** Company-level ratio of one vesting period: one period in five met only the lower target. */
export function companyRatioOf(plan: number, reserved: boolean, categoryCode: number, trancheIndex: number): string {
  return mix(plan, reserved ? 1 : 0, categoryCode, trancheIndex) % 5 === 0 ? "0.8" : "1";
}

/** Dates, price and capacities of plan k (1-based, newest first). */
export interface BenchPlanShape {
  index: number;
  key: string;
  name: string;
  nameEn: string;
  announcementDate: string;
  boardApprovalDate: string;
  generalMeetingDate: string;
  firstGrantDate: string;
  reservedGrantDate: string | null;
  grantPrice: string;
  firstCapacity: number;
  reservedCapacity: number;
  rules2024: boolean;
  majorEvent: { startDate: string; endDate: string } | null;
}

/** Plan k's shape; capacities are capped by the people who may receive a grant on the grant date. */
export function planShape(k: number, asOf: string, calendar: TradingCalendar, employees: number): BenchPlanShape {
  const planned = addDays(asOf, -45 - (k - 1) * PLAN_SPACING_DAYS);
  const firstGrantDate = calendar.firstTradingDayOnOrAfter(planned > EARLIEST_PLAN_DAY ? planned : EARLIEST_PLAN_DAY);
  const generalMeetingDate = addDays(firstGrantDate, -2);
  const boardApprovalDate = addDays(generalMeetingDate, -30);
  // The reserve is granted six months later, when that day has come (the calendar ends at its last published year).
  const reserveDay =
    addDays(firstGrantDate, 180) <= asOf ? calendar.firstTradingDayOnOrAfter(addDays(firstGrantDate, 180)) : null;
  const reservedGrantDate = reserveDay !== null && reserveDay <= asOf ? reserveDay : null;
  const firstCapacity = Math.min(
    FIRST_BATCH_SIZES[k - 1] ?? LARGE_FIRST_BATCH,
    batchOrder(k, false, firstGrantDate, employees).length,
  );
  // A sixth of the first batch: the reserve (a quarter of the first grant) is never exceeded.
  const reservedCapacity = reservedGrantDate
    ? Math.min(Math.floor(firstCapacity / 6), batchOrder(k, true, reservedGrantDate, employees).length)
    : 0;
  const year = Number(firstGrantDate.slice(0, 4));
  const eventStart = addDays(firstGrantDate, 400 + (mix(k, 5) % 200));
  return {
    index: k,
    key: `bench-${k}`,
    name: `${year}年第${k}期限制性股票激励计划（基准）`,
    nameEn: `Bench plan ${k} (${year})`,
    announcementDate: addDays(boardApprovalDate, 1),
    boardApprovalDate,
    generalMeetingDate,
    firstGrantDate,
    reservedGrantDate,
    grantPrice: (18 + (mix(k, 9) % 4000) / 100).toFixed(2),
    firstCapacity,
    reservedCapacity,
    rules2024: boardApprovalDate >= "2024-05-24",
    majorEvent:
      eventStart < asOf ? { startDate: eventStart, endDate: addDays(eventStart, 5 + (mix(k, 6) % 20)) } : null,
  };
}

/**
 * Who fills plan k's batch, in order: a seeded shuffle of the people eligible on the grant date, with
 * the bench grantee first in the first batch of GRANTEE_PLANS and nowhere else.
 */
export function batchOrder(k: number, reserved: boolean, grantDate: string, employees: number): number[] {
  const pool: number[] = [];
  for (let i = 1; i <= employees; i++) {
    if (i === BENCH_PEOPLE.grantee || isIneligible(i)) continue;
    const left = leaveDateOf(i);
    if (left !== null && left <= grantDate) continue;
    pool.push(i);
  }
  const random = seededRandom(mix(k, reserved ? 2 : 1, 77));
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  if (!reserved && GRANTEE_PLANS.includes(k)) pool.unshift(BENCH_PEOPLE.grantee);
  return pool;
}
