import "server-only";
import { and, asc, desc, eq, inArray, lte, gte } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  companyAppraisals,
  grantBatches,
  grants,
  issuers,
  participantCategories,
  persons,
  personTaxProfiles,
  plans,
  vestingBatchLines,
  vestingBatchPeriods,
  vestingBatches,
  vestingRuns,
} from "@/db/schema";
import { Dec } from "@/lib/domain/numeric/decimal";
import { priceText } from "@/lib/domain/numeric/priceText";
import { notFound } from "@/lib/platform/errors/apiError";
import type {
  LineTaxStatus,
  VestingBatchDto,
  VestingBatchLineDto,
  VestingBatchPeriodDto,
  VestingBatchStatus,
  VestingBatchTotals,
} from "@/lib/features/vesting-batches/batchDto";
import { paidLines } from "@/lib/features/vesting-batches/paymentAccounts";

type Db = Database | Transaction;

/** A batch as lists show it. */
export interface VestingBatchSummary {
  id: string;
  planId: string;
  batchNo: number;
  status: VestingBatchStatus;
  registrationDate: string;
  paymentStart: string;
  paymentDeadline: string;
  listingDate: string | null;
}

/** The plan's vesting batches, newest first (staff). */
export async function listVestingBatches(db: Db, planId: string): Promise<VestingBatchSummary[]> {
  return db
    .select({
      id: vestingBatches.id,
      planId: vestingBatches.planId,
      batchNo: vestingBatches.batchNo,
      status: vestingBatches.status,
      registrationDate: vestingBatches.registrationDate,
      paymentStart: vestingBatches.paymentStart,
      paymentDeadline: vestingBatches.paymentDeadline,
      listingDate: vestingBatches.listingDate,
    })
    .from(vestingBatches)
    .where(eq(vestingBatches.planId, planId))
    .orderBy(desc(vestingBatches.batchNo));
}

/** One batch with its periods, lines and totals (staff). */
export async function getVestingBatch(db: Db, batchId: string): Promise<VestingBatchDto> {
  const [row] = await db
    .select({ b: vestingBatches, planName: plans.name, issuer: issuers })
    .from(vestingBatches)
    .innerJoin(plans, eq(plans.id, vestingBatches.planId))
    .innerJoin(issuers, eq(issuers.id, plans.issuerId))
    .where(eq(vestingBatches.id, batchId));
  if (!row) throw notFound("Vesting batch");
  const b = row.b;
  const periods = await batchPeriods(db, batchId);
  const lines = await batchLines(db, b);
  return {
    id: b.id,
    planId: b.planId,
    planName: row.planName,
    issuerId: row.issuer.id,
    issuerName: row.issuer.name,
    stockCode: row.issuer.stockCode,
    parValue: new Dec(row.issuer.parValue).toFixed(2),
    batchNo: b.batchNo,
    status: b.status,
    registrationDate: b.registrationDate,
    paymentStart: b.paymentStart,
    paymentDeadline: b.paymentDeadline,
    payeeName: b.payeeName,
    payeeBank: b.payeeBank,
    payeeAccount: b.payeeAccount,
    referenceTemplate: b.referenceTemplate,
    shareSource: b.shareSource,
    listingDate: b.listingDate,
    createdAt: b.createdAt.toISOString(),
    updatedAt: b.updatedAt.toISOString(),
    periods,
    lines,
    totals: batchTotals(lines, b.status),
  };
}

async function batchPeriods(db: Db, batchId: string): Promise<VestingBatchPeriodDto[]> {
  const rows = await db
    .select({
      grantBatchId: vestingBatchPeriods.grantBatchId,
      grantBatchKind: grantBatches.batch,
      grantDate: grantBatches.grantDate,
      categoryId: vestingBatchPeriods.categoryId,
      categoryLabel: participantCategories.name,
      trancheIndex: vestingBatchPeriods.trancheIndex,
      vestingRunId: vestingBatchPeriods.vestingRunId,
      companyRatio: companyAppraisals.companyRatio,
      fiscalYear: companyAppraisals.fiscalYear,
    })
    .from(vestingBatchPeriods)
    .innerJoin(grantBatches, eq(grantBatches.id, vestingBatchPeriods.grantBatchId))
    .innerJoin(participantCategories, eq(participantCategories.id, vestingBatchPeriods.categoryId))
    .leftJoin(vestingRuns, eq(vestingRuns.id, vestingBatchPeriods.vestingRunId))
    .leftJoin(
      companyAppraisals,
      and(
        eq(companyAppraisals.batchId, vestingRuns.batchId),
        eq(companyAppraisals.categoryId, vestingRuns.categoryId),
        eq(companyAppraisals.trancheIndex, vestingRuns.trancheIndex),
      ),
    )
    .where(eq(vestingBatchPeriods.vestingBatchId, batchId))
    .orderBy(asc(grantBatches.grantDate), asc(participantCategories.name), asc(vestingBatchPeriods.trancheIndex));
  return rows.map((r) => ({
    ...r,
    companyRatio: r.vestingRunId === null ? null : r.companyRatio,
    fiscalYear: r.vestingRunId === null ? null : r.fiscalYear,
  }));
}

async function batchLines(db: Db, batch: typeof vestingBatches.$inferSelect): Promise<VestingBatchLineDto[]> {
  const paid = await paidLines(db, batch.id);
  if (paid.length === 0) return [];
  const rows = await db
    .select({
      line: vestingBatchLines,
      grantBatchId: grants.batchId,
      categoryId: grants.categoryId,
      isDirector: persons.isDirector,
      isSeniorManager: persons.isSeniorManager,
      securitiesAccount: personTaxProfiles.securitiesAccount,
    })
    .from(vestingBatchLines)
    .innerJoin(grants, eq(grants.id, vestingBatchLines.grantId))
    .innerJoin(persons, eq(persons.id, vestingBatchLines.personId))
    .leftJoin(personTaxProfiles, eq(personTaxProfiles.personId, vestingBatchLines.personId))
    .where(eq(vestingBatchLines.vestingBatchId, batch.id));
  const byId = new Map(rows.map((r) => [r.line.id, r]));
  const yearToDate = await yearToDateOf(db, batch, [...new Set(paid.map((p) => p.personId))]);
  return paid.map((p) => {
    const r = byId.get(p.lineId)!;
    const l = r.line;
    const ytd = yearToDate.get(l.id) ?? null;
    return {
      lineId: l.id,
      grantId: l.grantId,
      personId: l.personId,
      employeeNo: p.employeeNo,
      name: p.name,
      isDirector: r.isDirector,
      isSeniorManager: r.isSeniorManager,
      grantBatchId: r.grantBatchId,
      categoryId: r.categoryId,
      trancheIndex: l.trancheIndex,
      shares: l.shares,
      adjustedPrice: priceText(l.adjustedPrice),
      amountDue: l.amountDue,
      reference: l.reference,
      paid: p.paid,
      paidShares: l.paidShares,
      waivedShares: l.waivedShares,
      refund: l.refund,
      closingPrice: l.closingPrice === null ? null : priceText(l.closingPrice),
      taxableIncome: l.taxableIncome,
      tax: l.tax,
      taxStatus: l.taxStatus as LineTaxStatus | null,
      yearToDateIncome: ytd?.income ?? null,
      yearToDateTax: ytd?.tax ?? null,
      taxDeferralEnd: l.taxDeferralEnd,
      securitiesAccount: r.securitiesAccount,
    };
  });
}

/**
 * Year-to-date equity income and tax of each registered line: the person's registered lines of the same
 * calendar year up to and including it (earlier batches first, then this batch's lines in order).
 */
async function yearToDateOf(db: Db, batch: typeof vestingBatches.$inferSelect, personIds: string[]) {
  const out = new Map<string, { income: string; tax: string }>();
  if (batch.status !== "registered" && batch.status !== "announced") return out;
  const year = batch.registrationDate.slice(0, 4);
  const rows = await db
    .select({
      lineId: vestingBatchLines.id,
      personId: vestingBatchLines.personId,
      batchId: vestingBatches.id,
      income: vestingBatchLines.taxableIncome,
      tax: vestingBatchLines.tax,
    })
    .from(vestingBatchLines)
    .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchLines.vestingBatchId))
    .where(
      and(
        inArray(vestingBatchLines.personId, personIds),
        inArray(vestingBatches.status, ["registered", "announced"]),
        gte(vestingBatches.registrationDate, `${year}-01-01`),
        lte(vestingBatches.registrationDate, batch.registrationDate),
      ),
    )
    .orderBy(asc(vestingBatches.registrationDate), asc(vestingBatches.createdAt), asc(vestingBatchLines.id));
  const running = new Map<string, { income: Dec; tax: Dec; known: boolean }>();
  for (const r of rows) {
    const acc = running.get(r.personId) ?? { income: new Dec(0), tax: new Dec(0), known: true };
    if (r.income === null || r.tax === null) acc.known = false;
    else {
      acc.income = acc.income.plus(r.income);
      acc.tax = acc.tax.plus(r.tax);
    }
    running.set(r.personId, acc);
    if (r.batchId === batch.id && acc.known)
      out.set(r.lineId, { income: acc.income.toFixed(2), tax: acc.tax.toFixed(2) });
  }
  return out;
}

function batchTotals(lines: VestingBatchLineDto[], status: VestingBatchStatus): VestingBatchTotals {
  const closed = status !== "draft" && status !== "conditions_confirmed" && status !== "payment_open";
  const registered = status === "registered" || status === "announced";
  const sum = (f: (l: VestingBatchLineDto) => string | null) =>
    lines.reduce((s, l) => s.plus(f(l) ?? 0), new Dec(0)).toFixed(2);
  return {
    people: new Set(lines.map((l) => l.personId)).size,
    shares: lines.reduce((s, l) => s + l.shares, 0),
    amountDue: sum((l) => l.amountDue),
    paid: sum((l) => l.paid),
    paidShares: closed ? lines.reduce((s, l) => s + (l.paidShares ?? 0), 0) : null,
    waivedShares: closed ? lines.reduce((s, l) => s + (l.waivedShares ?? 0), 0) : null,
    refund: closed ? sum((l) => l.refund) : null,
    tax: registered ? sum((l) => l.tax) : null,
  };
}
