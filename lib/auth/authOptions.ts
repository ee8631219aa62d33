import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { firstForwardedIp } from "@/lib/platform/http/clientIp";
import { authenticate, type Role } from "@/lib/auth/credentials";
import { db } from "@/lib/platform/db";
import { authSecret } from "@/lib/platform/secrets";
import { endUserSession, startUserSession } from "@/lib/auth/sessionRecords";
import { KNOWN_DEVICE_COOKIE, knownDeviceUser, signInStep } from "@/lib/auth/secondFactor/signInFlow";
import { OIDC_PROVIDER_ID, oidcAccountFor, oidcProvider, oidcUserFor } from "./oidcProvider";

const sso = oidcProvider();

/** Absolute session lifetime: 12 hours. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** next-auth configuration: credentials only, JWT sessions; the data layer re-checks the user on every request. */
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 0 },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { identifier: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const identifier = String(credentials?.identifier ?? "");
        const password = String(credentials?.password ?? "");
        if (!identifier || !password || identifier.length > 200 || password.length > 200) return null;
        const forwarded = req?.headers?.["x-forwarded-for"];
        const ip = firstForwardedIp(Array.isArray(forwarded) ? forwarded[0] : forwarded) ?? "local";
        const database = await db();
        const deviceUserId = await knownDeviceUser(database, cookieValue(req?.headers?.cookie, KNOWN_DEVICE_COOKIE));
        const result = await authenticate(database, identifier, password, ip, { deviceUserId });
        if (!result.ok) {
          // The message reaches the login form as its error code (with the wait, in seconds, when throttled).
          throw new Error(
            result.reason === "throttled"
              ? `TOO_MANY_ATTEMPTS:${Math.ceil(result.retryAfterMs / 1000)}`
              : "INVALID_CREDENTIALS",
          );
        }
        const u = result.user;
        const sessionId = await startUserSession(database, u.id, ip, await signInStep(database, u));
        return {
          id: u.id,
          email: u.email,
          name: u.displayName,
          roles: u.roles,
          sessionVersion: u.sessionVersion,
          locale: u.locale,
          sessionId,
        };
      },
    }),
    ...(sso ? [sso] : []),
  ],
  events: {
    async signOut({ token }) {
      if (token?.sid) await endUserSession(await db(), token.sid);
    },
  },
  callbacks: {
    async signIn({ account, user, profile }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      if ((profile as { email_verified?: boolean } | undefined)?.email_verified === false) return false;
      // Company SSO only signs in people who already have a portal account (unknown or disabled -> AccessDenied).
      return (await oidcAccountFor(await db(), user.email)) !== null;
    },
    async jwt({ token, user, account }) {
      if (!user) return token;
      // SSO users are matched to their portal account here; credentials users arrive already resolved.
      const u =
        account?.provider === OIDC_PROVIDER_ID
          ? await oidcUserFor(await db(), user.email, null)
          : (user as typeof user & { roles: Role[]; sessionVersion: number; sessionId: string });
      if (!u) throw new Error("SSO_ACCOUNT_UNKNOWN");
      token.uid = u.id;
      token.sid = u.sessionId;
      token.roles = u.roles;
      token.sv = u.sessionVersion;
      // Absolute expiry: never slid forward by activity.
      token.absExp = Math.floor(Date.now() / 1000) + SESSION_MAX_AGE_S;
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, roles: token.roles, sv: token.sv, absExp: token.absExp };
    },
  },
};

/** One cookie's value from a Cookie header (next-auth hands authorize() the raw headers). */
function cookieValue(header: string | string[] | undefined, name: string): string | null {
  const text = Array.isArray(header) ? header.join("; ") : (header ?? "");
  for (const part of text.split(";")) {
    const [k, ...v] = part.trim().split("=");
    if (k === name) return decodeURIComponent(v.join("="));
  }
  return null;
}
