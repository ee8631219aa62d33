/** HTTP statuses the API answers with, by error family. */
export type ApiStatus = 400 | 401 | 403 | 404 | 409 | 422 | 429 | 500 | 503;

/** An error with a stable code, an HTTP status and details safe to show. */
export class ApiError extends Error {
  constructor(
    readonly status: ApiStatus,
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Not signed in. */
export const unauthenticated = () => new ApiError(401, "UNAUTHENTICATED", "Sign in to continue.");
/** Signed in but the role does not allow this. */
export const forbidden = () => new ApiError(403, "FORBIDDEN", "Your role does not allow this.");
/** Missing, or not the caller's to see: the two are indistinguishable on purpose. */
export const notFound = (what = "Resource") => new ApiError(404, "NOT_FOUND", `${what} not found.`);
/** Input failed validation. */
export const badRequest = (message: string, details: unknown = null) => new ApiError(400, "BAD_REQUEST", message, details);

/** The JSON body every error response has. */
export function errorBody(e: ApiError) {
  return { error: { code: e.code, message: e.message, details: e.details } };
}
