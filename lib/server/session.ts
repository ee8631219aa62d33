import "server-only";
import { cache } from "react";
import { eq, sql } from "drizzle-orm";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { decode } from "next-auth/jwt";
import { authSecret } from "./secrets";
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
  const session = await sessionToken();
  if (!session?.uid) return null;
  if (!session.absExp || session.absExp * 1000 < Date.now()) return null;
  const database = await db();
  // One round trip per request: the user row with its roles aggregated.
  const [row] = await database
    .select({
      id: users.id, email: users.email, displayName: users.displayName, personId: users.personId, locale: users.locale, disabled: users.disabled, sessionVersion: users.sessionVersion,
      roles: sql<Role[]>`coalesce(array_agg(${userRoles.role}::text) filter (where ${userRoles.role} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, session.uid))
    .groupBy(users.id)
    .limit(1);
  if (!row || row.disabled || row.sessionVersion !== session.sv) return null;
  return { id: row.id, email: row.email, displayName: row.displayName, personId: row.personId, locale: row.locale, roles: row.roles };
});

// next-auth's cookie names: the __Secure- prefix is used when the portal runs behind HTTPS.
const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/**
 * The verified, decrypted session token from the request's cookie. Decoding it directly (the same
 * decode next-auth uses) avoids building next-auth's whole request handler on every page and API call.
 */
async function sessionToken() {
  const jar = await cookies();
  const raw = SESSION_COOKIES.map((name) => jar.get(name)?.value).find(Boolean);
  if (!raw) return null;
  try {
    return await decode({ token: raw, secret: authSecret() });
  } catch {
    return null;
  }
}

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

/**
 * For pages: the current user holding one of the roles. Anonymous visitors go to the login page; a
 * role that may not see the page gets 404, as for anything that is not theirs to see.
 */
export async function requirePageUser(...roles: Role[]): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect("/login");
  if (roles.length > 0 && !hasRole(user, ...roles)) notFound();
  return user;
}
