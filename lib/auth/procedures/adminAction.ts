import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { roleAction, type ActionResult } from "@/lib/auth/procedures/staffAction";

/**
 * Wraps a server action of the administration pages: admins only (a server action is a public POST
 * endpoint, so the page's own check is not enough), zod validation at the edge, and refusals returned
 * as form state; anything else is a real error.
 */
export function adminAction<S extends z.ZodTypeAny, T>(schema: S, run: (input: z.infer<S>, actor: Actor) => Promise<T>): (input: unknown) => Promise<ActionResult<T>> {
  return roleAction(["admin"], schema, run);
}
