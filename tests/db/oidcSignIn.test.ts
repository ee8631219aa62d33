import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users, userSessions } from "@/db/schema";
import { oidcAccountFor, oidcUserFor } from "@/lib/auth/oidcProvider";
import { updateUser } from "@/lib/features/admin/commands";
import { seedAdminCompany, type AdminSeed } from "./support/adminSeed";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

describe.each(BACKENDS)("SSO sign-in mapping on %s", (kind) => {
  let h: DatabaseHandle;
  let seed: AdminSeed;
  beforeAll(async () => {
    h = await freshDatabase(kind);
    seed = await seedAdminCompany(h.db);
  });
  afterAll(async () => h?.close());

  it("maps an identity-provider email to the existing user, case-insensitively, and records a session", async () => {
    expect(await oidcAccountFor(h.db, " HR@Test.Local ")).toMatchObject({
      id: seed.hr,
      roles: ["hr"],
      sessionVersion: 1,
    });
    const signedIn = await oidcUserFor(h.db, "HR@test.local", "10.7.7.7");
    expect(signedIn).toMatchObject({ id: seed.hr, email: "hr@test.local", roles: ["hr"], sessionVersion: 1 });
    const [session] = await h.db.select().from(userSessions).where(eq(userSessions.id, signedIn!.sessionId));
    expect(session).toMatchObject({ userId: seed.hr, ip: "10.7.7.7", endedAt: null });
    expect(
      (await h.db.select({ at: users.lastLoginAt }).from(users).where(eq(users.id, seed.hr)))[0]!.at,
    ).toBeInstanceOf(Date);
    expect(await rows(h, sql`SELECT action, after FROM audit_log WHERE entity_id = ${seed.hr}`)).toEqual([
      { action: "auth.sign_in", after: { method: "oidc" } },
    ]);
  });

  it("refuses unknown emails, missing emails and disabled users without writing a session", async () => {
    const before = (await h.db.select().from(userSessions)).length;
    expect(await oidcUserFor(h.db, "stranger@test.local")).toBeNull();
    expect(await oidcUserFor(h.db, "")).toBeNull();
    expect(await oidcUserFor(h.db, undefined)).toBeNull();
    await updateUser(h.db, { userId: seed.admin, ip: null }, seed.auditor, { disabled: true });
    expect(await oidcUserFor(h.db, "auditor@test.local")).toBeNull();
    expect((await h.db.select().from(userSessions)).length).toBe(before);
  });
});
