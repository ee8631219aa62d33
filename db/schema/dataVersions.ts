import { bigint, pgTable, text } from "drizzle-orm/pg-core";

/**
 * Counters that change when a family of tables does, at the commit of the change, so that readers can keep
 * what they built from those tables until the counter moves. One row per family: 'grant_dto' counts
 * changes to everything a grant DTO is built from (migration 0005 installs the triggers that bump it).
 */
export const dataVersions = pgTable("data_versions", {
  name: text("name").primaryKey(),
  version: bigint("version", { mode: "number" }).notNull().default(0),
});
