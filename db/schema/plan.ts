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
  boolean,
  unique,
} from "drizzle-orm/pg-core";
import { planStatusEnum, verifyingBodyEnum } from "./enums";
import { blackoutRuleSets, issuers } from "./issuer";

/** A Class II restricted stock incentive plan. */
export const plans = pgTable("plans", {
  id: uuid("id").primaryKey().defaultRandom(),
  issuerId: uuid("issuer_id")
    .notNull()
    .references(() => issuers.id),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  instrument: text("instrument").notNull().default("class_ii_restricted_stock"),
  announcementDate: date("announcement_date"),
  boardApprovalDate: date("board_approval_date"),
  generalMeetingDate: date("general_meeting_date"),
  totalQuantity: bigint("total_quantity", { mode: "number" }).notNull(),
  firstGrantQuantity: bigint("first_grant_quantity", { mode: "number" }).notNull(),
  reservedQuantity: bigint("reserved_quantity", { mode: "number" }).notNull(),
  shareCapitalAtAnnouncement: bigint("share_capital_at_announcement", { mode: "number" }).notNull(),
  validityMonths: integer("validity_months").notNull(),
  blackoutRuleSetId: uuid("blackout_rule_set_id")
    .notNull()
    .references(() => blackoutRuleSets.id),
  verifyingBody: verifyingBodyEnum("verifying_body").notNull(),
  status: planStatusEnum("status").notNull().default("draft"),
  /** Appraisal grade -> individual vesting ratio as decimal strings, e.g. {"A":"1","C":"0.8"}. */
  gradeTable: jsonb("grade_table").$type<Record<string, string>>().notNull(),
  /** Asia/Shanghai date the tranches were last derived for; a later day triggers a refresh (statuses depend on today). */
  derivedOn: date("derived_on"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Participant category with its own vesting arrangement. */
export const participantCategories = pgTable(
  "participant_categories",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    code: integer("code").notNull(),
    name: text("name").notNull(),
    nameEn: text("name_en").notNull(),
    /** True where the arrangement is not taken from a published plan text. */
    illustrative: boolean("illustrative").notNull().default(false),
  },
  (t) => [unique().on(t.planId, t.code)],
);

/** One tranche of a category's vesting arrangement: months after the grant date and the share of the grant. */
export const vestingArrangements = pgTable(
  "vesting_arrangements",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => participantCategories.id),
    trancheIndex: integer("tranche_index").notNull(),
    startMonths: integer("start_months").notNull(),
    endMonths: integer("end_months").notNull(),
    ratio: numeric("ratio", { precision: 7, scale: 4 }).notNull(),
  },
  (t) => [unique().on(t.categoryId, t.trancheIndex)],
);
