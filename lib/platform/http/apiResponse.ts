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
 * Maps any thrown error to the API's error body: ApiError as is, rule breaks as 422, zod as 400,
 * database outage as 503, a value the database cannot store as 400, the rest as 500.
 */
export function errorResponse(e: unknown) {
  if (e instanceof ApiError) return NextResponse.json(errorBody(e), { status: e.status, headers: PRIVATE_NO_STORE });
  if (isRuleError(e)) {
    // A broken plan rule is the caller's to fix: 422 with the rule code and its details.
    return NextResponse.json({ error: { code: e.code, message: e.message, details: e.details } }, { status: 422, headers: PRIVATE_NO_STORE });
  }
  if (e instanceof ZodError) {
    return NextResponse.json(
      { error: { code: "BAD_REQUEST", message: "The request is not valid.", details: e.issues.map((i) => ({ path: i.path.join("."), message: i.message })) } },
      { status: 400, headers: PRIVATE_NO_STORE },
    );
  }
  if (isDatabaseUnavailable(e)) {
    // Not the caller's fault and usually brief: 503 with a hint when to try again.
    console.error("[api] database unavailable:", e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : e);
    return NextResponse.json(
      { error: { code: "DATABASE_UNAVAILABLE", message: "The database is not reachable; try again shortly.", details: null } },
      { status: 503, headers: { ...PRIVATE_NO_STORE, "Retry-After": "5" } },
    );
  }
  const valueError = invalidDatabaseValueCode(e);
  if (valueError) {
    // The database's own message names tables and columns: it stays in the log, not in the answer.
    console.warn(`[api] value refused by the database (${valueError}); a request schema should catch this:`, e instanceof Error ? e.message.split("\n")[0] : e);
    return NextResponse.json({ error: { code: "INVALID_VALUE", message: "A value in the request is out of range or malformed.", details: { sqlstate: valueError } } }, { status: 400, headers: PRIVATE_NO_STORE });
  }
  console.error("[api] unexpected error:", e);
  return NextResponse.json({ error: { code: "INTERNAL", message: "Something went wrong on our side.", details: null } }, { status: 500, headers: PRIVATE_NO_STORE });
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
  if (!originHost || originHost !== host) throw new ApiError(403, "CROSS_ORIGIN", "Cross-origin requests may not change data.");
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
