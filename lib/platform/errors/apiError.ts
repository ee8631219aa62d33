import "server-only";
import { ERROR_CODES, type ApiStatus, type ServerErrorCode } from "@/lib/platform/errors/errorCodes";

export type { ApiStatus };

/**
 * An error with a stable code, the HTTP status the code table gives it and details safe to show. Only
 * codes from the table are accepted, so a code and its status cannot drift apart at a call site.
 */
export class ApiError extends Error {
  readonly status: ApiStatus;

  constructor(
    readonly code: ServerErrorCode,
    /** English, with the specifics of this case; defaults to the table's English text. */
    message?: string,
    readonly details: unknown = null,
  ) {
    const entry = ERROR_CODES[code];
    // Only a cast can get here with an unknown code: fail loudly rather than answer with a made-up status.
    if (!entry) throw new TypeError(`Unknown error code ${String(code)}: add it to lib/platform/errors/errorCodes.ts.`);
    super(message ?? entry.en);
    this.name = "ApiError";
    this.status = entry.status;
  }
}

/** Not signed in. */
export const unauthenticated = () => new ApiError("UNAUTHENTICATED", "Sign in to continue.");
/** Signed in but the role does not allow this. */
export const forbidden = () => new ApiError("FORBIDDEN", "Your role does not allow this.");
/** Missing, or not the caller's to see: the two are indistinguishable on purpose. */
export const notFound = (what = "Resource") => new ApiError("NOT_FOUND", `${what} not found.`);
/** Input failed validation. */
export const badRequest = (message: string, details: unknown = null) => new ApiError("BAD_REQUEST", message, details);

/** The JSON body every error response has. */
export function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, details: e.details } };
}
