import { and, eq } from "drizzle-orm";
import type { Transaction } from "../client";
import * as s from "../schema";
import { demoPlanInPublicity } from "./demoCompany";
import { addDays } from "@/lib/domain/calendar/isoDate";

const TERMS = (v: [string, string, string]) => [
  { months: 12, volatility: v[0], riskFreeRate: "0.015" },
  { months: 24, volatility: v[1], riskFreeRate: "0.021" },
  { months: 36, volatility: v[2], riskFreeRate: "0.0275" },
];
const SOURCE =
  "演示数据（虚构）：授予日收盘价；科创50指数最近12/24/36个月波动率；中国人民银行1/2/3年期存款基准利率 " +
  "Demo figures (fictional): closing price on the grant date; STAR 50 index volatility over 12/24/36 months; PBOC deposit rates";

/** Fictional Black–Scholes inputs for the demo's grant resolutions, by plan (English name) and batch. */
const GRANT_MEASUREMENTS = [
  {
    plan: "2021 Restricted Stock Incentive Plan",
    batch: "first",
    sharePrice: "68.20",
    vol: ["0.1846", "0.2011", "0.2135"],
  },
  {
    plan: "2021 Restricted Stock Incentive Plan",
    batch: "reserved",
    sharePrice: "61.05",
    vol: ["0.1912", "0.2043", "0.2150"],
  },
  {
    plan: "2022 Restricted Stock Incentive Plan",
    batch: "first",
    sharePrice: "52.37",
    vol: ["0.2231", "0.2187", "0.2245"],
  },
  {
    plan: "2022 Restricted Stock Incentive Plan",
    batch: "reserved",
    sharePrice: "47.90",
    vol: ["0.2016", "0.2129", "0.2208"],
  },
] as const;

/** The plan in publicity gets the draft's projection (预测算) on an assumed grant date a week after its meeting. */
const DRAFT_PROJECTION = { sharePrice: "41.30", grantPrice: "20.50", vol: ["0.2874", "0.2615", "0.2490"] } as const;

/** Records the demo's fair-value measurements, as the finance user. */
export async function seedDemoFairValues(tx: Transaction, recordedBy: string | null, asOf: string): Promise<void> {
  for (const m of GRANT_MEASUREMENTS) {
    const [batch] = await tx
      .select({
        id: s.grantBatches.id,
        planId: s.grantBatches.planId,
        date: s.grantBatches.grantDate,
        price: s.grantBatches.grantPrice,
      })
      .from(s.grantBatches)
      .innerJoin(s.plans, eq(s.plans.id, s.grantBatches.planId))
      .where(and(eq(s.plans.nameEn, m.plan), eq(s.grantBatches.batch, m.batch)));
    if (!batch) continue;
    await tx.insert(s.fairValueMeasurements).values({
      planId: batch.planId,
      grantBatchId: batch.id,
      kind: "grant",
      valuationDate: batch.date,
      sharePrice: m.sharePrice,
      grantPrice: batch.price,
      terms: TERMS([...m.vol]),
      source: SOURCE,
      recordedBy,
    });
  }
  const draft = demoPlanInPublicity(asOf);
  const [plan] = await tx.select({ id: s.plans.id }).from(s.plans).where(eq(s.plans.nameEn, draft.nameEn));
  if (!plan) return;
  const categories = await tx
    .select({ id: s.participantCategories.id })
    .from(s.participantCategories)
    .where(eq(s.participantCategories.planId, plan.id));
  const [limits] = await tx.select({ first: s.plans.firstGrantQuantity }).from(s.plans).where(eq(s.plans.id, plan.id));
  await tx.insert(s.fairValueMeasurements).values({
    planId: plan.id,
    kind: "draft_projection",
    valuationDate: addDays(draft.generalMeetingDate, 7),
    sharePrice: DRAFT_PROJECTION.sharePrice,
    grantPrice: DRAFT_PROJECTION.grantPrice,
    terms: TERMS([...DRAFT_PROJECTION.vol]),
    quantities: categories.slice(0, 1).map((c) => ({ categoryId: c.id, quantity: limits!.first })),
    source: SOURCE,
    recordedBy,
  });
}
