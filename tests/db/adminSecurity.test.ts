import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { knownDevices, loginAttempts, recoveryCodes, userFactors, userSessions, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import type { SessionUser } from "@/lib/auth/session";
import { clearLoginThrottle, clearThrottleSchema, listLoginThrottles } from "@/lib/features/admin/loginThrottles";
import { listUserFactors, resetUserFactors, staffFactorStatus } from "@/lib/features/admin/secondFactors";
import {
  getSecuritySettings,
  updateSecuritySettings,
  updateSecuritySettingsSchema,
} from "@/lib/features/admin/securitySettings";
import { FAILURE_WINDOW_MS } from "@/lib/domain/access/secondFactorPolicy";
import { encryptIdNumber } from "@/lib/platform/idNumberCipher";
import { refusal } from "./support/refusal";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const MIN = 60_000;
const SECRET = "JBSWY3DPEHPK3PXP";

describe.each(BACKENDS)("admin sign-in security on %s", (kind) => {
  let h: DatabaseHandle;
  let id: (email: string) => string;
  let actor: Actor;
  const admin = (over: Partial<SessionUser> = {}): SessionUser => ({
    id: id("admin@demo.local"),
    email: "admin@demo.local",
    displayName: "系统管理员 Admin",
    roles: ["admin"],
    personId: null,
    locale: "en",
    apiTokenId: null,
    sessionId: crypto.randomUUID(),
    signedInAt: new Date(),
    secondFactorAt: null,
    ...over,
  });
  const counts = async (userId: string) =>
    (
      await rows<{ factors: number; codes: number; devices: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM user_factors WHERE user_id = ${userId}::uuid) AS factors,
                   (SELECT count(*)::int FROM recovery_codes WHERE user_id = ${userId}::uuid) AS codes,
                   (SELECT count(*)::int FROM known_devices WHERE user_id = ${userId}::uuid) AS devices`,
      )
    )[0]!;
  const audits = (action: string) =>
    rows<{ actor_user_id: string; entity_type: string; entity_id: string; before: unknown; after: unknown }>(
      h,
      sql`SELECT actor_user_id, entity_type, entity_id, before, after FROM audit_log WHERE action = ${action} ORDER BY id`,
    );
  const giveTotp = (userId: string, label: string) =>
    h.db.insert(userFactors).values({ userId, kind: "totp", label, totpSecretSealed: encryptIdNumber(SECRET) });

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, "2026-11-21");
    const all = await h.db.select({ id: users.id, email: users.email }).from(users);
    const byEmail = new Map(all.map((u) => [u.email, u.id]));
    id = (email) => {
      const found = byEmail.get(email);
      if (!found) throw new Error(`no demo user ${email}`);
      return found;
    };
    actor = { userId: id("admin@demo.local"), ip: "10.30.0.1" };
  });
  afterAll(async () => h?.close());

  it("lists a user's factors, and resets them only after a fresh proof: factors, codes and devices go, sessions end, audit, notice and mail", async () => {
    const hr = id("hr@demo.local");
    await giveTotp(hr, "HR phone");
    await h.db.insert(userFactors).values({
      userId: hr,
      kind: "webauthn",
      label: "HR laptop",
      credentialId: "cred-hr-1",
      publicKey: "pk",
      signCount: 3,
      lastUsedAt: new Date(Date.now() - 5 * MIN),
    });
    await h.db.insert(recoveryCodes).values([
      { userId: hr, codeDigest: "digest-hr-1" },
      { userId: hr, codeDigest: "digest-hr-2" },
      { userId: hr, codeDigest: "digest-hr-3", usedAt: new Date() },
    ]);
    await h.db.insert(knownDevices).values({ userId: hr, tokenDigest: "device-hr-1" });
    await h.db.insert(userSessions).values([{ userId: hr }, { userId: hr }]);

    const listed = await listUserFactors(h.db, hr);
    expect(listed.userId).toBe(hr);
    expect(listed.recoveryCodesLeft).toBe(2);
    expect(listed.factors.map((f) => [f.kind, f.label])).toEqual([
      ["totp", "HR phone"],
      ["webauthn", "HR laptop"],
    ]);
    expect(listed.factors[1]!.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toMatch(/totpSecret|publicKey|cred-hr-1/);
    expect((await refusal(listUserFactors(h.db, crypto.randomUUID()))).code).toBe("NOT_FOUND");

    const staff = await staffFactorStatus(h.db);
    expect(staff.map((s) => s.email)).toEqual(
      expect.arrayContaining(["admin@demo.local", "auditor@demo.local", "finance@demo.local", "hr@demo.local"]),
    );
    expect(staff.map((s) => s.email)).not.toContain("employee@demo.local");
    const hrStatus = staff.find((s) => s.id === hr)!;
    expect([hrStatus.factors.length, hrStatus.recoveryCodesLeft, hrStatus.enrolBy]).toEqual([2, 2, null]);
    const auditorStatus = staff.find((s) => s.email === "auditor@demo.local")!;
    expect([auditorStatus.required, auditorStatus.factors.length, auditorStatus.overdue]).toEqual([true, 0, false]);
    expect(auditorStatus.enrolBy).not.toBeNull();

    const versionBefore = (
      await rows<{ session_version: number }>(h, sql`SELECT session_version FROM users WHERE id = ${hr}::uuid`)
    )[0]!.session_version;
    const auditBefore = (await audits("factor.reset")).length;

    // The admin has no factor: the sign-in itself is the proof, and it is 30 minutes old.
    const stale = await refusal(
      resetUserFactors(h.db, admin({ signedInAt: new Date(Date.now() - 30 * MIN) }), actor, hr),
    );
    expect([stale.code, stale.status]).toEqual(["STEP_UP_REQUIRED", 401]);
    // With a factor of their own, a fresh sign-in is not enough: the second factor must be fresh.
    await giveTotp(actor.userId, "Admin phone");
    const staleFactor = await refusal(
      resetUserFactors(h.db, admin({ secondFactorAt: new Date(Date.now() - 11 * MIN) }), actor, hr),
    );
    expect(staleFactor.code).toBe("STEP_UP_REQUIRED");
    expect((await counts(hr)).factors).toBe(2);
    expect((await audits("factor.reset")).length).toBe(auditBefore);
    expect(
      (await refusal(resetUserFactors(h.db, admin({ secondFactorAt: new Date() }), actor, actor.userId))).code,
    ).toBe("SELF_FACTOR_RESET");
    expect(
      (await refusal(resetUserFactors(h.db, admin({ secondFactorAt: new Date() }), actor, crypto.randomUUID()))).code,
    ).toBe("NOT_FOUND");

    const reset = await resetUserFactors(h.db, admin({ secondFactorAt: new Date() }), actor, hr);
    expect(reset).toEqual({
      userId: hr,
      factorsRemoved: 2,
      recoveryCodesRemoved: 3,
      knownDevicesRemoved: 1,
      sessionsEnded: 2,
      sessionVersion: versionBefore + 1,
    });
    expect(await counts(hr)).toEqual({ factors: 0, codes: 0, devices: 0 });
    const [after] = await h.db.select({ v: users.sessionVersion }).from(users).where(eq(users.id, hr));
    expect(after!.v).toBe(versionBefore + 1);
    const open = await rows(h, sql`SELECT id FROM user_sessions WHERE user_id = ${hr}::uuid AND ended_at IS NULL`);
    expect(open).toEqual([]);
    // The admin's own factor is untouched.
    expect((await counts(actor.userId)).factors).toBe(1);

    const [audit] = (await audits("factor.reset")).slice(auditBefore);
    expect(audit).toMatchObject({
      actor_user_id: actor.userId,
      entity_type: "user",
      entity_id: hr,
      before: { recoveryCodesLeft: 2, knownDevices: 1, sessionVersion: versionBefore },
      after: { factors: [], sessionVersion: versionBefore + 1, sessionsEnded: 2 },
    });
    expect((audit!.before as { factors: { label: string }[] }).factors.map((f) => f.label)).toEqual([
      "HR phone",
      "HR laptop",
    ]);
    const notices = await rows<{ kind: string; payload: { resetAt: string } }>(
      h,
      sql`SELECT kind, payload FROM notifications WHERE user_id = ${hr}::uuid AND kind = 'factor_reset'`,
    );
    expect(notices).toHaveLength(1);
    expect(Number.isNaN(Date.parse(notices[0]!.payload.resetAt))).toBe(false);
    const mails = await rows<{ subject: string; body: string }>(
      h,
      sql`SELECT subject, body FROM email_outbox WHERE to_address = 'hr@demo.local'`,
    );
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain("second factor");
    expect(mails[0]!.body).toContain("第二步验证");
    expect(mails[0]!.body).toContain("signed out everywhere");

    // Afterwards the user has nothing left to list.
    expect(await listUserFactors(h.db, hr)).toEqual({ userId: hr, factors: [], recoveryCodesLeft: 0 });
  });

  it("lists accounts and IPs with failures in the window, with their wait, and clearing one empties it (audited)", async () => {
    const now = new Date();
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const employee = id("employee@demo.local");
    const finance = id("finance@demo.local");
    const auditor = id("auditor@demo.local");
    const ip = "10.66.0.9";
    await h.db.insert(loginAttempts).values([
      // Seven failures of the employee's account in the last minutes, one from long before the window.
      ...Array.from({ length: 7 }, (_, i) => ({
        identifier: `account:${employee}`,
        ip,
        succeeded: false,
        at: ago((7 - i) * 10_000),
      })),
      { identifier: `account:${employee}`, ip, succeeded: false, at: ago(FAILURE_WINDOW_MS + 5 * MIN) },
      // Finance failed twice, then signed in: nothing counts any more.
      { identifier: `account:${finance}`, ip: "10.66.0.10", succeeded: false, at: ago(50_000) },
      { identifier: `account:${finance}`, ip: "10.66.0.10", succeeded: false, at: ago(40_000) },
      { identifier: `account:${finance}`, ip: "10.66.0.10", succeeded: true, at: ago(30_000) },
      // The auditor failed, signed in, and failed once more: one failure counts.
      { identifier: `account:${auditor}`, ip: "10.66.0.11", succeeded: false, at: ago(50_000) },
      { identifier: `account:${auditor}`, ip: "10.66.0.11", succeeded: true, at: ago(40_000) },
      { identifier: `account:${auditor}`, ip: "10.66.0.11", succeeded: false, at: ago(20_000) },
      // Someone typing an address no user has; a wrong code of a pending sign-in (its own limit).
      { identifier: "nobody@demo.local", ip, succeeded: false, at: ago(15_000) },
      { identifier: `second-factor:${crypto.randomUUID()}`, ip, succeeded: false, at: ago(5_000) },
    ]);

    const list = await listLoginThrottles(h.db, now);
    const account = list.find((t) => t.kind === "account" && t.key === `account:${employee}`)!;
    expect(account).toMatchObject({
      user: { id: employee, email: "employee@demo.local" },
      failures: 7,
      lastFailureAt: ago(10_000).toISOString(),
    });
    // 7 failures, 5 free: 30 s doubled twice = 120 s after the last failure, 10 s ago.
    expect(account.waitMs).toBe(110_000);
    expect(list.some((t) => t.key === `account:${finance}`)).toBe(false);
    expect(list.find((t) => t.key === `account:${auditor}`)).toMatchObject({ failures: 1, waitMs: 0 });
    expect(list.find((t) => t.key === "nobody@demo.local")).toMatchObject({ kind: "account", user: null, failures: 1 });
    expect(list.some((t) => t.key.startsWith("second-factor:"))).toBe(false);
    // The IP counts every failure from it within the window, whatever was tried.
    expect(list.find((t) => t.kind === "ip" && t.key === ip)).toMatchObject({ failures: 9, waitMs: 0 });
    expect(list.find((t) => t.kind === "ip" && t.key === "10.66.0.10")).toMatchObject({ failures: 2 });
    // Most failures first.
    expect(list.map((t) => t.failures)).toEqual([...list.map((t) => t.failures)].sort((a, b) => b - a));
    expect(list[0]).toMatchObject({ kind: "ip", key: ip });

    expect(clearThrottleSchema.safeParse({ kind: "user", key: "x" }).success).toBe(false);
    expect(clearThrottleSchema.safeParse({ kind: "ip", key: "  " }).success).toBe(false);

    const cleared = await clearLoginThrottle(h.db, actor, { kind: "account", key: `account:${employee}` }, now);
    expect(cleared).toEqual({ kind: "account", key: `account:${employee}`, cleared: 7 });
    const afterClear = await listLoginThrottles(h.db, now);
    expect(afterClear.some((t) => t.key === `account:${employee}`)).toBe(false);
    // The failure from before the window is history and stays; only the window's failures went.
    const left = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM login_attempts WHERE identifier = ${`account:${employee}`}`,
    );
    expect(left[0]!.n).toBe(1);
    const [audit] = await audits("throttle.clear");
    expect(audit).toMatchObject({
      actor_user_id: actor.userId,
      entity_type: "login_throttle",
      entity_id: `account:${employee}`,
      before: { kind: "account", failures: 7, lastFailureAt: ago(10_000).toISOString() },
      after: { kind: "account", failures: 0, userId: employee },
    });

    // Clearing an IP removes every failure from it; clearing again changes nothing and audits nothing.
    expect((await clearLoginThrottle(h.db, actor, { kind: "ip", key: ip }, now)).cleared).toBe(2);
    expect((await listLoginThrottles(h.db, now)).some((t) => t.kind === "ip" && t.key === ip)).toBe(false);
    expect((await clearLoginThrottle(h.db, actor, { kind: "ip", key: ip }, now)).cleared).toBe(0);
    expect(await audits("throttle.clear")).toHaveLength(2);
  });

  it("keeps the grace period within 0 to 90 days and audits a change with before and after", async () => {
    const before = await getSecuritySettings(h.db);
    expect(before).toMatchObject({ staffGraceDays: 14, updatedBy: null });

    for (const bad of [-1, 91, 1.5, "30", null])
      expect(updateSecuritySettingsSchema.safeParse({ staffGraceDays: bad }).success, String(bad)).toBe(false);
    for (const good of [0, 30, 90])
      expect(updateSecuritySettingsSchema.safeParse({ staffGraceDays: good }).success).toBe(true);
    const refused = await refusal(updateSecuritySettings(h.db, actor, { staffGraceDays: 91 }));
    expect([refused.code, refused.status]).toEqual(["BAD_REQUEST", 400]);
    expect((await refusal(updateSecuritySettings(h.db, actor, { staffGraceDays: -1 }))).code).toBe("BAD_REQUEST");
    expect(await audits("security_settings.update")).toEqual([]);

    const changed = await updateSecuritySettings(h.db, actor, { staffGraceDays: 30 });
    expect(changed).toMatchObject({
      staffGraceDays: 30,
      graceFrom: before.graceFrom,
      updatedBy: { id: actor.userId, email: "admin@demo.local" },
    });
    expect(await getSecuritySettings(h.db)).toEqual(changed);
    expect(await audits("security_settings.update")).toEqual([
      {
        actor_user_id: actor.userId,
        entity_type: "security_settings",
        entity_id: "1",
        before: { staffGraceDays: 14 },
        after: { staffGraceDays: 30 },
      },
    ]);
    // Saving the same value changes nothing.
    await updateSecuritySettings(h.db, actor, { staffGraceDays: 30 });
    expect(await audits("security_settings.update")).toHaveLength(1);

    // The grace period moves the deadline of staff still without a factor; 0 makes it overdue at once.
    await updateSecuritySettings(h.db, actor, { staffGraceDays: 0 });
    const auditor = (await staffFactorStatus(h.db)).find((s) => s.email === "auditor@demo.local")!;
    expect(auditor.overdue).toBe(true);
    expect(await audits("security_settings.update")).toHaveLength(2);
  });
});
