import "server-only";
import { ZodError, type z } from "zod";
import type { Database } from "@/db/client";
import { db } from "@/lib/platform/db";
import { ApiError } from "@/lib/platform/errors/apiError";
import { isRuleError } from "@/lib/domain/errors";
import { requestIp } from "@/lib/platform/http/clientIp";
import type { SessionUser } from "@/lib/auth/session";
import { actorOf, type Actor } from "@/lib/auth/actor";
import type { Access } from "./access";
import { authorize } from "./authorize";
import { requireFreshProof } from "@/lib/auth/secondFactor/stepUp";

/** What a form shows after a server action: success data, or a refusal with its code. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; code: string; message: string; details?: unknown };

/** What an action's handler receives: the admitted caller and the validated input. */
export interface ActionContext<S extends z.ZodType, A extends Access> {
  input: z.infer<S>;
  user: A extends "public" ? SessionUser | null : SessionUser;
  actor: A extends "public" ? Actor | null : Actor;
  /** A public action gets none: it reads no session, so it must not fail for want of a database it does not need. */
  db: A extends "public" ? undefined : Database;
}

export interface ActionSpec<S extends z.ZodType, A extends Access> {
  access: A;
  input: S;
  /** Refuses API tokens (they cannot call actions anyway; stated for symmetry with routes). */
  sessionOnly?: boolean;
  /** A sensitive action: the session must have given its second factor within 10 minutes (STEP_UP_REQUIRED). */
  stepUp?: boolean;
}

/**
 * The one way into a server action (a public POST endpoint, so the page's own check is not enough):
 * session and role by `access` → zod validation of the input → handler. Refusals (validation, rule
 * codes, 4xx) come back as form state; anything else is a real error.
 */
export function action<S extends z.ZodType, const A extends Access, T>(
  spec: ActionSpec<S, A>,
  handler: (ctx: ActionContext<S, A>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input: unknown) => {
    try {
      const user = await authorize(spec.access, spec.sessionOnly);
      if (spec.stepUp && user) await requireFreshProof(await db(), user);
      const parsed = spec.input.parse(input);
      const actor = user ? actorOf(user, await requestIp()) : null;
      const ctx = {
        input: parsed,
        user,
        actor,
        db: spec.access === "public" ? undefined : await db(),
      } as ActionContext<S, A>;
      return { ok: true, data: await handler(ctx) };
    } catch (e) {
      if (e instanceof ZodError) {
        const details = e.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
        return { ok: false, code: "BAD_REQUEST", message: "The form is not valid.", details };
      }
      if (e instanceof ApiError && e.status < 500)
        return { ok: false, code: e.code, message: e.message, details: e.details };
      if (isRuleError(e)) return { ok: false, code: e.code, message: e.message, details: e.details };
      throw e;
    }
  };
}
