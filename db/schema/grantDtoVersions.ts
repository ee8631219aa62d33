import { bigint, index, pgTable, uuid } from "drizzle-orm/pg-core";

/**
 * A counter per person that moves at the commit of any change to what that person's grant DTOs are built
 * from (their grants, tranches, appraisals and adjustments; the plans, batches, categories, company
 * appraisals and corporate actions behind them; their person row), so that a server may keep a person's
 * DTOs until their own counter moves: one grantee's write, or one plan's, leaves everybody else's kept
 * DTOs current. Migration 0013 installs the triggers; no foreign key, so that a row outlives its person
 * and a counter never restarts at a value a server may still hold.
 */
export const grantDtoVersions = pgTable("grant_dto_versions", {
  personId: uuid("person_id").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});

/**
 * The persons a transaction's statements touched, noted without locking anything; at the commit one
 * statement moves their counters in person order (so two committing writers cannot deadlock) and removes
 * the transaction's notes.
 */
export const grantDtoTouches = pgTable(
  "grant_dto_touches",
  {
    txid: bigint("txid", { mode: "number" }).notNull(),
    personId: uuid("person_id").notNull(),
  },
  (t) => [index("grant_dto_touches_txid_idx").on(t.txid)],
);

/** One row per transaction with notes: its deferred trigger runs the flush once, at commit. */
export const grantDtoFlushes = pgTable("grant_dto_flushes", {
  txid: bigint("txid", { mode: "number" }).primaryKey(),
});
