import { getTableColumns, is, sql, SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { Database, Transaction } from "@/db/client";

const ROWS_PER_STATEMENT = 20_000;

/**
 * Bulk INSERT for the bench seed: each statement carries up to 20,000 rows as ONE json parameter,
 * expanded by `json_populate_recordset` into the table's own row type (PostgreSQL converts every value to
 * the column's type). This is close to COPY speed, needs no COPY stream (pg-copy-streams is not a
 * dependency and PGlite has no COPY FROM STDIN from a client), and avoids both the 65,535-parameter limit
 * and the cost of building and binding one parameter per value. Omitted columns take their defaults.
 */
export async function insertRows<T extends PgTable>(
  tx: Database | Transaction,
  table: T,
  values: T["$inferInsert"][],
): Promise<void> {
  if (values.length === 0) return;
  // The same columns, in the same order, as drizzle lists in the INSERT (no table here has generated columns).
  const columns = Object.entries(getTableColumns(table) as Record<string, PgColumn>);
  const select = sql.join(
    columns.map(([, c]) =>
      c.hasDefault && c.default !== undefined
        ? sql`coalesce(${c}, ${is(c.default, SQL) ? c.default : sql.param(c.default, c)})`
        : sql`${c}`,
    ),
    sql`, `,
  );
  for (let i = 0; i < values.length; i += ROWS_PER_STATEMENT) {
    const json = JSON.stringify(
      values.slice(i, i + ROWS_PER_STATEMENT).map((row) => dbRow(row as Record<string, unknown>, columns)),
    );
    // The alias is the table's own name, so the column references above resolve to the json rows.
    await tx
      .insert(table)
      .select(sql`SELECT ${select} FROM json_populate_recordset(NULL::${table}, ${json}::json) AS ${table}`);
  }
}

/** A row keyed by database column names, as json_populate_recordset matches them. */
function dbRow(row: Record<string, unknown>, columns: [string, PgColumn][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of columns) {
    const value = row[key];
    if (value === undefined) continue;
    out[column.name] = value instanceof Date ? value.toISOString() : value;
  }
  return out;
}
