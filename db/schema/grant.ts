import {
  bigint,
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uuid,
  unique,
  index,
} from "drizzle-orm/pg-core";
import { grantBatchKindEnum, trancheStatusEnum } from "./enums";
import { participantCategories, plans } from "./plan";
import { persons } from "./person";
import { participantListVersions } from "./process";

/** A blackout window that pushed an earliest vesting date, with what caused it (for the "why" text). */
export interface DeferralRecord {
  blackoutWindowId: string;
  kind: string;
  from: string;
  to: string;
  reason?: {
    kind: string;
    eventTitle?: string;
    fiscalYear?: number;
    publicationDate?: string;
    scheduledDate?: string;
    days?: number;
  };
}

/** A grant resolution: the first grant or one reserved grant, on one date at one price. */
export const grantBatches = pgTable("grant_batches", {
  id: uuid("id").primaryKey().defaultRandom(),
  planId: uuid("plan_id")
    .notNull()
    .references(() => plans.id),
  batch: grantBatchKindEnum("batch").notNull(),
  grantDate: date("grant_date").notNull(),
  /** Price as resolved on the grant date; adjusted prices are derived from corporate actions. */
  grantPrice: numeric("grant_price", { precision: 12, scale: 2 }).notNull(),
  boardResolutionDate: date("board_resolution_date"),
  listVersionId: uuid("list_version_id").references(() => participantListVersions.id),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** One person's award in one batch. Quantity is as granted; adjusted figures come from the engine. */
export const grants = pgTable(
  "grants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => grantBatches.id),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => participantCategories.id),
    quantity: bigint("quantity", { mode: "number" }).notNull(),
    /** Derived by the engine: price and quantity after corporate actions. */
    adjustedPrice: numeric("adjusted_price", { precision: 12, scale: 2 }).notNull(),
    adjustedQuantity: bigint("adjusted_quantity", { mode: "number" }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.batchId, t.personId),
    index("grants_person_idx").on(t.personId),
    index("grants_plan_idx").on(t.planId),
  ],
);

/** Derived tranche rows: written only by the engine's derivation, never edited by hand. */
export const tranches = pgTable(
  "tranches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    trancheIndex: integer("tranche_index").notNull(),
    ratio: numeric("ratio", { precision: 7, scale: 4 }).notNull(),
    plannedQuantity: bigint("planned_quantity", { mode: "number" }).notNull(),
    windowOpen: date("window_open"),
    windowClose: date("window_close"),
    earliestVestingDate: date("earliest_vesting_date"),
    earliestReason: text("earliest_reason"),
    /** Blackout windows that pushed the earliest date: [{blackoutWindowId, kind, from, to}]. */
    deferredBy: jsonb("deferred_by").$type<DeferralRecord[]>().notNull().default([]),
    status: trancheStatusEnum("status").notNull(),
    vestedQuantity: bigint("vested_quantity", { mode: "number" }).notNull().default(0),
    lapsedQuantity: bigint("lapsed_quantity", { mode: "number" }).notNull().default(0),
    vestingDate: date("vesting_date"),
    lapseReason: text("lapse_reason"),
    derivedAt: timestamp("derived_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.grantId, t.trancheIndex)],
);

/** Company-level performance result for one vesting period of a batch. */
export const companyAppraisals = pgTable(
  "company_appraisals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => grantBatches.id),
    // Categories can have different arrangements, so a period is (batch, category, tranche).
    categoryId: uuid("category_id")
      .notNull()
      .references(() => participantCategories.id),
    trancheIndex: integer("tranche_index").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    companyRatio: numeric("company_ratio", { precision: 7, scale: 4 }).notNull(),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.batchId, t.categoryId, t.trancheIndex)],
);

/** Individual appraisal grade of one grant for one vesting period. */
export const appraisalResults = pgTable(
  "appraisal_results",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    trancheIndex: integer("tranche_index").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    grade: text("grade").notNull(),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.grantId, t.trancheIndex)],
);

/** A confirmed vesting run for one batch, category and tranche: the registration date of the vested shares. */
export const vestingRuns = pgTable(
  "vesting_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => grantBatches.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => participantCategories.id),
    trancheIndex: integer("tranche_index").notNull(),
    vestingDate: date("vesting_date").notNull(),
    confirmedBy: uuid("confirmed_by"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // No unique key on (batch, category, tranche): a reversed run stays, and the period may be run again.
  (t) => [index("vesting_runs_period_idx").on(t.batchId, t.categoryId, t.trancheIndex)],
);

/** A vesting run taken back before its shares were registered; the run row stays as it was. */
export const vestingRunReversals = pgTable("vesting_run_reversals", {
  id: uuid("id").primaryKey().defaultRandom(),
  vestingRunId: uuid("vesting_run_id")
    .notNull()
    .unique()
    .references(() => vestingRuns.id),
  reason: text("reason").notNull(),
  reversedBy: uuid("reversed_by"),
  reversedAt: timestamp("reversed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A grant batch recorded by mistake and voided before any tranche vested; its grants stay, voided. */
export const grantBatchVoids = pgTable("grant_batch_voids", {
  id: uuid("id").primaryKey().defaultRandom(),
  batchId: uuid("batch_id")
    .notNull()
    .unique()
    .references(() => grantBatches.id),
  reason: text("reason").notNull(),
  voidedBy: uuid("voided_by"),
  voidedAt: timestamp("voided_at", { withTimezone: true }).notNull().defaultNow(),
});
