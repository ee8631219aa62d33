import "server-only";
/**
 * Recognises "the database is out of reach" among thrown errors, so callers answer 503 (try again)
 * rather than 500 (our bug). Observed with node-postgres behind drizzle: the driver's error arrives
 * as the `cause` of drizzle's "Failed query" error, or bare inside a transaction.
 */

/** Socket-level codes from Node (connect/DNS/reset) and PostgreSQL SQLSTATEs for "server not serving". */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting up / recovering)
  "57P01",
  "57P02",
  "57P03",
  // class 08: connection exceptions; 53300 too_many_connections
  "08000",
  "08001",
  "08003",
  "08004",
  "08006",
  "53300",
]);

/** pg-pool's message for a request that waited longer than connectionTimeoutMillis for a pooled connection. */
const POOL_WAIT_TIMEOUT = /^timeout exceeded when trying to connect/;

/**
 * node-postgres reports a dropped connection and its own connect timeout by message only (no code):
 * "Connection terminated unexpectedly", "Connection terminated due to connection timeout",
 * "Client has encountered a connection error and is not queryable", and pg-pool's
 * "timeout exceeded when trying to connect" when every connection is stuck connecting.
 */
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated/,
  /^Client has encountered a connection error/,
  POOL_WAIT_TIMEOUT,
];

/** True when the error, one of its causes or (for dual-stack connects) one of its aggregated errors passes the test. */
function inErrorChain(e: unknown, test: (code: unknown, message: unknown) => boolean, depth = 0): boolean {
  if (depth > 5 || typeof e !== "object" || e === null) return false;
  const { code, message, cause, errors } = e as {
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  if (test(code, message)) return true;
  if (Array.isArray(errors) && errors.some((x) => inErrorChain(x, test, depth + 1))) return true;
  return inErrorChain(cause, test, depth + 1);
}

/** True when the error, its causes or (for dual-stack connects) its aggregated errors say the database is unreachable. */
export function isDatabaseUnavailable(e: unknown): boolean {
  return inErrorChain(
    e,
    (code, message) =>
      (typeof code === "string" && UNAVAILABLE_CODES.has(code)) ||
      (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => m.test(message))),
  );
}

/**
 * pg-pool's "timeout exceeded when trying to connect" for a request that waited for a free pooled
 * connection: under load every connection is busy while the database is fine, so this says
 * "overloaded" (the API still answers 503) but must not mark the database as down for everyone.
 */
export function isPoolWaitTimeout(e: unknown): boolean {
  return inErrorChain(e, (_code, message) => typeof message === "string" && POOL_WAIT_TIMEOUT.test(message));
}
