import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  grantBatches,
  grants,
  persons,
  personTaxProfiles,
  plans,
  vestingBatchLines,
  vestingBatches,
} from "@/db/schema";
import { Dec } from "@/lib/domain/numeric/decimal";
import { priceText } from "@/lib/domain/numeric/priceText";
import {
  equityIncomeTax,
  estimateTax,
  type EstimatedVestingTax,
  type VestingIncomeInput,
} from "@/lib/domain/tax/equityIncomeTax";
import type { TransferAllowance } from "@/lib/domain/vesting/transferLimits";
import { allowanceFromVestings } from "@/lib/features/vesting-batches/directorTransfers";
import { latestClosingPrice } from "@/lib/features/tax/closingPrices";
import type { LineTaxStatus, VestingBatchStatus } from "@/lib/features/vesting-batches/batchDto";
import { paidLines } from "@/lib/features/vesting-batches/paymentAccounts";

type Db = Database | Transaction;

/** Statuses a grantee sees a batch in: from the payment notice on. */
const VISIBLE: VestingBatchStatus[] = ["payment_open", "payment_closed", "registered", "announced"];

/** One of the grantee's lines in a batch. */
export interface MyVestingLine {
  lineId: string;
  grantBatchKind: string;
  grantDate: string;
  trancheIndex: number;
  shares: number;
  adjustedPrice: string;
  amountDue: string;
  paidShares: number | null;
  waivedShares: number | null;
  closingPrice: string | null;
  taxableIncome: string | null;
  tax: string | null;
  taxStatus: LineTaxStatus | null;
  taxDeferralEnd: string | null;
}

/** A batch as its grantee sees it: what to pay, where, by when; what vested; the tax. */
export interface MyVestingBatch {
  id: string;
  planName: string;
  planNameEn: string;
  batchNo: number;
  status: VestingBatchStatus;
  registrationDate: string;
  paymentStart: string;
  paymentDeadline: string;
  listingDate: string | null;
  payeeName: string;
  payeeBank: string;
  payeeAccount: string;
  reference: string;
  shares: number;
  amountDue: string;
  paid: string;
  /** amountDue − paid, at least 0. */
  outstanding: string;
  paidShares: number | null;
  waivedShares: number | null;
  refund: string | null;
  lines: MyVestingLine[];
  /** Final once registered; before that an estimate at `taxPrice`. */
  tax: {
    final: boolean;
    resident: boolean;
    /** The price the estimate assumes (the caller's, else the latest HR entered), null when none is known. */
    assumedPrice: string | null;
    /** The latest closing price HR entered, the estimate's default. */
    latestPrice: { tradeDate: string; close: string } | null;
    lines: (EstimatedVestingTax & { lineId: string })[];
    total: string | null;
  };
  /** For a director or senior manager, after registration: what may be sold this year. */
  transfer: TransferAllowance | null;
}

/**
 * The grantee's vesting batches (payment open or later), newest first, with a tax estimate at
 * `assumedPrice` (default: the latest closing price HR entered) until the final figure is fixed.
 * Shares not yet settled are estimated as paid in full. Reads only the person's own lines.
 */
export async function personVestingBatches(
  db: Db,
  personId: string,
  asOf: string,
  assumedPrice?: string,
): Promise<MyVestingBatch[]> {
  const batches = await db
    .select({ b: vestingBatches, planName: plans.name, planNameEn: plans.nameEn, issuerId: plans.issuerId })
    .from(vestingBatches)
    .innerJoin(plans, eq(plans.id, vestingBatches.planId))
    .where(
      and(
        inArray(vestingBatches.status, VISIBLE),
        inArray(
          vestingBatches.id,
          db
            .selectDistinct({ id: vestingBatchLines.vestingBatchId })
            .from(vestingBatchLines)
            .where(eq(vestingBatchLines.personId, personId)),
        ),
      ),
    )
    .orderBy(asc(vestingBatches.registrationDate));
  if (batches.length === 0) return [];
  const [person] = await db
    .select({
      resident: personTaxProfiles.resident,
      isDirector: persons.isDirector,
      isSm: persons.isSeniorManager,
      leaveDate: persons.leaveDate,
    })
    .from(persons)
    .leftJoin(personTaxProfiles, eq(personTaxProfiles.personId, persons.id))
    .where(eq(persons.id, personId));
  const resident = person?.resident ?? true;
  const latest = await latestClosingPrice(db, batches[0]!.issuerId, asOf);
  const price = assumedPrice ?? latest?.close ?? null;

  const own = await db
    .select({
      line: vestingBatchLines,
      batchStatus: vestingBatches.status,
      registrationDate: vestingBatches.registrationDate,
      listingDate: vestingBatches.listingDate,
      grantBatchKind: grantBatches.batch,
      grantDate: grantBatches.grantDate,
    })
    .from(vestingBatchLines)
    .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchLines.vestingBatchId))
    .innerJoin(grants, eq(grants.id, vestingBatchLines.grantId))
    .innerJoin(grantBatches, eq(grantBatches.id, grants.batchId))
    .where(and(eq(vestingBatchLines.personId, personId), inArray(vestingBatches.status, VISIBLE)))
    .orderBy(asc(vestingBatches.registrationDate), asc(grantBatches.grantDate), asc(vestingBatchLines.trancheIndex));

  const out: MyVestingBatch[] = [];
  for (const { b, planName, planNameEn } of batches) {
    const mine = own.filter((o) => o.line.vestingBatchId === b.id);
    const paid = await paidLines(db, b.id, personId);
    const paidTotal = paid.reduce((s, p) => s.plus(p.paid), new Dec(0));
    const due = mine.reduce((s, o) => s.plus(o.line.amountDue), new Dec(0));
    const closed = b.status !== "payment_open";
    const registered = b.status === "registered" || b.status === "announced";
    const tax = taxOf(b, mine, own, resident, registered, price);
    out.push({
      id: b.id,
      planName,
      planNameEn,
      batchNo: b.batchNo,
      status: b.status,
      registrationDate: b.registrationDate,
      paymentStart: b.paymentStart,
      paymentDeadline: b.paymentDeadline,
      listingDate: b.listingDate,
      payeeName: b.payeeName,
      payeeBank: b.payeeBank,
      payeeAccount: b.payeeAccount,
      reference: mine[0]!.line.reference,
      shares: mine.reduce((s, o) => s + o.line.shares, 0),
      amountDue: due.toFixed(2),
      paid: paidTotal.toFixed(2),
      outstanding: Dec.max(due.minus(paidTotal), 0).toFixed(2),
      paidShares: closed ? mine.reduce((s, o) => s + (o.line.paidShares ?? 0), 0) : null,
      waivedShares: closed ? mine.reduce((s, o) => s + (o.line.waivedShares ?? 0), 0) : null,
      refund: closed ? mine.reduce((s, o) => s.plus(o.line.refund ?? 0), new Dec(0)).toFixed(2) : null,
      lines: mine.map((o) => ({
        lineId: o.line.id,
        grantBatchKind: o.grantBatchKind,
        grantDate: o.grantDate,
        trancheIndex: o.line.trancheIndex,
        shares: o.line.shares,
        adjustedPrice: priceText(o.line.adjustedPrice),
        amountDue: o.line.amountDue,
        paidShares: o.line.paidShares,
        waivedShares: o.line.waivedShares,
        closingPrice: o.line.closingPrice === null ? null : priceText(o.line.closingPrice),
        taxableIncome: o.line.taxableIncome,
        tax: o.line.tax,
        taxStatus: o.line.taxStatus as LineTaxStatus | null,
        taxDeferralEnd: o.line.taxDeferralEnd,
      })),
      tax: { ...tax, resident, assumedPrice: registered ? null : price, latestPrice: latest },
      transfer:
        registered && person && (person.isDirector || person.isSm) && b.listingDate
          ? allowanceFromVestings(
              own
                .filter((o) => (o.batchStatus === "registered" || o.batchStatus === "announced") && o.listingDate)
                .map((o) => ({
                  registrationDate: o.registrationDate,
                  listingDate: o.listingDate!,
                  shares: o.line.paidShares ?? 0,
                })),
              asOf,
              person.leaveDate,
            )
          : null,
    });
  }
  return out.reverse();
}

type OwnLine = {
  line: typeof vestingBatchLines.$inferSelect;
  batchStatus: VestingBatchStatus;
  registrationDate: string;
  listingDate: string | null;
};

/** The estimate (or the final figures) of one batch, with the person's other vestings of that year before it. */
function taxOf(
  b: typeof vestingBatches.$inferSelect,
  mine: OwnLine[],
  own: OwnLine[],
  resident: boolean,
  registered: boolean,
  price: string | null,
) {
  const year = b.registrationDate.slice(0, 4);
  const inYear = own.filter((o) => o.registrationDate.startsWith(year) && o.registrationDate <= b.registrationDate);
  const vestings: VestingIncomeInput[] = inYear.map((o) => ({
    id: o.line.id,
    vestingDate: o.registrationDate,
    shares: o.line.paidShares ?? o.line.shares,
    closingPrice: o.line.closingPrice,
    grantPrice: o.line.adjustedPrice,
  }));
  if (price === null && vestings.some((v) => v.closingPrice === null))
    return { final: registered, lines: [], total: null };
  // With every close known nothing is assumed: the figures are equityIncomeTax's own.
  const estimated =
    price === null
      ? equityIncomeTax({ person: { resident }, vestings }).map((t) => ({ ...t, priceAssumed: false }))
      : estimateTax({ person: { resident }, vestings }, price);
  const ids = new Set(mine.map((m) => m.line.id));
  const lines = estimated.filter((e) => ids.has(e.id)).map((e) => ({ ...e, lineId: e.id }));
  const total = lines.every((l) => l.status === "computed")
    ? lines.reduce((s, l) => s.plus(l.status === "computed" ? l.tax : 0), new Dec(0)).toFixed(2)
    : null;
  return { final: registered, lines, total };
}
