import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { generate } from "otplib";
import type { DatabaseHandle } from "@/db/client";
import { userRoles, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { authenticate, type SignInResult } from "@/lib/auth/credentials";
import type { Role } from "@/lib/auth/roles";
import { startUserSession } from "@/lib/auth/sessionRecords";
import { confirmTotpEnrolment, startTotpEnrolment } from "@/lib/auth/secondFactor/enrolment";
import { completeSecondFactor, knownDeviceUser, signInStep } from "@/lib/auth/secondFactor/signInFlow";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const PASSWORD = "vesting-demo";
const ATTACKER_IP = "203.0.113.9";
const VICTIM_IP = "198.51.100.7";
const MIN = 60_000;
const REQ = new Request("https://portal.example.cn/api/auth/second-factor", { method: "POST" });
const STEP_S = 30;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A code of `secret` for a time step not accepted yet (the one after `lastStep`, or the previous step for a
 * new authenticator). The server accepts the previous, current and next step; away from a step boundary
 * that window cannot move between making the code and checking it.
 */
async function totpCode(secret: string, lastStep: number | null): Promise<string> {
  for (;;) {
    const nowS = Date.now() / 1000;
    const left = STEP_S - (nowS % STEP_S);
    const current = Math.floor(nowS / STEP_S);
    const step = Math.max(current - 1, lastStep === null ? current - 1 : lastStep + 1);
    if (left >= 2 && step <= current + 1) return generate({ secret, epoch: step * STEP_S });
    await sleep(left * 1000 + 100);
  }
}

const throttled = (r: SignInResult) => (r.ok || r.reason !== "throttled" ? null : r.retryAfterMs);

describe.each(BACKENDS)("sign-in under a password-guessing attack on %s", (kind) => {
  let h: DatabaseHandle;
  const demo: Record<string, { id: string; email: string; displayName: string; roles: Role[] }> = {};
  const victim = { secret: "", factorId: "", deviceToken: "" };

  beforeAll(async () => {
    h = await freshDatabase(kind);
    expect(await seedDemoIfEmpty(h.db, "2026-11-21")).toBe(true);
    for (const name of ["hr", "finance", "employee"]) {
      const email = `${name}@demo.local`;
      const [u] = await h.db.select().from(users).where(eq(users.email, email));
      const roles = await h.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, u!.id));
      demo[name] = { id: u!.id, email, displayName: u!.displayName, roles: roles.map((r) => r.role) };
    }
  });
  afterAll(async () => h?.close());

  const lastStep = async () =>
    Number(
      (
        await rows<{ step: string }>(
          h,
          sql`SELECT totp_last_step::text AS step FROM user_factors WHERE id = ${victim.factorId}::uuid`,
        )
      )[0]!.step,
    );
  /** The second step of a sign-in whose password was right: a pending session completed with a TOTP code. */
  const completeWithTotp = async (ip: string) => {
    const u = demo.hr!;
    expect(await signInStep(h.db, u)).toBe("pending");
    const sessionId = await startUserSession(h.db, u.id, ip, "pending");
    const pending = { sessionId, userId: u.id, email: u.email, displayName: u.displayName, roles: u.roles };
    const code = await totpCode(victim.secret, await lastStep());
    const done = await completeSecondFactor(h.db, REQ, { ...pending, state: "pending" }, { method: "totp", code }, ip);
    const [s] = await rows<{ second_factor_state: string; factors: string[] }>(
      h,
      sql`SELECT second_factor_state, factors FROM user_sessions WHERE id = ${sessionId}::uuid`,
    );
    expect(s).toEqual({ second_factor_state: "complete", factors: ["password", "totp"] });
    return done;
  };
  /** Audit actions about a user (or what was typed) from one IP, counted. */
  const auditCounts = async (entityId: string, ip: string) =>
    Object.fromEntries(
      (
        await rows<{ action: string; n: number }>(
          h,
          sql`SELECT action, count(*)::int AS n FROM audit_log WHERE entity_id = ${entityId} AND ip = ${ip} GROUP BY 1 ORDER BY 1`,
        )
      ).map((r) => [r.action, r.n]),
    );
  const lastFailureAt = async (userId: string) =>
    new Date(
      (
        await rows<{ at: string }>(
          h,
          sql`SELECT max(at)::text AS at FROM login_attempts WHERE identifier = ${"account:" + userId} AND NOT succeeded`,
        )
      )[0]!.at,
    );
  /**
   * An attacker's 50 wrong passwords, each heard: attempt times are the database's clock, so the attacker's
   * waiting out each asked-for wait is modelled by a `now` past the longest wait (15 minutes).
   */
  const barrage = async () => {
    for (let i = 0; i < 50; i++)
      expect(
        await authenticate(h.db, "hr@demo.local", `guess-${i}`, ATTACKER_IP, { now: new Date(Date.now() + 16 * MIN) }),
      ).toEqual({ ok: false, reason: "invalid" });
  };

  it("lets the victim sign in fully once beforehand, so their browser becomes known", async () => {
    const u = demo.hr!;
    const who = { sessionId: await startUserSession(h.db, u.id, VICTIM_IP), userId: u.id, ...u, ip: VICTIM_IP };
    const { secret } = await startTotpEnrolment(h.db, who);
    const enrolled = await confirmTotpEnrolment(h.db, who, { code: await totpCode(secret, null) });
    Object.assign(victim, { secret, factorId: enrolled.factorId });

    expect(await authenticate(h.db, "hr@demo.local", PASSWORD, VICTIM_IP)).toMatchObject({ ok: true });
    victim.deviceToken = (await completeWithTotp(VICTIM_IP)).deviceToken;
    expect(await knownDeviceUser(h.db, victim.deviceToken)).toBe(u.id);
  });

  it("hears an attacker's 50 wrong passwords from one IP, then makes both the account and that IP wait", async () => {
    const u = demo.hr!;
    await barrage();
    const [counted] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM login_attempts WHERE identifier = ${"account:" + u.id} AND ip = ${ATTACKER_IP} AND NOT succeeded`,
    );
    expect(counted!.n).toBe(50);
    // Without waiting, the next guess is not even checked, and not counted.
    const wait = throttled(await authenticate(h.db, "hr@demo.local", "guess-50", ATTACKER_IP));
    expect(wait).toBeGreaterThan(14 * MIN);
    expect(wait).toBeLessThanOrEqual(15 * MIN);
    expect(
      (
        await rows<{ n: number }>(
          h,
          sql`SELECT count(*)::int AS n FROM login_attempts WHERE ip = ${ATTACKER_IP} AND NOT succeeded`,
        )
      )[0]!.n,
    ).toBe(50);

    expect(await auditCounts(u.id, ATTACKER_IP)).toEqual({ "auth.sign_in_failed": 50, "auth.sign_in_throttled": 1 });
    const [refused] = await rows<{ actor_user_id: string | null; after: { retryAfterMs: number } }>(
      h,
      sql`SELECT actor_user_id, after FROM audit_log WHERE action = 'auth.sign_in_throttled' AND ip = ${ATTACKER_IP}`,
    );
    expect(refused).toEqual({ actor_user_id: null, after: { retryAfterMs: wait } });
    const failedActors = await rows<{ actor_user_id: string }>(
      h,
      sql`SELECT DISTINCT actor_user_id::text FROM audit_log WHERE action = 'auth.sign_in_failed' AND ip = ${ATTACKER_IP}`,
    );
    expect(failedActors).toEqual([{ actor_user_id: u.id }]);
  });

  it("(a) keeps the victim waiting at most 15 minutes from another IP without the known browser", async () => {
    const u = demo.hr!;
    for (const options of [{}, { deviceUserId: null }, { deviceUserId: demo.finance!.id }]) {
      const wait = throttled(await authenticate(h.db, "hr@demo.local", PASSWORD, VICTIM_IP, options));
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(15 * MIN);
    }
    // A guess from here is refused unheard too, and does not add to the count.
    expect(throttled(await authenticate(h.db, "hr@demo.local", "guess", VICTIM_IP))).toBeGreaterThan(0);
    expect(
      (
        await rows<{ n: number }>(
          h,
          sql`SELECT count(*)::int AS n FROM login_attempts WHERE identifier = ${"account:" + u.id} AND ip = ${VICTIM_IP} AND NOT succeeded`,
        )
      )[0]!.n,
    ).toBe(0);
  });

  it("(c) keeps the attacker's IP waiting even for another account's right password or the victim's device", async () => {
    const finance = throttled(await authenticate(h.db, "finance@demo.local", PASSWORD, ATTACKER_IP));
    expect(finance).toBeGreaterThan(14 * MIN);
    expect(finance).toBeLessThanOrEqual(15 * MIN);
    // A stolen known-device cookie waives the account's wait, never the IP's.
    expect(
      throttled(await authenticate(h.db, "hr@demo.local", PASSWORD, ATTACKER_IP, { deviceUserId: demo.hr!.id })),
    ).toBeGreaterThan(14 * MIN);
    // Finance from anywhere else is not held up by the attack on hr.
    expect(await authenticate(h.db, "finance@demo.local", PASSWORD, VICTIM_IP)).toMatchObject({ ok: true });
    expect(await auditCounts(demo.finance!.id, ATTACKER_IP)).toEqual({ "auth.sign_in_throttled": 1 });
  });

  it("(b) lets the victim in at once from their known browser, and then asks for the second factor", async () => {
    const u = demo.hr!;
    const deviceUserId = await knownDeviceUser(h.db, victim.deviceToken);
    expect(deviceUserId).toBe(u.id);
    // The password is still checked from the known browser.
    expect(await authenticate(h.db, "hr@demo.local", "guess", VICTIM_IP, { deviceUserId })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await authenticate(h.db, "hr@demo.local", PASSWORD, VICTIM_IP, { deviceUserId })).toMatchObject({
      ok: true,
      user: { id: u.id, roles: ["hr"] },
    });
    expect((await completeWithTotp(VICTIM_IP)).method).toBe("totp");
    expect(await auditCounts(u.id, VICTIM_IP)).toEqual({
      "auth.second_factor": 2,
      "auth.sign_in": 2,
      "auth.sign_in_failed": 1,
      "auth.sign_in_throttled": 4,
      "factor.enrol": 1,
    });
  });

  it("(e) counts the account afresh after a right password", async () => {
    // The victim's sign-in just now wiped the attacker's count on the account (not on the attacker's IP).
    expect(await authenticate(h.db, "hr@demo.local", PASSWORD, "198.51.100.8")).toMatchObject({ ok: true });
    const ip = "198.51.100.9";
    for (let i = 0; i < 5; i++)
      expect(await authenticate(h.db, "hr@demo.local", `again-${i}`, ip)).toEqual({ ok: false, reason: "invalid" });
    const wait = throttled(await authenticate(h.db, "hr@demo.local", PASSWORD, ip));
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    expect(throttled(await authenticate(h.db, "finance@demo.local", PASSWORD, ATTACKER_IP))).toBeGreaterThan(14 * MIN);
    expect(
      await authenticate(h.db, "hr@demo.local", PASSWORD, ip, { now: new Date(Date.now() + 31_000) }),
    ).toMatchObject({
      ok: true,
    });
  });

  it("(a) slows the victim down but never locks them out: 16 minutes after the last failure the password works", async () => {
    const u = demo.hr!;
    await barrage();
    const wait = throttled(await authenticate(h.db, "hr@demo.local", PASSWORD, VICTIM_IP));
    expect(wait).toBeGreaterThan(14 * MIN);
    expect(wait).toBeLessThanOrEqual(15 * MIN);
    const now = new Date((await lastFailureAt(u.id)).getTime() + 16 * MIN);
    expect(await authenticate(h.db, "hr@demo.local", PASSWORD, VICTIM_IP, { now })).toMatchObject({
      ok: true,
      user: { id: u.id },
    });
    expect(await auditCounts(u.id, ATTACKER_IP)).toEqual({ "auth.sign_in_failed": 100, "auth.sign_in_throttled": 2 });
  });

  it("(d) counts failures typed as the employee number and as the email against the same account", async () => {
    const u = demo.employee!;
    const [person] = await rows<{ employee_no: string }>(
      h,
      sql`SELECT p.employee_no FROM users u JOIN persons p ON p.id = u.person_id WHERE u.id = ${u.id}::uuid`,
    );
    const employeeNo = person!.employee_no;
    const typed = [
      employeeNo,
      employeeNo.toLowerCase(),
      ` ${employeeNo} `,
      "employee@demo.local",
      "EMPLOYEE@demo.local",
    ];
    for (const [i, identifier] of typed.entries())
      expect(await authenticate(h.db, identifier, `guess-${i}`, `192.0.2.${i + 1}`)).toEqual({
        ok: false,
        reason: "invalid",
      });
    const keys = await rows<{ identifier: string; n: number }>(
      h,
      sql`SELECT identifier, count(*)::int AS n FROM login_attempts WHERE ip LIKE '192.0.2.%' GROUP BY 1`,
    );
    expect(keys).toEqual([{ identifier: `account:${u.id}`, n: 5 }]);
    // The sixth attempt waits, whichever way the account is named, from whichever IP.
    for (const identifier of [employeeNo, "employee@demo.local"]) {
      const wait = throttled(await authenticate(h.db, identifier, PASSWORD, "192.0.2.99"));
      expect(wait).toBeGreaterThan(25_000);
      expect(wait).toBeLessThanOrEqual(30_000);
    }
    expect(
      await authenticate(h.db, employeeNo, PASSWORD, "192.0.2.99", { now: new Date(Date.now() + 31_000) }),
    ).toMatchObject({ ok: true, user: { id: u.id } });
    const audit = await rows<{ action: string; n: number }>(
      h,
      sql`SELECT action, count(*)::int AS n FROM audit_log WHERE entity_id = ${u.id} AND ip LIKE '192.0.2.%' GROUP BY 1 ORDER BY 1`,
    );
    expect(audit).toEqual([
      { action: "auth.sign_in", n: 1 },
      { action: "auth.sign_in_failed", n: 5 },
      { action: "auth.sign_in_throttled", n: 2 },
    ]);
  });
});
