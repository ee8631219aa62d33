import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { firstForwardedIp } from "@/lib/server/clientIp";
import { authenticate, type Role } from "@/lib/server/credentials";
import { db } from "@/lib/server/db";
import { authSecret } from "@/lib/server/secrets";

/** Absolute session lifetime: 12 hours. */
export const SESSION_MAX_AGE_S = 12 * 60 * 60;

/** next-auth configuration: credentials only, JWT sessions; the data layer re-checks the user on every request. */
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S, updateAge: 0 },
  jwt: { maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/login" },
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
        const result = await authenticate(await db(), identifier, password, ip);
        if (!result.ok) {
          // The message reaches the login form as its error code.
          throw new Error(result.reason === "throttled" ? "TOO_MANY_ATTEMPTS" : "INVALID_CREDENTIALS");
        }
        const u = result.user;
        return { id: u.id, email: u.email, name: u.displayName, roles: u.roles, sessionVersion: u.sessionVersion, locale: u.locale };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) {
        const u = user as typeof user & { roles: Role[]; sessionVersion: number; locale: string };
        token.uid = u.id;
        token.roles = u.roles;
        token.sv = u.sessionVersion;
        // Absolute expiry: never slid forward by activity.
        token.absExp = Math.floor(Date.now() / 1000) + SESSION_MAX_AGE_S;
      }
      return token;
    },
    async session({ session, token }) {
      return { ...session, uid: token.uid, roles: token.roles, sv: token.sv, absExp: token.absExp };
    },
  },
};
