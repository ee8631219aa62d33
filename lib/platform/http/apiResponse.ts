import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { isRuleError } from "@/lib/domain/errors";
import { ApiError, errorBody } from "@/lib/platform/errors/apiError";
import { firstForwardedIp } from "@/lib/platform/http/clientIp";
import { isDatabaseUnavailable } from "@/lib/platform/http/databaseUnavailable";
import { invalidDatabaseValueCode } from "@/lib/platform/http/invalidDatabaseValue";

export { isDatabaseUnavailable };

/** Headers for any response carrying personal data: never cached by browsers or proxies. */
export const PRIVATE_NO_STORE = { "Cache-Control": "no-store" } as const;

/** JSON response that must not be cached. */
export function jsonPrivate(body: unknown, status = 200) {
  return NextResponse.json(body, { status, headers: PRIVATE_NO_STORE });
}

/** A JSON body that is already text (built by the database), sent as it is and never cached. */
export function jsonTextPrivate(body: string, status = 200) {
  return new NextResponse(body, { status, headers: { ...PRIVATE_NO_STORE, "Content-Type": "application/json" } });
}

/**
 * Maps any thrown error to the API's error body, with the status the code table gives its code: ApiError
 * as is, rule breaks (422), zod (400), database outage (503), a value the database cannot store (400),
 * the rest as 500.
 */
export function errorResponse(e: unknown) {
  const error = toApiError(e);
  // An outage is usually brief: tell the caller when to try again.
  const headers =
    error.code === "DATABASE_UNAVAILABLE" ? { ...PRIVATE_NO_STORE, "Retry-After": "5" } : PRIVATE_NO_STORE;
  return NextResponse.json(errorBody(error), { status: error.status, headers });
}

/** Any thrown error as the ApiError the caller is answered with (logging the ones that are ours to fix). */
function toApiError(e: unknown): ApiError {
  if (e instanceof ApiError) return e;
  // A broken plan rule is the caller's to fix: its rule code and details.
  if (isRuleError(e)) return new ApiError(e.code, e.message, e.details);
  if (e instanceof ZodError) {
    return new ApiError(
      "BAD_REQUEST",
      "The request is not valid.",
      e.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    );
  }
  if (isDatabaseUnavailable(e)) {
    // Not the caller's fault.
    console.error(
      "[api] database unavailable:",
      e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : e,
    );
    return new ApiError("DATABASE_UNAVAILABLE", "The database is not reachable; try again shortly.");
  }
  const valueError = invalidDatabaseValueCode(e);
  if (valueError) {
    // The database's own message names tables and columns: it stays in the log, not in the answer.
    console.warn(
      `[api] value refused by the database (${valueError}); a request schema should catch this:`,
      e instanceof Error ? e.message.split("\n")[0] : e,
    );
    return new ApiError("INVALID_VALUE", "A value in the request is out of range or malformed.", {
      sqlstate: valueError,
    });
  }
  console.error("[api] unexpected error:", e);
  return new ApiError("INTERNAL", "Something went wrong on our side.");
}

/**
 * A state-changing request from another origin (or from an opaque "null" origin) is refused: the session
 * cookie is SameSite=Lax already, and this closes the gap for browsers and proxies that do not honour it.
 */
export function assertSameOrigin(req: Request): void {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return;
  const origin = req.headers.get("origin");
  if (origin === null) return;
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  let originHost: string | null = null;
  try {
    originHost = origin === "null" ? null : new URL(origin).host;
  } catch {
    originHost = null;
  }
  if (!originHost || originHost !== host)
    throw new ApiError("CROSS_ORIGIN", "Cross-origin requests may not change data.");
}

/** The caller's IP as the proxy reports it, for the audit trail. */
export function clientIp(req: Request): string | null {
  return firstForwardedIp(req.headers.get("x-forwarded-for"));
}

/** Wraps a route handler so every failure answers with the JSON error shape. */
export function apiRoute<C>(handler: (req: Request, ctx: C) => Promise<Response>) {
  return async (req: Request, ctx: C): Promise<Response> => {
    try {
      assertSameOrigin(req);
      return await handler(req, ctx);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
