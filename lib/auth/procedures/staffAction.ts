import "server-only";
import { requestIp } from "@/lib/platform/http/clientIp";
import { ZodError, type z } from "zod";
import { ApiError } from "@/lib/platform/errors/apiError";
import { requireUser, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import type { Role } from "@/lib/auth/credentials";
import { actorOf, type Actor } from "@/lib/auth/actor";

/** What a staff form shows after a server action: success data or a translated-ready error. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; details?: unknown };

/**
 * Wraps a server action for HR and admins: role check, zod validation of the input at the edge, and
 * refusals (rule codes, 4xx) returned as form state instead of thrown; anything else is a real error.
 */
export function staffAction<S extends z.ZodTypeAny, T>(schema: S, run: (input: z.infer<S>, actor: Actor) => Promise<T>) {
  return roleAction(STAFF_WRITE_ROLES, schema, run);
}

/** The same wrapper for any set of roles (admin pages use it with "admin" alone). */
export function roleAction<S extends z.ZodTypeAny, T>(roles: Role[], schema: S, run: (input: z.infer<S>, actor: Actor) => Promise<T>) {
  return async (input: unknown): Promise<ActionResult<T>> => {
    try {
      const user = await requireUser(...roles);
      const ip = await requestIp();
      return { ok: true, data: await run(schema.parse(input), actorOf(user, ip)) };
    } catch (e) {
      if (e instanceof ZodError) return { ok: false, code: "BAD_REQUEST", message: "The form is not valid.", details: e.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
      if (e instanceof ApiError && e.status < 500) return { ok: false, code: e.code, message: e.message, details: e.details };
      throw e;
    }
  };
}
