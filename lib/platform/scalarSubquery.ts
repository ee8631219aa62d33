import "server-only";
import { sql, type SQL } from "drizzle-orm";

/**
 * `(select ...)` as a selected field of any query. Drizzle writes the columns of a single-table
 * select's fields without their table names, which would make a correlated subquery's `"id"` ambiguous;
 * it rewrites only the field's own top-level chunks, so the subquery goes one level down and keeps
 * every column qualified.
 */
export function scalarSubquery<T>(select: SQL): SQL<T> {
  return sql<T>`(${select})`;
}
