import "server-only";
import { eq, sql } from "drizzle-orm";
import type { OAuthConfig } from "next-auth/providers/oauth";
import type { Database } from "@/db/client";
import { userRoles, users } from "@/db/schema";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { AuthenticatedUser } from "@/lib/auth/credentials";
import { signInStep } from "@/lib/auth/secondFactor/signInFlow";
import { startUserSession } from "@/lib/auth/sessionRecords";

/** The provider id next-auth routes under /api/auth/signin/oidc and /api/auth/callback/oidc. */
export const OIDC_PROVIDER_ID = "oidc";

/** The claims of an ID token this portal reads. */
export interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
  preferred_username?: string;
}

/**
 * The company identity provider as a next-auth provider, or null when OIDC_ISSUER, OIDC_CLIENT_ID and
 * OIDC_CLIENT_SECRET are not all set. Any standard OpenID Connect issuer works: endpoints come from its
 * discovery document; PKCE and state protect the round trip.
 */
export function oidcProvider(env: NodeJS.ProcessEnv = process.env): OAuthConfig<OidcProfile> | null {
  const issuer = env.OIDC_ISSUER?.replace(/\/+$/, "");
  const clientId = env.OIDC_CLIENT_ID;
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer || !clientId || !clientSecret) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: env.OIDC_NAME || "SSO",
    type: "oauth",
    issuer,
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    clientId,
    clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return {
        id: profile.sub,
        email: profile.email ?? null,
        name: profile.name ?? profile.preferred_username ?? profile.email ?? null,
      };
    },
  };
}

/**
 * The enabled portal user an identity-provider email belongs to (compared case-insensitively), or
 * null. Read-only: the signIn callback uses it to refuse unknown people before anything is written.
 * SSO never creates accounts: an admin invites people first, and their portal roles decide access.
 */
export async function oidcAccountFor(
  db: Database,
  email: string | null | undefined,
): Promise<AuthenticatedUser | null> {
  const normalized = email?.trim().toLowerCase();
  if (!normalized) return null;
  const [row] = await db
    .select({
      id: users.id,
      email: users.email,
      displayName: users.displayName,
      sessionVersion: users.sessionVersion,
      locale: users.locale,
      disabled: users.disabled,
      roles: sql<
        AuthenticatedUser["roles"]
      >`coalesce((select array_agg(${userRoles.role}::text) from ${userRoles} where ${userRoles.userId} = ${users.id}), '{}')`,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalized))
    .limit(1);
  if (!row || row.disabled) return null;
  return {
    id: row.id,
    email: row.email,
    displayName: row.displayName,
    roles: row.roles,
    sessionVersion: row.sessionVersion,
    locale: row.locale,
  };
}

/**
 * Signs an identity-provider email in: maps it to an existing enabled user and records a new session
 * row (the JWT carries its id, as with passwords). Unknown or disabled: null, and sign-in is refused.
 */
export async function oidcUserFor(
  db: Database,
  email: string | null | undefined,
  ip: string | null = null,
): Promise<(AuthenticatedUser & { sessionId: string }) | null> {
  const user = await oidcAccountFor(db, email);
  if (!user) return null;
  // Company SSO is the first factor; staff still give their second one here.
  const sessionId = await startUserSession(db, user.id, ip, await signInStep(db, user), "oidc");
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  await appendAudit(db, {
    actorUserId: user.id,
    action: "auth.sign_in",
    entityType: "user",
    entityId: user.id,
    ip,
    after: { method: "oidc" },
  });
  return { ...user, sessionId };
}
