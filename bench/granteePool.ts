/**
 * The signed-in grantees P1 and P2 cycle through. A portal's home page is read by many people, each
 * with their own grants: one cookie at 50 connections would measure one grantee whose data the server
 * keeps warm, so the figures sign in a pool of employee logins whose person holds grants and hand their
 * cookies out round-robin, one per request, over all connections.
 */
import { and, count, eq, ne } from "drizzle-orm";
import type { Database } from "@/db/client";
import * as s from "@/db/schema";
import { BENCH_GRANTEE_EMAIL } from "./seed/benchAccounts";
import { signInCookie } from "./serverThroughput";

/** The issue asks for at least this many distinct grantees signed in at once. */
export const POOL_SIZE = 200;
/** Argon2 verifies each password on purpose slowly: a few at a time keeps the server from queueing them all. */
const SIGN_IN_CONCURRENCY = 4;

/** An employee login whose person holds grants. */
export interface GranteeLogin {
  email: string;
  personId: string;
  grants: number;
}

/**
 * Every enabled employee login whose person holds at least one grant, by e-mail (so the pool is the same
 * people at every run of one size). The measured one-grantee login stays out: its figure is apart.
 */
export async function granteeLogins(db: Database): Promise<GranteeLogin[]> {
  const rows = await db
    .select({ email: s.users.email, personId: s.grants.personId, grants: count(s.grants.id) })
    .from(s.users)
    .innerJoin(s.userRoles, and(eq(s.userRoles.userId, s.users.id), eq(s.userRoles.role, "employee")))
    .innerJoin(s.grants, eq(s.grants.personId, s.users.personId))
    .where(and(eq(s.users.disabled, false), ne(s.users.email, BENCH_GRANTEE_EMAIL)))
    .groupBy(s.users.email, s.grants.personId)
    .orderBy(s.users.email);
  return rows.map((r) => ({ email: r.email, personId: r.personId, grants: Number(r.grants) }));
}

/** Signs every login in, a few at a time; the cookies come back in the order of `emails`. */
export async function signInAll(base: string, emails: string[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const email = emails[next++]!;
      cookies.set(email, await signInCookie(base, email));
    }
  };
  await Promise.all(Array.from({ length: Math.min(SIGN_IN_CONCURRENCY, emails.length) }, worker));
  return new Map(emails.map((e) => [e, cookies.get(e)!]));
}

/** Cookies handed out in turn, one per request, shared by all of autocannon's connections. */
export interface CookieRoundRobin {
  next: () => string;
  /** How many distinct cookies the pool holds. */
  size: number;
  /** How many cookies were handed out so far (a request each, plus one per connection's first build). */
  handedOut: () => number;
}

export function roundRobin(cookies: string[]): CookieRoundRobin {
  if (cookies.length === 0) throw new Error("the grantee pool is empty");
  let n = 0;
  return { next: () => cookies[n++ % cookies.length]!, size: cookies.length, handedOut: () => n };
}
