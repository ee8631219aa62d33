import "server-only";
import { sql, type SQLWrapper } from "drizzle-orm";

/**
 * A timestamptz as text in JavaScript's toISOString() form (UTC, milliseconds, "Z"), for DTOs that
 * PostgreSQL builds as JSON: the same text NextResponse.json gives a Date, whatever the session time zone.
 */
export const isoTimestampText = (column: SQLWrapper) =>
  sql`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
