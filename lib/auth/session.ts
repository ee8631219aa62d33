import "server-only";
import { cache } from "react";
import { and, eq, isNull, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Database } from "@/db/client";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { authSecret } from "@/lib/platform/secrets";
import { apiTokens, userRoles, userSessions, users } from "@/db/schema";
import { bearerToken, hashApiToken } from "@/lib/auth/apiTokenSecret";
import { decodeSessionToken } from "@/lib/auth/sessionJwt";
import { LAST_SEEN_RESOLUTION_MS, sessionIsLive } from "@/lib/auth/sessionRecords";
import { db } from "@/lib/platform/db";
import { preparedStatement } from "@/lib/platform/preparedStatement";
import { sessionBatch, type SessionBatch } from "@/lib/auth/sessionBatch";
import { requestScoped } from "@/lib/auth/requestScope";
import { forbidden, unauthenticated } from "@/lib/platform/errors/apiError";
import type { Role } from "@/lib/auth/credentials";

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
  /** The browser session's id, its sign-in time and its last second-factor proof (null for API tokens). */
  sessionId: string | null;
  signedInAt: Date | null;
  secondFactorAt: Date | null;
}

/**
 * The current user, or null: from an API token (`Authorization: Bearer vd_...`) or the session cookie.
 * The JWT alone is not trusted: a disabled user, a changed password (session version bump), an ended
 * or idle session, or a passed absolute expiry ends the session at the next request.
 */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  const token = bearerToken((await headers()).get("authorization"));
  // route() gives the request a scope: the access check and a query that authorizes itself share one lookup.
  if (token) return requestScoped(`token:${hashApiToken(token)}`, () => tokenUser(token));
  const claims = await requestClaims();
  if (!claims) return null;
  return (await requestSessionCheck(claims).join(null).result).user;
});

/** Columns of the signed-in user's row that a joined read may use. */
export interface SessionColumns {
  userId: SQLWrapper;
  personId: SQLWrapper;
}

/**
 * A value computed for the signed-in user in the same statement as the session check, so that a
 * request needing only "my" data makes one round trip to the database instead of two.
 */
export interface SessionJoinedRead<T> {
  name: string;
  column: (database: Database) => SQL<T>;
  /** A version stamp read with the value (the read model decides what it means), or none. */
  version: ((database: Database) => SQL<number>) | null;
  /** Values for the column's own placeholders in the session check, per user (e.g. what this server keeps). */
  params: (userId: string) => Record<string, unknown>;
  /** The value alone, read by user id (after the session was checked), with the read-alone placeholders. */
  byUser: (database: Database) => { execute: (params: { uid: string }) => Promise<{ value: T | null }[]> };
}

/** How a read model tunes its joined read: a version stamp and the values of its column's placeholders. */
export interface JoinedReadTuning {
  /** A version stamp over the user's row, read in the same statement as the value. */
  version?: (database: Database, user: SessionColumns) => SQL<number>;
  /** Placeholder values in the session check, per user. */
  params?: (userId: string) => Record<string, unknown>;
  /** Placeholder values when the value is read alone by user id (it must then be read in full). */
  readAlone?: Record<string, unknown>;
}

/** Declares a joined read from its column over the user's row; its statements are prepared once per database. */
export function sessionJoinedRead<T>(
  name: string,
  column: (database: Database, user: SessionColumns) => SQL<T>,
  tuning: JoinedReadTuning = {},
): SessionJoinedRead<T> {
  const columns: SessionColumns = { userId: users.id, personId: users.personId };
  const own = (database: Database) => column(database, columns);
  const version = tuning.version;
  return {
    name,
    column: own,
    version: version ? (database: Database) => version(database, columns) : null,
    params: tuning.params ?? (() => ({})),
    byUser: preparedStatement((database) => {
      const statement = database
        .select({ value: own(database) })
        .from(users)
        .where(eq(users.id, sql.placeholder("uid")))
        .prepare(`vd_user_${name}`);
      return { execute: ({ uid }: { uid: string }) => statement.execute({ uid, ...tuning.readAlone }) };
    }),
  };
}

/**
 * The current user (as currentUser) and the joined read's value for them; null when there is no valid
 * session or token. An API token held other than as "employee" gets null: it never reads a person's data.
 */
export async function currentUserWith<T>(
  joinedRead: SessionJoinedRead<T>,
): Promise<{ user: SessionUser; value: T | null; version: number | null } | null> {
  const claims = bearerToken((await headers()).get("authorization")) ? null : await requestClaims();
  if (!claims) {
    // An API token (or no usable session cookie): currentUser decides who it is, then the value is read by user id.
    const user = await currentUser();
    if (!user?.personId) return user ? { user, value: null, version: null } : null;
    const [row] = await joinedRead.byUser(await db()).execute({ uid: user.id });
    return { user, value: row?.value ?? null, version: null };
  }
  const { result, included } = requestSessionCheck(claims).join(joinedRead as SessionJoinedRead<unknown>);
  const { user, row } = await result;
  if (!user) return null;
  if (included) {
    const version = row?.[`${joinedRead.name}_version`];
    return {
      user,
      value: (row?.[joinedRead.name] as T | undefined) ?? null,
      version: version === null || version === undefined ? null : Number(version),
    };
  }
  // Asked for after this request's check had left: the session is valid, so the value alone is read.
  const [late] = await joinedRead.byUser(await db()).execute({ uid: user.id });
  return { user, value: late?.value ?? null, version: null };
}

type SessionClaims = { sid: string; uid: string; sv: unknown };
type SessionRow = {
  id: string;
  email: string;
  displayName: string;
  personId: string | null;
  locale: string;
  disabled: boolean;
  sessionVersion: number;
  lastSeenAt: Date;
  endedAt: Date | null;
  secondFactorState: "pending" | "enrol" | "complete";
  secondFactorAt: Date | null;
  signedInAt: Date;
  roles: Role[];
};

type SessionCheck = { user: SessionUser | null; row: (SessionRow & Record<string, unknown>) | undefined };

/**
 * This request's session check. Within a page render, React's cache makes it one per request, so the
 * layout, the page and the i18n config share one statement. Elsewhere (route handlers) cache() does not
 * memoise, which is how the two calls below tell the cases apart: there the check is sent at once.
 */
function requestSessionCheck(claims: SessionClaims): SessionBatch<SessionJoinedRead<unknown>, SessionCheck> {
  const sv = typeof claims.sv === "number" ? claims.sv : -1;
  const batch = sessionCheckOf(claims.sid, claims.uid, sv);
  if (batch !== sessionCheckOf(claims.sid, claims.uid, sv)) {
    // Not rendering: route() gives the request a scope in which its calls share one check.
    return requestScoped(`session:${claims.sid}:${claims.uid}:${sv}`, () =>
      sessionBatch((joinedReads: SessionJoinedRead<unknown>[]) => runSessionCheck(claims, joinedReads), queueMicrotask),
    );
  }
  return batch;
}

const sessionCheckOf = cache((sid: string, uid: string, sv: number) =>
  sessionBatch(
    (joinedReads: SessionJoinedRead<unknown>[]) => runSessionCheck({ sid, uid, sv }, joinedReads),
    setImmediate,
  ),
);

async function runSessionCheck(
  claims: SessionClaims,
  joinedReads: SessionJoinedRead<unknown>[],
): Promise<SessionCheck> {
  const database = await db();
  // Each joined read's own placeholders (e.g. what this server keeps for the user) ride along.
  const params = Object.assign({}, ...joinedReads.map((c) => c.params(claims.uid)), {
    sid: claims.sid,
    uid: claims.uid,
  });
  const [row] = await sessionCheckQuery(database, joinedReads).execute(params);
  return { user: await acceptSession(database, claims, row), row };
}

/** The session cookie's verified claims, or null when absent, forged, or past its absolute expiry. */
/** The claims, decrypted once per request: by React's cache in a render, by route()'s scope in a route. */
const requestClaims = cache(() => requestScoped("session-claims", sessionClaims));

async function sessionClaims(): Promise<SessionClaims | null> {
  const session = await sessionToken();
  if (!session?.uid || !session.sid) return null;
  if (!session.absExp || session.absExp * 1000 < Date.now()) return null;
  return { sid: String(session.sid), uid: String(session.uid), sv: session.sv };
}

/**
 * The JWT alone is not trusted: the session row must exist, be live and match the user's session
 * version, and the user must be enabled. Records that the session was seen (at most once a minute).
 */
async function acceptSession(
  database: Database,
  claims: SessionClaims,
  row: SessionRow | undefined,
): Promise<SessionUser | null> {
  const now = Date.now();
  if (!row || row.disabled || row.sessionVersion !== claims.sv || !sessionIsLive(row, now)) return null;
  // A sign-in still owing its second factor gives no access (see pendingSignIn).
  if (row.secondFactorState !== "complete") return null;
  if (now - row.lastSeenAt.getTime() > LAST_SEEN_RESOLUTION_MS) {
    await database
      .update(userSessions)
      .set({ lastSeenAt: new Date(now) })
      .where(eq(userSessions.id, claims.sid));
  }
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    personId: row.personId,
    locale: row.locale,
    roles: row.roles,
    apiTokenId: null,
    sessionId: claims.sid,
    signedInAt: row.signedInAt,
    secondFactorAt: row.secondFactorAt,
  };
}

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
    await database
      .update(apiTokens)
      .set({ lastUsedAt: new Date(now) })
      .where(eq(apiTokens.id, row.tokenId));
  }
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    locale: row.locale,
    roles: [row.role],
    personId: row.role === "employee" ? row.personId : null,
    apiTokenId: row.tokenId,
    sessionId: null,
    signedInAt: null,
    secondFactorAt: null,
  };
}

// One round trip per request: the user row, its session row, its roles aggregated and the reads
// joined to it; prepared once per database and set of joined reads (there are only a few such sets).
const sessionCheckStatements = new WeakMap<Database, Map<string, PreparedSessionCheck>>();
type PreparedSessionCheck = {
  execute: (
    params: { sid: string; uid: string } & Record<string, unknown>,
  ) => Promise<(SessionRow & Record<string, unknown>)[]>;
};

function sessionCheckQuery(database: Database, joinedReads: SessionJoinedRead<unknown>[]): PreparedSessionCheck {
  const names = joinedReads.map((c) => c.name).sort();
  const key = names.join(",");
  let byKey = sessionCheckStatements.get(database);
  if (!byKey) sessionCheckStatements.set(database, (byKey = new Map()));
  let statement = byKey.get(key);
  if (!statement) {
    const extra = Object.fromEntries(
      joinedReads.flatMap((c) => [
        [c.name, c.column(database)] as const,
        ...(c.version ? [[`${c.name}_version`, c.version(database)] as const] : []),
      ]),
    );
    statement = sessionUserSelect(database, extra).prepare(
      ["vd_session_user", ...names].join("_"),
    ) as unknown as PreparedSessionCheck;
    byKey.set(key, statement);
  }
  return statement;
}

function sessionUserSelect<E extends Record<string, SQL>>(database: Database, extra: E) {
  return (
    database
      .select({
        id: users.id,
        email: users.email,
        displayName: users.displayName,
        personId: users.personId,
        locale: users.locale,
        disabled: users.disabled,
        sessionVersion: users.sessionVersion,
        lastSeenAt: userSessions.lastSeenAt,
        endedAt: userSessions.endedAt,
        secondFactorState: userSessions.secondFactorState,
        secondFactorAt: userSessions.secondFactorAt,
        signedInAt: userSessions.createdAt,
        roles: sql<
          Role[]
        >`coalesce(array_agg(${userRoles.role}::text) filter (where ${userRoles.role} is not null), '{}')`,
        ...extra,
      })
      .from(users)
      .innerJoin(userSessions, and(eq(userSessions.id, sql.placeholder("sid")), eq(userSessions.userId, users.id)))
      .leftJoin(userRoles, eq(userRoles.userId, users.id))
      .where(eq(users.id, sql.placeholder("uid")))
      // No LIMIT: the two keys make the row unique, and drizzle sends a LIMIT as a parameter, which keeps
      // PostgreSQL planning this prepared statement anew on every execution (a generic plan must guess it).
      .groupBy(users.id, userSessions.id)
  );
}

const tokenUserQuery = preparedStatement((database) =>
  database
    .select({
      tokenId: apiTokens.id,
      role: apiTokens.role,
      lastUsedAt: apiTokens.lastUsedAt,
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      personId: users.personId,
      locale: users.locale,
      disabled: users.disabled,
      stillHeld: sql<boolean>`exists (select 1 from ${userRoles} where ${userRoles.userId} = ${users.id} and ${userRoles.role} = ${apiTokens.role})`,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    // token_hash is unique, so no LIMIT (see sessionUserSelect).
    .where(and(eq(apiTokens.tokenHash, sql.placeholder("tokenHash")), isNull(apiTokens.revokedAt)))
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

export { FINANCE_READ_ROLES, FINANCE_WRITE_ROLES, STAFF_READ_ROLES, STAFF_WRITE_ROLES } from "@/lib/auth/roles";

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
  if (!user) redirect(await signInPath());
  if (roles.length > 0 && !hasRole(user, ...roles)) notFound();
  return user;
}

/** Where a visitor without a session goes: the second step of a sign-in under way, else the login page. */
export async function signInPath(): Promise<string> {
  return (await pendingSignIn()) ? "/login/second-factor" : "/login";
}

/** A sign-in whose password was right and which still owes its second factor (or, past the grace period, enrolment). */
export interface PendingSignIn {
  sessionId: string;
  userId: string;
  email: string;
  displayName: string;
  roles: Role[];
  state: "pending" | "enrol";
}

/**
 * The browser's sign-in that is waiting for its second factor, or null. Only the second-factor and
 * enrolment endpoints read this; everything else sees no user until the factor is given.
 */
export async function pendingSignIn(): Promise<PendingSignIn | null> {
  if (bearerToken((await headers()).get("authorization"))) return null;
  const claims = await requestClaims();
  if (!claims) return null;
  const [row] = await sessionCheckQuery(await db(), []).execute({ sid: claims.sid, uid: claims.uid });
  const sv = typeof claims.sv === "number" ? claims.sv : -1;
  if (!row || row.disabled || row.sessionVersion !== sv || !sessionIsLive(row, Date.now())) return null;
  if (row.secondFactorState === "complete") return null;
  return {
    sessionId: claims.sid,
    userId: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles,
    state: row.secondFactorState,
  };
}
