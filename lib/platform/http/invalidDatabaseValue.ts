import "server-only";
/**
 * PostgreSQL "data exception" errors that mean a value did not fit its column: too long, out of
 * range, not a date, not a number or UUID. The API's schemas are meant to refuse such values first;
 * when one slips through, the client still sent a value we cannot store, so it answers 400 rather
 * than 500 (and the server logs it, since a schema should be tightened).
 */
const VALUE_ERROR_CODES = new Set([
  "22001", // string_data_right_truncation
  "22003", // numeric_value_out_of_range
  "22021", // character_not_in_repertoire (a NUL byte in text)
  "22007", // invalid_datetime_format
  "22008", // datetime_field_overflow
  "22P02", // invalid_text_representation
]);

/** The SQLSTATE of a value error, from the driver's error or drizzle's wrapper around it; null otherwise. */
export function invalidDatabaseValueCode(e: unknown): string | null {
  for (
    let x: unknown = e, depth = 0;
    x && typeof x === "object" && depth < 4;
    x = (x as { cause?: unknown }).cause, depth++
  ) {
    const code = (x as { code?: unknown }).code;
    if (typeof code === "string" && VALUE_ERROR_CODES.has(code)) return code;
  }
  return null;
}
