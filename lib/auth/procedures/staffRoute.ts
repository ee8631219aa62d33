import "server-only";
import { requireUser, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { clientIp } from "@/lib/platform/http/apiResponse";
import { actorOf, type Actor } from "@/lib/auth/actor";

/** The signed-in HR user or admin behind an API request, as an actor; 401/403 otherwise. */
export async function staffActor(req: Request): Promise<Actor> {
  const user = await requireUser(...STAFF_WRITE_ROLES);
  return actorOf(user, clientIp(req));
}
