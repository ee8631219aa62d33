import "server-only";
import type { SessionUser } from "@/lib/auth/session";

/** Who performs a change, for the audit trail. */
export interface Actor {
  userId: string;
  ip: string | null;
}

/** The actor behind a signed-in user's request. */
export function actorOf(user: SessionUser, ip: string | null = null): Actor {
  return { userId: user.id, ip };
}
