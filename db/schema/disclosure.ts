import { date, integer, numeric, pgTable, text, timestamp, uuid, bigint, jsonb, index } from "drizzle-orm/pg-core";
import { corporateActionTypeEnum, disclosureKindEnum } from "./enums";
import { issuers } from "./issuer";
import { plans } from "./plan";
import { grants } from "./grant";

/** Disclosure calendar: periodic reports (scheduled and actual), forecasts, expresses, major events, exchange windows. */
export const disclosureEvents = pgTable("disclosure_events", {
  id: uuid("id").primaryKey().defaultRandom(),
  issuerId: uuid("issuer_id")
    .notNull()
    .references(() => issuers.id),
  /** Null: applies to every plan of the issuer. */
  planId: uuid("plan_id").references(() => plans.id),
  kind: disclosureKindEnum("kind").notNull(),
  title: text("title").notNull(),
  titleEn: text("title_en"),
  fiscalYear: integer("fiscal_year"),
  scheduledDate: date("scheduled_date"),
  actualDate: date("actual_date"),
  /** Major event start (occurrence or decision process) or exchange window start. */
  startDate: date("start_date"),
  /** Major event disclosure date or exchange window end. */
  endDate: date("end_date"),
  note: text("note"),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Exchange closures beyond the bundled SSE list (years it does not cover yet). */
export const calendarClosures = pgTable("calendar_closures", {
  date: date("date").primaryKey(),
  reason: text("reason").notNull(),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Years whose SSE closures an admin has declared complete, extending the calendar's coverage. */
export const calendarPublishedYears = pgTable("calendar_published_years", {
  year: integer("year").primaryKey(),
  publishedBy: uuid("published_by"),
  publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A corporate action with its parameters as exact decimals; undone only by a compensating action. */
export const corporateActions = pgTable("corporate_actions", {
  id: uuid("id").primaryKey().defaultRandom(),
  issuerId: uuid("issuer_id")
    .notNull()
    .references(() => issuers.id),
  type: corporateActionTypeEnum("type").notNull(),
  exDate: date("ex_date").notNull(),
  n: numeric("n", { precision: 18, scale: 8 }),
  v: numeric("v", { precision: 18, scale: 8 }),
  p1: numeric("p1", { precision: 18, scale: 8 }),
  p2: numeric("p2", { precision: 18, scale: 8 }),
  description: text("description"),
  compensatesId: uuid("compensates_id"),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Before/after record of one corporate action on one grant. */
export const adjustmentRecords = pgTable(
  "adjustment_records",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    corporateActionId: uuid("corporate_action_id")
      .notNull()
      .references(() => corporateActions.id),
    grantId: uuid("grant_id")
      .notNull()
      .references(() => grants.id),
    priceBefore: numeric("price_before", { precision: 12, scale: 2 }).notNull(),
    priceAfter: numeric("price_after", { precision: 12, scale: 2 }).notNull(),
    quantityBefore: bigint("quantity_before", { mode: "number" }).notNull(),
    quantityAfter: bigint("quantity_after", { mode: "number" }).notNull(),
    flags: jsonb("flags").$type<string[]>().notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // Every grant read looks up its adjustment history by grant.
  (t) => [index("adjustment_records_grant_idx").on(t.grantId)],
);
