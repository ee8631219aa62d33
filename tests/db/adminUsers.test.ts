import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { apiTokens, userRoles, users, userSessions } from "@/db/schema";
import { newApiToken } from "@/lib/auth/apiTokenSecret";
import { setPasswordWithLink, setupLinkState, SETUP_LINK_LIFETIME_MS } from "@/lib/features/admin/passwordSetup";
import { createUser, resetPassword, updateUser } from "@/lib/features/admin/commands";
import { listUsers, userDetail } from "@/lib/features/admin/queries";
import { userListQuerySchema, type UserListQuery } from "@/lib/features/admin/schemas";
import { adminOperations } from "@/lib/features/openapi/operations/admin";
import { encodeCursor } from "@/lib/platform/pagination/keysetCursor";
import { authenticate } from "@/lib/auth/credentials";
import type { Actor } from "@/lib/auth/actor";
import { startUserSession } from "@/lib/auth/sessionRecords";
import { seedAdminCompany, SEED_PASSWORD, type AdminSeed } from "./support/adminSeed";
import { refusal } from "./support/refusal";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const ORIGIN = "https://portal.example.cn";
const tokenOf = (url: string) => new URL(url).searchParams.get("token")!;
const sha256 = (s: string) => crypto.createHash("sha256").update(s).digest("hex");

describe.each(BACKENDS)("users and roles on %s", (kind) => {
  let h: DatabaseHandle;
  let seed: AdminSeed;
  let admin: Actor;
  let ipCounter = 0;
  // A fresh IP per sign-in keeps the per-IP throttle out of the way of what is being tested.
  const signIn = (identifier: string, password: string) =>
    authenticate(h.db, identifier, password, `10.9.0.${++ipCounter}`);
  const auditCount = async () => (await rows<{ n: number }>(h, sql`SELECT count(*)::int AS n FROM audit_log`))[0]!.n;
  const userRow = async (id: string) => (await h.db.select().from(users).where(eq(users.id, id)))[0]!;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    seed = await seedAdminCompany(h.db);
    admin = { userId: seed.admin, ip: "10.1.1.1" };
  });
  afterAll(async () => h?.close());

  it("invites a user: no password yet, a 72-hour link stored as SHA-256 only, a bilingual mail, an audit row without secrets", async () => {
    const before = Date.now();
    const created = await createUser(
      h.db,
      admin,
      { email: "New.Person@Test.local", displayName: "新同事", roles: ["employee", "hr"], personEmployeeNo: "p002" },
      ORIGIN,
    );
    const token = tokenOf(created.setupLink.url);
    expect(created.setupLink.url).toBe(`${ORIGIN}/set-password?token=${token}`);
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(created.user).toMatchObject({
      email: "new.person@test.local",
      displayName: "新同事",
      roles: ["employee", "hr"],
      person: { employeeNo: "P002", name: "李四" },
      disabled: false,
      hasPassword: false,
      lastLoginAt: null,
      openSessions: 0,
    });
    expect(created.user.pendingSetup).toEqual({ expiresAt: created.setupLink.expiresAt, expired: false });

    const row = await userRow(created.user.id);
    expect(row.passwordHash).toBeNull();
    expect(row.passwordSetupTokenHash).toBe(sha256(token));
    const lifetime = row.passwordSetupExpiresAt!.getTime() - before;
    expect(lifetime).toBeGreaterThanOrEqual(SETUP_LINK_LIFETIME_MS - 1000);
    expect(lifetime).toBeLessThanOrEqual(SETUP_LINK_LIFETIME_MS + 5000);

    const mails = await rows<{ to_address: string; subject: string; body: string }>(
      h,
      sql`SELECT to_address, subject, body FROM email_outbox`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.to_address).toBe("new.person@test.local");
    expect(mails[0]!.subject).toContain("归属台");
    expect(mails[0]!.body).toContain("请通过以下链接设置密码");
    expect(mails[0]!.body).toContain("Set your password here");
    expect(mails[0]!.body.split(created.setupLink.url)).toHaveLength(3);

    const audit = await rows<{
      actor_user_id: string;
      action: string;
      entity_id: string;
      before: unknown;
      after: Record<string, unknown>;
    }>(h, sql`SELECT actor_user_id, action, entity_id, before, after FROM audit_log WHERE action = 'user.create'`);
    expect(audit).toEqual([
      {
        actor_user_id: seed.admin,
        action: "user.create",
        entity_id: created.user.id,
        before: null,
        after: {
          email: "new.person@test.local",
          displayName: "新同事",
          roles: ["employee", "hr"],
          personEmployeeNo: "P002",
          disabled: false,
          setupLinkExpiresAt: created.setupLink.expiresAt,
        },
      },
    ]);
    expect((await signIn("new.person@test.local", "anything-at-all-1")).ok).toBe(false);

    const listed = (await listUsers(h.db, { q: "P002" })).items;
    expect(listed.map((u) => u.email)).toEqual(["new.person@test.local"]);
    expect((await listUsers(h.db, { q: "李四" })).items.map((u) => u.id)).toEqual([created.user.id]);
    expect((await listUsers(h.db, { state: "pending" })).items.map((u) => u.id)).toEqual([created.user.id]);
    expect((await listUsers(h.db, { role: "hr" })).items.map((u) => u.email)).toEqual([
      "hr@test.local",
      "new.person@test.local",
    ]);
    expect((await listUsers(h.db, {})).items.map((u) => u.email)).toEqual([
      "admin@test.local",
      "auditor@test.local",
      "employee@test.local",
      "hr@test.local",
      "new.person@test.local",
    ]);
  });

  it("sets a password through the link once: short and common passwords are refused first, then sign-in works and the link is spent", async () => {
    const created = await createUser(
      h.db,
      admin,
      { email: "setter@test.local", displayName: "Setter", roles: ["auditor"] },
      ORIGIN,
    );
    const token = tokenOf(created.setupLink.url);
    expect(await setupLinkState(h.db, token)).toEqual({
      ok: true,
      email: "setter@test.local",
      expiresAt: created.setupLink.expiresAt,
    });

    expect(
      (await refusal(setPasswordWithLink(h.db, { token, password: "short-1", confirm: "short-1" }, null))).code,
    ).toBe("PASSWORD_TOO_SHORT");
    expect(
      (await refusal(setPasswordWithLink(h.db, { token, password: "Password123", confirm: "Password123" }, null))).code,
    ).toBe("PASSWORD_TOO_COMMON");
    expect(
      (await refusal(setPasswordWithLink(h.db, { token, password: "qwertyuiop", confirm: "qwertyuiop" }, null))).code,
    ).toBe("PASSWORD_TOO_COMMON");
    expect(
      (
        await refusal(
          setPasswordWithLink(h.db, { token, password: "lantern-orchard-42", confirm: "lantern-orchard-43" }, null),
        )
      ).code,
    ).toBe("PASSWORD_MISMATCH");
    const untouched = await userRow(created.user.id);
    expect([untouched.passwordHash, untouched.passwordSetupTokenHash, untouched.sessionVersion]).toEqual([
      null,
      sha256(token),
      1,
    ]);

    expect(
      await setPasswordWithLink(
        h.db,
        { token, password: "lantern-orchard-42", confirm: "lantern-orchard-42" },
        "10.3.3.3",
      ),
    ).toEqual({ email: "setter@test.local" });
    const after = await userRow(created.user.id);
    expect(after.passwordHash).toMatch(/^\$argon2id\$/);
    expect([after.passwordSetupTokenHash, after.passwordSetupExpiresAt, after.sessionVersion]).toEqual([null, null, 2]);
    const signedIn = await signIn("SETTER@test.local", "lantern-orchard-42");
    expect(signedIn.ok && signedIn.user).toMatchObject({ id: created.user.id, roles: ["auditor"], sessionVersion: 2 });

    const used = await refusal(
      setPasswordWithLink(h.db, { token, password: "another-orchard-77", confirm: "another-orchard-77" }, null),
    );
    expect([used.status, used.code]).toEqual([404, "SETUP_LINK_INVALID"]);
    expect(await setupLinkState(h.db, token)).toEqual({ ok: false, code: "SETUP_LINK_INVALID" });
    const audit = await rows<{ actor_user_id: string; ip: string; after: unknown }>(
      h,
      sql`SELECT actor_user_id, ip, after FROM audit_log WHERE action = 'user.password_set'`,
    );
    expect(audit).toEqual([
      { actor_user_id: created.user.id, ip: "10.3.3.3", after: { hadPassword: true, sessionVersion: 2 } },
    ]);
    expect((await userDetail(h.db, created.user.id)).pendingSetup).toBeNull();
  });

  it("refuses an expired link and an unknown one", async () => {
    const created = await createUser(
      h.db,
      admin,
      { email: "late@test.local", displayName: "Late", roles: ["employee"] },
      ORIGIN,
    );
    const token = tokenOf(created.setupLink.url);
    await h.db
      .update(users)
      .set({ passwordSetupExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(users.id, created.user.id));
    expect(await setupLinkState(h.db, token)).toEqual({ ok: false, code: "SETUP_LINK_EXPIRED" });
    const expired = await refusal(
      setPasswordWithLink(h.db, { token, password: "lantern-orchard-42", confirm: "lantern-orchard-42" }, null),
    );
    expect([expired.status, expired.code]).toEqual([404, "SETUP_LINK_EXPIRED"]);
    expect((await userRow(created.user.id)).passwordHash).toBeNull();
    expect((await userDetail(h.db, created.user.id)).pendingSetup).toMatchObject({ expired: true });
    const unknown = await refusal(
      setPasswordWithLink(
        h.db,
        {
          token: crypto.randomBytes(32).toString("base64url"),
          password: "lantern-orchard-42",
          confirm: "lantern-orchard-42",
        },
        null,
      ),
    );
    expect(unknown.code).toBe("SETUP_LINK_INVALID");
  });

  it("refuses a second user for an email (any case) or a person that is already linked, writing nothing", async () => {
    const audits = await auditCount();
    const mails = (await rows(h, sql`SELECT id FROM email_outbox`)).length;
    const email = await refusal(
      createUser(h.db, admin, { email: "hr@test.local", displayName: "Twin", roles: ["hr"] }, ORIGIN),
    );
    expect([email.status, email.code]).toEqual([409, "EMAIL_TAKEN"]);
    const linked = await refusal(
      createUser(
        h.db,
        admin,
        { email: "second@test.local", displayName: "Second", roles: ["employee"], personEmployeeNo: "P001" },
        ORIGIN,
      ),
    );
    expect([linked.status, linked.code]).toEqual([409, "PERSON_ALREADY_LINKED"]);
    expect(linked.details).toMatchObject({ employeeNo: "P001", userId: seed.employee, email: "employee@test.local" });
    const relink = await refusal(updateUser(h.db, admin, seed.hr, { personEmployeeNo: "P001" }));
    expect([relink.status, relink.code]).toEqual([409, "PERSON_ALREADY_LINKED"]);
    const unknown = await refusal(updateUser(h.db, admin, seed.hr, { personEmployeeNo: "P999" }));
    expect([unknown.status, unknown.code]).toEqual([422, "UNKNOWN_EMPLOYEE_NO"]);
    expect(await rows(h, sql`SELECT id FROM users WHERE email = 'second@test.local'`)).toEqual([]);
    expect((await rows(h, sql`SELECT id FROM email_outbox`)).length).toBe(mails);
    expect(await auditCount()).toBe(audits);
    expect((await userDetail(h.db, seed.hr)).person).toBeNull();
  });

  it("lets exactly one of two simultaneous invitations for the same email or person through", async () => {
    const invite = (email: string, personEmployeeNo?: string) =>
      createUser(h.db, admin, { email, displayName: "Race", roles: ["employee"], personEmployeeNo }, ORIGIN);
    const sameEmail = await Promise.allSettled([invite("race@test.local"), invite("RACE@test.local")]);
    expect(sameEmail.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(sameEmail.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code: string }).code] : []))).toEqual([
      "EMAIL_TAKEN",
    ]);
    const samePerson = await Promise.allSettled([
      invite("race.a@test.local", "P003"),
      invite("race.b@test.local", "P003"),
    ]);
    expect(samePerson.flatMap((r) => (r.status === "rejected" ? [(r.reason as { code: string }).code] : []))).toEqual([
      "PERSON_ALREADY_LINKED",
    ]);
    const winner = samePerson.find((r) => r.status === "fulfilled")!.value.user.id;
    // Free P003 again for the tests below.
    await updateUser(h.db, admin, winner, { personEmployeeNo: null });
  });

  it("changes roles and the person link with a before/after audit row; re-linking the user's own person is no change", async () => {
    const changed = await updateUser(h.db, admin, seed.hr, {
      roles: ["hr", "employee"],
      personEmployeeNo: "P003",
      displayName: "HR 王五",
    });
    expect(changed).toMatchObject({
      roles: ["employee", "hr"],
      person: { employeeNo: "P003" },
      displayName: "HR 王五",
    });
    const [audit] = await rows<{ action: string; before: unknown; after: unknown }>(
      h,
      sql`SELECT action, before, after FROM audit_log WHERE entity_id = ${seed.hr} ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({
      action: "user.update",
      before: { displayName: "hr user", roles: ["hr"], personEmployeeNo: null },
      after: { displayName: "HR 王五", roles: ["employee", "hr"], personEmployeeNo: "P003" },
    });
    const audits = await auditCount();
    await updateUser(h.db, admin, seed.hr, { personEmployeeNo: "p003", roles: ["employee", "hr"] });
    expect(await auditCount()).toBe(audits);
    expect((await updateUser(h.db, admin, seed.hr, { personEmployeeNo: null, roles: ["hr"] })).person).toBeNull();
    // P003 is free again for someone else.
    expect((await updateUser(h.db, admin, seed.auditor, { personEmployeeNo: "P003" })).person?.employeeNo).toBe("P003");
  });

  it("refuses an admin's own demotion or disabling, while other admins may be demoted", async () => {
    const audits = await auditCount();
    const demote = await refusal(updateUser(h.db, admin, seed.admin, { roles: ["hr", "auditor"] }));
    expect([demote.status, demote.code]).toEqual([409, "SELF_DEMOTION"]);
    const disable = await refusal(updateUser(h.db, admin, seed.admin, { disabled: true }));
    expect([disable.status, disable.code]).toEqual([409, "SELF_DISABLE"]);
    expect(await auditCount()).toBe(audits);
    expect((await userDetail(h.db, seed.admin)).roles).toEqual(["admin"]);
    // Adding a role to oneself is fine as long as admin stays.
    expect((await updateUser(h.db, admin, seed.admin, { roles: ["admin", "auditor"] })).roles).toEqual([
      "admin",
      "auditor",
    ]);
    const other = await createUser(
      h.db,
      admin,
      { email: "admin2@test.local", displayName: "Admin 2", roles: ["admin"] },
      ORIGIN,
    );
    expect((await updateUser(h.db, admin, other.user.id, { roles: ["auditor"] })).roles).toEqual(["auditor"]);
  });

  it("disabling bumps the session version and ends every open session row, keeps API tokens, and refuses sign-in; enabling restores sign-in", async () => {
    const old = await startUserSession(h.db, seed.employee, "10.0.0.1");
    const endedEarlier = new Date("2026-01-01T00:00:00Z");
    await h.db.update(userSessions).set({ endedAt: endedEarlier }).where(eq(userSessions.id, old));
    const s1 = await startUserSession(h.db, seed.employee, "10.0.0.2");
    const s2 = await startUserSession(h.db, seed.employee, "10.0.0.3");
    const other = await startUserSession(h.db, seed.auditor, "10.0.0.4");
    const secret = newApiToken();
    await h.db.insert(apiTokens).values({
      userId: seed.employee,
      name: "feed",
      role: "employee",
      tokenHash: secret.hash,
      tokenPrefix: secret.displayPrefix,
    });
    expect((await userDetail(h.db, seed.employee)).openSessions).toBe(2);
    const version = (await userRow(seed.employee)).sessionVersion;

    const disabled = await updateUser(h.db, { userId: seed.admin, ip: "10.1.1.1" }, seed.employee, { disabled: true });
    expect([disabled.disabled, disabled.openSessions]).toEqual([true, 0]);
    expect((await userRow(seed.employee)).sessionVersion).toBe(version + 1);
    const sessions = await h.db.select().from(userSessions);
    expect(sessions.find((s) => s.id === old)!.endedAt).toEqual(endedEarlier);
    for (const id of [s1, s2]) expect(sessions.find((s) => s.id === id)!.endedAt).toBeInstanceOf(Date);
    expect(sessions.find((s) => s.id === other)!.endedAt).toBeNull();
    expect(
      (
        await h.db
          .select({ revokedAt: apiTokens.revokedAt })
          .from(apiTokens)
          .where(eq(apiTokens.tokenHash, secret.hash))
      )[0]!.revokedAt,
    ).toBeNull();
    expect((await signIn("employee@test.local", SEED_PASSWORD)).ok).toBe(false);
    const [audit] = await rows<{ action: string; before: unknown; after: unknown }>(
      h,
      sql`SELECT action, before, after FROM audit_log WHERE entity_id = ${seed.employee} AND action LIKE 'user.%' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({
      action: "user.disable",
      before: { disabled: false },
      after: { disabled: true, sessionVersion: version + 1, sessionsEnded: 2 },
    });

    const enabled = await updateUser(h.db, admin, seed.employee, { disabled: false });
    expect(enabled.disabled).toBe(false);
    expect((await userRow(seed.employee)).sessionVersion).toBe(version + 1);
    expect((await signIn("employee@test.local", SEED_PASSWORD)).ok).toBe(true);
    expect(
      (
        await rows<{ action: string }>(
          h,
          sql`SELECT action FROM audit_log WHERE entity_id = ${seed.employee} AND action LIKE 'user.%' ORDER BY id`,
        )
      ).map((r) => r.action),
    ).toEqual(["user.disable", "user.enable"]);
  });

  it("resets a password: the old one works until the new link is used, sessions end, the earlier link stops working", async () => {
    const invited = await createUser(
      h.db,
      admin,
      { email: "reset.me@test.local", displayName: "Reset Me", roles: ["employee"] },
      ORIGIN,
    );
    const firstToken = tokenOf(invited.setupLink.url);
    await setPasswordWithLink(
      h.db,
      { token: firstToken, password: "first-secret-phrase", confirm: "first-secret-phrase" },
      null,
    );
    const session = await startUserSession(h.db, invited.user.id, null);
    const hashBefore = (await userRow(invited.user.id)).passwordHash;

    const reset = await resetPassword(h.db, admin, invited.user.id, ORIGIN);
    const token = tokenOf(reset.setupLink.url);
    const row = await userRow(invited.user.id);
    expect([row.passwordHash, row.passwordSetupTokenHash, row.sessionVersion]).toEqual([hashBefore, sha256(token), 3]);
    expect((await h.db.select().from(userSessions).where(eq(userSessions.id, session)))[0]!.endedAt).toBeInstanceOf(
      Date,
    );
    expect((await signIn("reset.me@test.local", "first-secret-phrase")).ok).toBe(true);
    expect(await setupLinkState(h.db, firstToken)).toEqual({ ok: false, code: "SETUP_LINK_INVALID" });
    const [mail] = await rows<{ subject: string; body: string }>(
      h,
      sql`SELECT subject, body FROM email_outbox WHERE to_address = 'reset.me@test.local' ORDER BY created_at DESC, subject LIMIT 1`,
    );
    expect(mail!.subject).toContain("reset");
    expect(mail!.body).toContain(reset.setupLink.url);
    const [audit] = await rows<{ action: string; after: Record<string, unknown> }>(
      h,
      sql`SELECT action, after FROM audit_log WHERE entity_id = ${invited.user.id} AND action LIKE 'user.%' ORDER BY id DESC LIMIT 1`,
    );
    expect(audit).toEqual({
      action: "user.password_reset",
      after: { sessionVersion: 3, sessionsEnded: 1, setupLinkExpiresAt: reset.setupLink.expiresAt },
    });

    // A second reset replaces the link: only the newest one works.
    const again = await resetPassword(h.db, admin, invited.user.id, ORIGIN);
    expect(
      (
        await refusal(
          setPasswordWithLink(h.db, { token, password: "second-secret-phrase", confirm: "second-secret-phrase" }, null),
        )
      ).code,
    ).toBe("SETUP_LINK_INVALID");
    await setPasswordWithLink(
      h.db,
      { token: tokenOf(again.setupLink.url), password: "second-secret-phrase", confirm: "second-secret-phrase" },
      null,
    );
    expect((await signIn("reset.me@test.local", "first-secret-phrase")).ok).toBe(false);
    expect((await signIn("reset.me@test.local", "second-secret-phrase")).ok).toBe(true);

    await updateUser(h.db, admin, invited.user.id, { disabled: true });
    expect((await refusal(resetPassword(h.db, admin, invited.user.id, ORIGIN))).code).toBe("USER_DISABLED");
    expect((await refusal(resetPassword(h.db, admin, "6d2b79f5-0000-4000-8000-00000000abcd", ORIGIN))).status).toBe(
      404,
    );
  });

  it("pages through every user once, in email order, keeping the search and filters; a forged cursor is 400", async () => {
    const accounts = Array.from({ length: 130 }, (_, i) => ({
      email: `pager-${String(i).padStart(3, "0")}@paging.test`,
      displayName: `Pager ${i}`,
    }));
    const made = await h.db.insert(users).values(accounts).returning({ id: users.id, email: users.email });
    const finance = made.filter((_, i) => i % 3 === 0);
    await h.db.insert(userRoles).values(finance.map((u) => ({ userId: u.id, role: "finance" as const })));

    /** Every page of a query, following nextCursor; each page checked against the documented answer. */
    const allPages = async (query: UserListQuery) => {
      const pages = [];
      let cursor: string | undefined;
      do {
        const page = await listUsers(h.db, userListQuerySchema.parse({ ...query, cursor }));
        adminOperations.listUsers.responses[200].schema.parse(page);
        pages.push(page.items.map((u) => u.email));
        cursor = page.nextCursor ?? undefined;
        if (pages.length > 200) throw new Error("The cursor does not move on: a page comes back again.");
      } while (cursor);
      return pages;
    };

    const searched = await allPages({ q: "paging.test", limit: 40 });
    expect(searched.map((p) => p.length)).toEqual([40, 40, 40, 10]);
    expect(searched.flat()).toEqual(accounts.map((a) => a.email));

    const everyone = await allPages({});
    const inDatabase = await rows<{ email: string }>(h, sql`SELECT email FROM users ORDER BY email`);
    expect(inDatabase.length).toBeGreaterThan(130);
    expect(everyone.slice(0, -1).every((p) => p.length === 50)).toBe(true);
    expect(everyone).toHaveLength(Math.ceil(inDatabase.length / 50));
    expect(everyone.flat()).toEqual(inDatabase.map((r) => r.email));
    expect(new Set(everyone.flat()).size).toBe(inDatabase.length);

    const financeOnly = await allPages({ role: "finance", state: "enabled", limit: 10 });
    expect(financeOnly.map((p) => p.length)).toEqual([10, 10, 10, 10, 4]);
    expect(financeOnly.flat()).toEqual(finance.map((u) => u.email));

    // The last page says so: an exact multiple of the page size ends without a further cursor.
    const exact = await listUsers(h.db, { q: "pager-12", limit: 10 });
    expect([exact.items.length, exact.nextCursor]).toEqual([10, null]);

    for (const forged of [encodeCursor([42]), encodeCursor(["a", "b"]), "not-a-cursor!", "bnVsbA"]) {
      const e = await refusal(listUsers(h.db, { cursor: forged }));
      expect([e.status, e.code]).toEqual([400, "BAD_REQUEST"]);
    }
    expect(userListQuerySchema.safeParse({ limit: "201" }).success).toBe(false);
    expect(userListQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(userListQuerySchema.parse({ limit: "200" }).limit).toBe(200);
  });

  it("never writes a password hash or a setup token into the audit trail", async () => {
    const text = (
      await rows<{ t: string }>(
        h,
        sql`SELECT coalesce(before::text, '') || ' ' || coalesce(after::text, '') AS t FROM audit_log`,
      )
    )
      .map((r) => r.t)
      .join("\n");
    expect(text).not.toContain("$argon2");
    const hashes = (await h.db.select({ hash: users.passwordSetupTokenHash }).from(users))
      .map((u) => u.hash)
      .filter(Boolean) as string[];
    for (const hash of hashes) expect(text).not.toContain(hash);
    const links = (await rows<{ body: string }>(h, sql`SELECT body FROM email_outbox`)).map((m) =>
      tokenOf(m.body.match(/https:\S+/)![0]),
    );
    expect(links.length).toBeGreaterThan(4);
    for (const token of links) expect(text).not.toContain(token);
  });
});
