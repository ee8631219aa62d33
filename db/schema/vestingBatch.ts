import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { issuers } from "./issuer";
import { participantCategories, plans } from "./plan";
import { persons } from "./person";
import { grantBatches, grants, vestingRuns } from "./grant";

/** Where a vesting batch (归属批次) stands; each step is its own command, audited. */
export const vestingBatchStatusEnum = pgEnum("vesting_batch_status", [
  "draft",
  "conditions_confirmed",
  "payment_open",
  "payment_closed",
  "registered",
  "announced",
]);

/** Whether the vested shares are newly issued (share capital grows) or come from a buyback. */
export const shareSourceEnum = pgEnum("share_source", ["new_issue", "buyback"]);

export const paymentSourceEnum = pgEnum("payment_source", ["manual", "statement"]);

/**
 * One vesting of a plan's tranche(s): the list fixed when the conditions are confirmed, the payment
 * window, the planned registration date (a permissible vesting day) and, at the end, the listing date.
 */
export const vestingBatches = pgTable(
  "vesting_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    /** 1, 2, … within the plan: the number grantees and announcements cite. */
    batchNo: integer("batch_no").notNull(),
    status: vestingBatchStatusEnum("status").notNull().default("draft"),
    registrationDate: date("registration_date").notNull(),
    paymentStart: date("payment_start").notNull(),
    paymentDeadline: date("payment_deadline").notNull(),
    payeeName: text("payee_name").notNull(),
    payeeBank: text("payee_bank").notNull(),
    payeeAccount: text("payee_account").notNull(),
    /** Placeholders {employeeNo} {name} {batchNo}: what each grantee writes on the transfer. */
    referenceTemplate: text("reference_template").notNull(),
    shareSource: shareSourceEnum("share_source").notNull().default("new_issue"),
    listingDate: date("listing_date"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.planId, t.batchNo)],
);

/** A tranche period a vesting batch covers; the vesting run is set when its conditions are confirmed. */
export const vestingBatchPeriods = pgTable(
  "vesting_batch_periods",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vestingBatchId: uuid("vesting_batch_id")
      .notNull()
      .references(() => vestingBatches.id),
    grantBatchId: uuid("grant_batch_id")
      .notNull()
      .references(() => grantBatches.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => participantCategories.id),
    trancheIndex: integer("tranche_index").notNull(),
    vestingRunId: uuid("vesting_run_id").references(() => vestingRuns.id),
  },
  (t) => [unique().on(t.vestingBatchId, t.grantBatchId, t.categoryId, t.trancheIndex)],
);

/**
 * One grantee's tranche in a vesting batch: the shares the conditions allow, the adjusted price and the
 * amount due, fixed when the conditions are confirmed; paid and waived shares when the payment closes;
 * the income tax when the shares are registered.
 */
export const vestingBatchLines = pgTable(
  "vesting_batch_lines",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    vestingBatchId: uuid("vesting_batch_id")
      .notNull()
      .references(() => vestingBatches.id),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    trancheIndex: integer("tranche_index").notNull(),
    shares: bigint("shares", { mode: "number" }).notNull(),
    adjustedPrice: numeric("adjusted_price", { precision: 12, scale: 4 }).notNull(),
    amountDue: numeric("amount_due", { precision: 16, scale: 2 }).notNull(),
    reference: text("reference").notNull(),
    /** Set when the payment closes: only paid shares vest; the rest lapse as waived (放弃). */
    paidShares: bigint("paid_shares", { mode: "number" }),
    waivedShares: bigint("waived_shares", { mode: "number" }),
    refund: numeric("refund", { precision: 16, scale: 2 }),
    /** Set at registration: the final tax figure, or why it was not computed. */
    closingPrice: numeric("closing_price", { precision: 12, scale: 4 }),
    taxableIncome: numeric("taxable_income", { precision: 16, scale: 2 }),
    tax: numeric("tax", { precision: 16, scale: 2 }),
    taxStatus: text("tax_status"),
    /** The grantee chose to pay the tax in instalments (财政部 税务总局公告2024年第2号): until this date. */
    taxDeferralEnd: date("tax_deferral_end"),
  },
  (t) => [
    unique().on(t.vestingBatchId, t.grantId, t.trancheIndex),
    index("vesting_batch_lines_person_idx").on(t.personId),
  ],
);

/** A payment of the grant price received for a line; append-only (a mistake is corrected by a negative row). */
export const vestingPayments = pgTable(
  "vesting_payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    lineId: uuid("line_id")
      .notNull()
      .references(() => vestingBatchLines.id),
    vestingBatchId: uuid("vesting_batch_id")
      .notNull()
      .references(() => vestingBatches.id),
    amount: numeric("amount", { precision: 16, scale: 2 }).notNull(),
    paidOn: date("paid_on").notNull(),
    transactionId: text("transaction_id"),
    source: paymentSourceEnum("source").notNull(),
    sourceFileName: text("source_file_name"),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.vestingBatchId, t.transactionId), index("vesting_payments_line_idx").on(t.lineId)],
);

/** Closing prices HR entered or imported (no network access is assumed); the portal never invents one. */
export const closingPrices = pgTable(
  "closing_prices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    issuerId: uuid("issuer_id")
      .notNull()
      .references(() => issuers.id),
    tradeDate: date("trade_date").notNull(),
    close: numeric("close", { precision: 12, scale: 4 }).notNull(),
    source: text("source").notNull(),
    enteredBy: uuid("entered_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.issuerId, t.tradeDate)],
);

/** A person's tax facts at vesting: residents are taxed separately; a non-resident is "not computed". */
export const personTaxProfiles = pgTable("person_tax_profiles", {
  personId: uuid("person_id")
    .primaryKey()
    .references(() => persons.id),
  resident: boolean("resident").notNull().default(true),
  note: text("note"),
  /** 沪A securities account the registrar credits; optional until registration. */
  securitiesAccount: text("securities_account"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The column order of the registrar's list, configured per plan. */
export const registrarListLayouts = pgTable("registrar_list_layouts", {
  planId: uuid("plan_id")
    .primaryKey()
    .references(() => plans.id),
  columns: jsonb("columns").$type<string[]>().notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
