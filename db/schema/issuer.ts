import { bigint, date, integer, numeric, pgTable, text, timestamp, uuid, boolean } from "drizzle-orm/pg-core";

/** The listed company. One per installation today; the id keeps room for groups. */
export const issuers = pgTable("issuers", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  stockCode: text("stock_code").notNull(),
  parValue: numeric("par_value", { precision: 12, scale: 4 }).notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Total share capital over time; caps use the figure in force on the relevant date. */
export const shareCapitalHistory = pgTable("share_capital_history", {
  id: uuid("id").primaryKey().defaultRandom(),
  issuerId: uuid("issuer_id")
    .notNull()
    .references(() => issuers.id),
  effectiveDate: date("effective_date").notNull(),
  shares: bigint("shares", { mode: "number" }).notNull(),
  note: text("note"),
});

/** Blackout rule sets (calendar days before reports); presets and custom sets are rows alike. */
export const blackoutRuleSets = pgTable("blackout_rule_sets", {
  id: uuid("id").primaryKey().defaultRandom(),
  name: text("name").notNull().unique(),
  annualDays: integer("annual_days").notNull(),
  quarterlyDays: integer("quarterly_days").notNull(),
  isPreset: boolean("is_preset").notNull().default(false),
});
