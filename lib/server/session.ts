import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/authOptions";
import { userRoles, users } from "@/db/schema";
import { db } from "./db";
import { forbidden, unauthenticated } from "./apiError";
import type { Role } from "./credentials";

/** The signed-in user as the data layer sees it: re-read from the database on every request. */
export interface SessionUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  personId: string | null;
  locale: string;
}

/**
 * The current user, or null. The JWT alone is not trusted: a disabled user, a changed password
 * (session version bump) or a passed absolute expiry ends the session at the next request.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions);
  if (!session?.uid) return null;
  if (!session.absExp || session.absExp * 1000 < Date.now()) return null;
  const database = await db();
  const [row] = await database
    .select({ id: users.id, email: users.email, displayName: users.displayName, personId: users.personId, locale: users.locale, disabled: users.disabled, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(users.id, session.uid))
    .limit(1);
  if (!row || row.disabled || row.sessionVersion !== session.sv) return null;
  const roles = (await database.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, row.id))).map((r) => r.role);
  return { id: row.id, email: row.email, displayName: row.displayName, personId: row.personId, locale: row.locale, roles };
});

/** True when the user holds any of the roles. */
export function hasRole(user: SessionUser, ...roles: Role[]): boolean {
  return roles.some((r) => user.roles.includes(r));
}

/** Staff who may read every grant: hr, admin and auditor. */
export const STAFF_READ_ROLES: Role[] = ["hr", "admin", "auditor"];
/** Staff who may change plan data: hr and admin. */
export const STAFF_WRITE_ROLES: Role[] = ["hr", "admin"];

/** The current user holding one of the roles (any role when none given); throws 401 or 403 otherwise. */
export async function requireUser(...roles: Role[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw unauthenticated();
  if (roles.length > 0 && !hasRole(user, ...roles)) throw forbidden();
  return user;
}
