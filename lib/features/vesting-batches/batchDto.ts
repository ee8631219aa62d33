import "server-only";

/**
 * A vesting batch (归属批次) as pages, the API, the registers and the announcements read it. Money and
 * prices are decimal strings ("59040.00", "19.68"); dates "yyyy-mm-dd".
 */
export const VESTING_BATCH_STATUSES = [
  "draft",
  "conditions_confirmed",
  "payment_open",
  "payment_closed",
  "registered",
  "announced",
] as const;
export type VestingBatchStatus = (typeof VESTING_BATCH_STATUSES)[number];

export type ShareSource = "new_issue" | "buyback";

/** Why a line's tax was not computed (never guessed), or "computed". */
export type LineTaxStatus = "computed" | "non_resident" | "no_price" | "outside_separate_taxation";

/** A tranche period the batch covers and, once conditions are confirmed, the vesting run behind it. */
export interface VestingBatchPeriodDto {
  grantBatchId: string;
  /** "first" or "reserved". */
  grantBatchKind: string;
  grantDate: string;
  categoryId: string;
  categoryLabel: string;
  trancheIndex: number;
  vestingRunId: string | null;
  /** The run's company-level ratio ("1.0000"), null before conditions are confirmed. */
  companyRatio: string | null;
  fiscalYear: number | null;
}

/** One grantee's tranche in the batch. */
export interface VestingBatchLineDto {
  lineId: string;
  grantId: string;
  personId: string;
  employeeNo: string;
  name: string;
  isDirector: boolean;
  isSeniorManager: boolean;
  grantBatchId: string;
  categoryId: string;
  trancheIndex: number;
  /** Shares the conditions allow (the run's vested quantity). */
  shares: number;
  adjustedPrice: string;
  amountDue: string;
  /** What the grantee writes on the transfer. */
  reference: string;
  /** Net amount recorded so far for this line ("0.00" when none). */
  paid: string;
  /** Set when the payment closes. */
  paidShares: number | null;
  waivedShares: number | null;
  refund: string | null;
  /** Set at registration. */
  closingPrice: string | null;
  taxableIncome: string | null;
  tax: string | null;
  taxStatus: LineTaxStatus | null;
  /** Year-to-date equity income and tax of the person up to and including this line (registered lines). */
  yearToDateIncome: string | null;
  yearToDateTax: string | null;
  taxDeferralEnd: string | null;
  /** 沪A securities account, when recorded on the person's tax profile. */
  securitiesAccount: string | null;
}

export interface VestingBatchTotals {
  people: number;
  shares: number;
  amountDue: string;
  paid: string;
  /** Null until the payment closes. */
  paidShares: number | null;
  waivedShares: number | null;
  refund: string | null;
  tax: string | null;
}

export interface VestingBatchDto {
  id: string;
  planId: string;
  planName: string;
  issuerId: string;
  issuerName: string;
  stockCode: string;
  parValue: string;
  batchNo: number;
  status: VestingBatchStatus;
  registrationDate: string;
  paymentStart: string;
  paymentDeadline: string;
  payeeName: string;
  payeeBank: string;
  payeeAccount: string;
  referenceTemplate: string;
  shareSource: ShareSource;
  listingDate: string | null;
  createdAt: string;
  updatedAt: string;
  periods: VestingBatchPeriodDto[];
  /** Ordered by employee no., then grant date, then tranche. */
  lines: VestingBatchLineDto[];
  totals: VestingBatchTotals;
}
