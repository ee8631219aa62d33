import "server-only";
import { cache } from "react";
import { and, eq, isNull, sql } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { authSecret } from "./secrets";
import { apiTokens, userRoles, userSessions, users } from "@/db/schema";
import { bearerToken, hashApiToken } from "@/lib/auth/apiTokenSecret";
import { decodeSessionToken } from "@/lib/auth/sessionJwt";
import { LAST_SEEN_RESOLUTION_MS, sessionIsLive } from "./sessionRecords";
import { db } from "./db";
import { preparedStatement } from "./preparedStatement";
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
  /** Set when the request authenticated with an API token rather than a browser session. */
  apiTokenId: string | null;
}

/**
 * The current user, or null: from an API token (`Authorization: Bearer vd_...`) or the session cookie.
 * The JWT alone is not trusted: a disabled user, a changed password (session version bump), an ended
 * or idle session, or a passed absolute expiry ends the session at the next request.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = bearerToken((await headers()).get("authorization"));
  if (token) return tokenUser(token);
  const session = await sessionToken();
  if (!session?.uid || !session.sid) return null;
  if (!session.absExp || session.absExp * 1000 < Date.now()) return null;
  const database = await db();
  const [row] = await sessionUserQuery(database).execute({ sid: session.sid, uid: session.uid });
  const now = Date.now();
  if (!row || row.disabled || row.sessionVersion !== session.sv || !sessionIsLive(row, now)) return null;
  if (now - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await database.update(userSessions).set({ lastSeenAt: new Date(now) }).where(eq(userSessions.id, session.sid));
  }
  return { id: row.id, email: row.email, displayName: row.displayName, personId: row.personId, locale: row.locale, roles: row.roles, apiTokenId: null };
});

/**
 * The user behind an API token, holding only the token's role, and only while the user is enabled and
 * still holds that role. A token scoped to "auditor" never sees a person's own data as an employee.
 */
async function tokenUser(token: string): Promise<SessionUser | null> {
  const database = await db();
  const [row] = await tokenUserQuery(database).execute({ tokenHash: hashApiToken(token) });
  if (!row || row.disabled || !row.stillHeld) return null;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await database.update(apiTokens).set({ lastUsedAt: new Date(now) }).where(eq(apiTokens.id, row.tokenId));
  }
  return {
    id: row.id, email: row.email, displayName: row.displayName, locale: row.locale, roles: [row.role],
    personId: row.role === "employee" ? row.personId : null, apiTokenId: row.tokenId,
  };
}

// One round trip per request: the user row, its session row and its roles aggregated; prepared once.
const sessionUserQuery = preparedStatement((database) =>
  database
    .select({
      id: users.id, email: users.email, displayName: users.displayName, personId: users.personId, locale: users.locale, disabled: users.disabled, sessionVersion: users.sessionVersion,
      lastSeenAt: userSessions.lastSeenAt, endedAt: userSessions.endedAt,
      roles: sql<Role[]>`coalesce(array_agg(${userRoles.role}::text) filter (where ${userRoles.role} is not null), '{}')`,
    })
    .from(users)
    .innerJoin(userSessions, and(eq(userSessions.id, sql.placeholder("sid")), eq(userSessions.userId, users.id)))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, sql.placeholder("uid")))
    .groupBy(users.id, userSessions.id)
    .limit(1)
    .prepare("vd_session_user"),
);

const tokenUserQuery = preparedStatement((database) =>
  database
    .select({
      tokenId: apiTokens.id, role: apiTokens.role, lastUsedAt: apiTokens.lastUsedAt,
      id: users.id, email: users.email, displayName: users.displayName, personId: users.personId, locale: users.locale, disabled: users.disabled,
      stillHeld: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${apiTokens.role})`,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")), isNull(apiTokens.revokedAt)))
    .limit(1)
    .prepare("vd_token_user"),
);

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
  return decodeSessionToken(raw, authSecret());
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
