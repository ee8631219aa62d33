import { addDays, addMonthsClamped } from "@/lib/domain/calendar/isoDate";

/**
 * The demo company, taken from the plan texts in shared/domain: a fictional STAR issuer with
 * 461,000,000 shares, a 2021 plan (first grant 2021-06-02, 700,000 shares to 223 people at 45.86,
 * cash dividend 0.60 -> 45.26, reserved grant 2021-12-28 of 138,300 to 13 people) and a 2022 plan
 * (1,000,000 shares; 800,000 first grant to 127 people in two categories; 200,000 reserved).
 * Dates the texts do not give are placed plausibly and marked here.
 */

export const DEMO_ISSUER = {
  name: "星衡办公软件股份有限公司",
  nameEn: "Xingheng Office Software Co., Ltd. (fictional)",
  stockCode: "688901",
  parValue: "1.00",
  shareCapital: 461_000_000,
  shareCapitalSince: "2019-11-18",
};

/** Tranches as months after the grant date; 33/33/34 from the 2022 plan text, used for the 2021 plan too (illustrative there). */
export const ARRANGEMENT_33_33_34 = [
  { index: 1, startMonths: 12, endMonths: 24, ratio: "0.33" },
  { index: 2, startMonths: 24, endMonths: 36, ratio: "0.33" },
  { index: 3, startMonths: 36, endMonths: 48, ratio: "0.34" },
];
/** Category 2 of the 2022 plan: the text's table is cut off, so this 50/50 arrangement is illustrative. */
export const ARRANGEMENT_CATEGORY_2 = [
  { index: 1, startMonths: 24, endMonths: 36, ratio: "0.5" },
  { index: 2, startMonths: 36, endMonths: 48, ratio: "0.5" },
];

/** Person indexes (1-based) in the synthetic workforce of 300. */
export const PEOPLE = {
  count: 300,
  foreign: [5, 212],
  directors: [1],
  seniorManagers: [2, 3],
  coreTechnicians: [4],
  independentDirector: 290,
  supervisor: 291,
  majorHolder: 292,
  employee: 100,
  employee2: 221,
  leaver: { index: 150, leaveDate: "2024-09-30" },
};

/** Plan definitions; `firstGrantPeople` and `reservedPeople` are person index ranges. */
export const DEMO_PLANS = [
  {
    key: "2021",
    name: "2021年限制性股票激励计划",
    nameEn: "2021 Restricted Stock Incentive Plan",
    boardApprovalDate: "2021-05-12",
    announcementDate: "2021-05-13",
    generalMeetingDate: "2021-06-02",
    firstGrantQuantity: 700_000,
    // The text gives only what was granted from the reserve; 175,000 (20% of the plan) is our assumption.
    reservedQuantity: 175_000,
    validityMonths: 60,
    status: "closed" as const,
    publicity: { startDate: "2021-05-14", endDate: "2021-05-24" },
    verification: {
      opinionDate: "2021-05-26",
      disclosureDate: "2021-05-27",
      members: "监事会主席 许静；监事 何涛、梁欣",
    },
    categories: [
      {
        code: 1,
        name: "核心管理人员及技术骨干",
        nameEn: "Core managers and technical backbone",
        illustrative: true,
        arrangement: ARRANGEMENT_33_33_34,
      },
    ],
    first: {
      grantDate: "2021-06-02",
      grantPrice: "45.86",
      boardResolutionDate: "2021-06-02",
      people: range(1, 223),
      category2: [] as number[],
    },
    reserved: {
      grantDate: "2021-12-28",
      grantPrice: "45.26",
      boardResolutionDate: "2021-12-28",
      quantity: 138_300,
      people: range(224, 236),
    },
    /** Vesting runs: batch, category (default 1), tranche, registration date (a permissible trading day), company ratio, fiscal year. */
    vestingRuns: [
      { batch: "first", tranche: 1, date: "2022-06-20", companyRatio: "1", fiscalYear: 2021 },
      { batch: "first", tranche: 2, date: "2023-06-19", companyRatio: "1", fiscalYear: 2022 },
      { batch: "first", tranche: 3, date: "2024-06-24", companyRatio: "1", fiscalYear: 2023 },
      { batch: "reserved", tranche: 1, date: "2023-01-09", companyRatio: "1", fiscalYear: 2021 },
      { batch: "reserved", tranche: 2, date: "2024-01-08", companyRatio: "1", fiscalYear: 2022 },
      { batch: "reserved", tranche: 3, date: "2025-01-06", companyRatio: "1", fiscalYear: 2023 },
    ],
  },
  {
    key: "2022",
    name: "2022年限制性股票激励计划",
    nameEn: "2022 Restricted Stock Incentive Plan",
    boardApprovalDate: "2022-10-28",
    announcementDate: "2022-10-29",
    generalMeetingDate: "2022-11-28",
    firstGrantQuantity: 800_000,
    reservedQuantity: 200_000,
    validityMonths: 60,
    status: "vesting" as const,
    publicity: { startDate: "2022-11-01", endDate: "2022-11-14" },
    verification: {
      opinionDate: "2022-11-18",
      disclosureDate: "2022-11-21",
      members: "监事会主席 许静；监事 何涛、梁欣",
    },
    categories: [
      { code: 1, name: "第一类激励对象", nameEn: "Category 1", illustrative: false, arrangement: ARRANGEMENT_33_33_34 },
      {
        code: 2,
        name: "第二类激励对象",
        nameEn: "Category 2 (illustrative arrangement)",
        illustrative: true,
        arrangement: ARRANGEMENT_CATEGORY_2,
      },
    ],
    // 127 people: 121 in category 1 and 6 (216..221) in category 2. Directors, officers and core technicians are excluded by the text.
    first: {
      grantDate: "2022-12-05",
      grantPrice: "39.58",
      boardResolutionDate: "2022-12-05",
      people: range(100, 226),
      category2: range(216, 221),
    },
    reserved: {
      grantDate: "2023-09-20",
      grantPrice: "39.58",
      boardResolutionDate: "2023-09-20",
      quantity: 150_000,
      people: range(237, 256),
    },
    vestingRuns: [
      { batch: "first", tranche: 1, date: "2023-12-18", companyRatio: "1", fiscalYear: 2023 },
      { batch: "first", tranche: 2, date: "2024-12-16", companyRatio: "0.8", fiscalYear: 2024 },
      { batch: "first", category: 2, tranche: 1, date: "2024-12-16", companyRatio: "0.8", fiscalYear: 2024 },
      { batch: "reserved", tranche: 1, date: "2024-10-14", companyRatio: "1", fiscalYear: 2024 },
      { batch: "reserved", tranche: 2, date: "2025-10-13", companyRatio: "0.8", fiscalYear: 2025 },
    ],
  },
];

/**
 * A plan now in publicity (not from the texts): it shows the publicity notice and objections at work.
 * Its dates are offsets from the day the demo is seeded, so the publicity is always under way; on
 * 2026-11-21 (the pinned day of the tests) they are 2026-11-13 board, 11-18 to 11-30 publicity, 12-08 meeting.
 */
export function demoPlanInPublicity(asOf: string) {
  const year = asOf.slice(0, 4);
  return {
    name: `${year}年限制性股票激励计划`,
    nameEn: `${year} Restricted Stock Incentive Plan`,
    boardApprovalDate: addDays(asOf, -8),
    announcementDate: addDays(asOf, -7),
    generalMeetingDate: addDays(asOf, 17),
    firstGrantQuantity: 1_000_000,
    reservedQuantity: 200_000,
    validityMonths: 72,
    category: {
      code: 1,
      name: "核心技术及业务人员",
      nameEn: "Core technical and business staff",
      arrangement: [
        { index: 1, startMonths: 12, endMonths: 24, ratio: "0.4" },
        { index: 2, startMonths: 24, endMonths: 36, ratio: "0.3" },
        { index: 3, startMonths: 36, endMonths: 48, ratio: "0.3" },
      ],
    },
    people: range(100, 159),
    publicity: { startDate: addDays(asOf, -3), endDate: addDays(asOf, 9) },
    /** An objection still to be answered, filed the day after the publicity began. */
    objection: {
      filedOn: addDays(asOf, -2),
      text: "名单中研发中心一名人员的职务仍为调岗前的职务，请核实后更正。",
    },
  };
}

/**
 * A plan granted about a year before the demo is seeded, dated from that day so it is always "now": the
 * first grant's first window opened about a month ago (a vesting run for HR to do), the reserved grant's
 * first window opens in about two weeks and a major event pushes its earliest day (the grantee's next
 * vesting, and why it moved), later tranches are pending, and one grantee left ten days ago.
 */
export function currentDemoPlan(asOf: string) {
  const firstGrant = addDays(addMonthsClamped(asOf, -13), 3);
  const reservedGrant = addDays(addMonthsClamped(asOf, -12), 21);
  const reservedWindowOpens = addMonthsClamped(reservedGrant, 12);
  const generalMeeting = addDays(firstGrant, -20);
  const year = firstGrant.slice(0, 4);
  return {
    name: `${year}年核心骨干限制性股票激励计划`,
    nameEn: `${year} Core Staff Restricted Stock Incentive Plan`,
    boardApprovalDate: addDays(generalMeeting, -30),
    announcementDate: addDays(generalMeeting, -29),
    generalMeetingDate: generalMeeting,
    publicity: { startDate: addDays(generalMeeting, -27), endDate: addDays(generalMeeting, -15) },
    verification: { opinionDate: addDays(generalMeeting, -12), disclosureDate: addDays(generalMeeting, -11) },
    firstGrantQuantity: 330_000,
    reservedQuantity: 60_000,
    validityMonths: 60,
    arrangement: [
      { index: 1, startMonths: 12, endMonths: 24, ratio: "0.4" },
      { index: 2, startMonths: 24, endMonths: 36, ratio: "0.3" },
      { index: 3, startMonths: 36, endMonths: 48, ratio: "0.3" },
    ],
    first: { grantDate: firstGrant, grantPrice: "21.60", people: range(257, 289) },
    reserved: { grantDate: reservedGrant, grantPrice: "21.60", quantity: 30_000, people: [PEOPLE.employee, 222, 223] },
    /** The event whose blackout window covers the reserved grant's first window opening. */
    majorEvent: {
      title: "筹划对外投资事项",
      titleEn: "planning an outward investment",
      // Short, so that the pushed day stays in a published year as long as possible near a year's end.
      startDate: addDays(reservedWindowOpens, -2),
      endDate: addDays(reservedWindowOpens, 2),
    },
    leaver: { index: 288, leaveDate: addDays(asOf, -10) },
  };
}

/** The one corporate action of the texts: the 2020 cash dividend of 0.60 yuan per share (ex-date placed by us). */
export const DEMO_DIVIDEND = {
  type: "dividend" as const,
  exDate: "2021-07-09",
  v: "0.60",
  description: "2020年度利润分配：每股派发现金红利0.60元（含税）",
};

/** Individual grade for a person and tranche: mostly A/B, every 17th C (80%), every 53rd D (0%). */
export function demoGrade(personIndex: number, tranche: number): string {
  const k = personIndex * 7 + tranche * 3;
  if (k % 53 === 0) return "D";
  if (k % 17 === 0) return "C";
  return k % 2 === 0 ? "A" : "B";
}

/** Disclosure calendar 2021-2026: periodic reports, one postponed annual report, a forecast, an express and one major event. */
export const DEMO_DISCLOSURES: {
  kind:
    | "annual_report"
    | "semi_annual_report"
    | "q1_report"
    | "q3_report"
    | "performance_forecast"
    | "performance_express"
    | "major_event";
  title: string;
  titleEn?: string;
  fiscalYear?: number;
  scheduledDate?: string;
  actualDate?: string;
  startDate?: string;
  endDate?: string;
}[] = [
  ...periodicYear(2020, "2021-04-28", "2021-04-28", "2021-08-26", "2021-10-28"),
  ...periodicYear(2021, "2022-04-27", "2022-04-27", "2022-08-25", "2022-10-27"),
  ...periodicYear(2022, "2023-04-26", "2023-04-26", "2023-08-24", "2023-10-26"),
  // FY2023 annual report postponed from 2024-04-12 to 2024-04-26: the window starts 30 days before the original date.
  {
    kind: "annual_report",
    title: "2023年年度报告",
    fiscalYear: 2023,
    scheduledDate: "2024-04-12",
    actualDate: "2024-04-26",
  },
  {
    kind: "q1_report",
    title: "2024年第一季度报告",
    fiscalYear: 2024,
    scheduledDate: "2024-04-26",
    actualDate: "2024-04-26",
  },
  {
    kind: "semi_annual_report",
    title: "2024年半年度报告",
    fiscalYear: 2024,
    scheduledDate: "2024-08-22",
    actualDate: "2024-08-22",
  },
  {
    kind: "q3_report",
    title: "2024年第三季度报告",
    fiscalYear: 2024,
    scheduledDate: "2024-10-30",
    actualDate: "2024-10-30",
  },
  {
    kind: "performance_forecast",
    title: "2024年年度业绩预告",
    fiscalYear: 2024,
    scheduledDate: "2025-01-24",
    actualDate: "2025-01-24",
  },
  ...periodicYear(2024, "2025-04-18", "2025-04-25", "2025-08-21", "2025-10-29"),
  {
    kind: "performance_express",
    title: "2025年度业绩快报",
    fiscalYear: 2025,
    scheduledDate: "2026-02-26",
    actualDate: "2026-02-26",
  },
  ...periodicYear(2025, "2026-04-22", "2026-04-28", "2026-08-20", "2026-10-28"),
  {
    kind: "major_event",
    title: "筹划重大资产购买事项",
    titleEn: "planning a major asset purchase",
    startDate: "2026-11-16",
    endDate: "2026-11-27",
  },
];

function periodicYear(fy: number, annual: string, q1: string, half: string, q3: string) {
  const next = fy + 1;
  return [
    {
      kind: "annual_report" as const,
      title: `${fy}年年度报告`,
      fiscalYear: fy,
      scheduledDate: annual,
      actualDate: annual,
    },
    { kind: "q1_report" as const, title: `${next}年第一季度报告`, fiscalYear: next, scheduledDate: q1, actualDate: q1 },
    {
      kind: "semi_annual_report" as const,
      title: `${next}年半年度报告`,
      fiscalYear: next,
      scheduledDate: half,
      actualDate: half,
    },
    { kind: "q3_report" as const, title: `${next}年第三季度报告`, fiscalYear: next, scheduledDate: q3, actualDate: q3 },
  ];
}

/** Inclusive integer range. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
