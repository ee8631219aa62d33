import { ApiError } from "@/lib/platform/errors/apiError";

/** Awaits a change that must be refused and returns the refusal; fails when it succeeds or breaks otherwise. */
export async function refusal(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}
