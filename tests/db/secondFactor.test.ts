import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { generate } from "otplib";
import type { DatabaseHandle } from "@/db/client";
import { userRoles, users, userSessions } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Role } from "@/lib/auth/roles";
import type { PendingSignIn, SessionUser } from "@/lib/auth/session";
import { startUserSession } from "@/lib/auth/sessionRecords";
import {
  confirmTotpEnrolment,
  regenerateRecoveryCodes,
  removeOwnFactor,
  startTotpEnrolment,
  type Enrollee,
} from "@/lib/auth/secondFactor/enrolment";
import { factorsOf, hasFactor } from "@/lib/auth/secondFactor/factorStore";
import { completeSecondFactor, knownDeviceUser, signInStep } from "@/lib/auth/secondFactor/signInFlow";
import { requireFreshProof, stepUp } from "@/lib/auth/secondFactor/stepUp";
import { refusal } from "./support/refusal";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const IP = "10.20.0.1";
const REQ = new Request("https://portal.example.cn/api/auth/second-factor", { method: "POST" });
const STEP_S = 30;
const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A code of `secret` for a time step the server has not accepted yet (the one after `lastStep`, or the
 * previous step for a new authenticator, so that several codes can be used within one test). The server
 * accepts the previous, current and next step; away from a step boundary that window cannot move between
 * making the code and checking it, and when every step in it is used up this waits for the next one.
 */
async function totpCode(secret: string, lastStep: number | null): Promise<{ code: string; step: number }> {
  for (;;) {
    const nowS = Date.now() / 1000;
    const left = STEP_S - (nowS % STEP_S);
    if (left < 2) {
      await sleep(left * 1000 + 100);
      continue;
    }
    const current = Math.floor(nowS / STEP_S);
    const step = Math.max(current - 1, lastStep === null ? current - 1 : lastStep + 1);
    if (step <= current + 1) return { code: await generate({ secret, epoch: step * STEP_S }), step };
    await sleep(left * 1000 + 100);
  }
}

/** Six digits that none of the secrets gives anywhere near now. */
async function wrongCode(...secrets: string[]): Promise<string> {
  const current = Math.floor(Date.now() / 1000 / STEP_S);
  const near = new Set<string>();
  for (const secret of secrets)
    for (let d = -3; d <= 3; d++) near.add(await generate({ secret, epoch: (current + d) * STEP_S }));
  let n = 314159;
  while (near.has(String(n).padStart(6, "0"))) n = (n + 7919) % 1_000_000;
  return String(n).padStart(6, "0");
}

interface DemoUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
}

describe.each(BACKENDS)("second factor on %s", (kind) => {
  let h: DatabaseHandle;
  const demo: Record<string, DemoUser> = {};
  // What the tests below share: the hr user's first authenticator and the admin user's recovery codes.
  const hr = { secret: "", enrolCode: "", factorId: "", secondFactorId: "", secondSecret: "" };
  const admin = { secret: "", codes: [] as string[] };

  beforeAll(async () => {
    h = await freshDatabase(kind);
    expect(await seedDemoIfEmpty(h.db, "2026-11-21")).toBe(true);
    for (const name of ["hr", "admin", "auditor", "finance", "employee"]) {
      const email = `${name}@demo.local`;
      const [u] = await h.db.select().from(users).where(eq(users.email, email));
      const roles = await h.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, u!.id));
      demo[name] = { id: u!.id, email, displayName: u!.displayName, roles: roles.map((r) => r.role) };
    }
  });
  afterAll(async () => h?.close());

  const enrollee = (u: DemoUser, sessionId: string): Enrollee => ({
    sessionId,
    userId: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    ip: IP,
  });
  const pendingOf = async (u: DemoUser, state: "pending" | "enrol" = "pending"): Promise<PendingSignIn> => ({
    sessionId: await startUserSession(h.db, u.id, IP, state),
    userId: u.id,
    email: u.email,
    displayName: u.displayName,
    roles: u.roles,
    state,
  });
  const sessionRow = async (sessionId: string) =>
    (
      await rows<{
        second_factor_state: string;
        factors: string[];
        second_factor_at: Date | null;
        ended_at: Date | null;
        pending_totp_sealed: string | null;
      }>(
        h,
        sql`SELECT second_factor_state, factors, second_factor_at, ended_at, pending_totp_sealed FROM user_sessions WHERE id = ${sessionId}::uuid`,
      )
    )[0]!;
  const sessionUserOf = async (u: DemoUser, sessionId: string): Promise<SessionUser> => {
    const [s] = await h.db
      .select({ createdAt: userSessions.createdAt, secondFactorAt: userSessions.secondFactorAt })
      .from(userSessions)
      .where(eq(userSessions.id, sessionId));
    return {
      ...u,
      personId: null,
      locale: "zh-CN",
      apiTokenId: null,
      sessionId,
      signedInAt: s!.createdAt,
      secondFactorAt: s!.secondFactorAt,
    };
  };
  const lastStepOf = async (factorId: string) =>
    Number(
      (
        await rows<{ step: string }>(
          h,
          sql`SELECT totp_last_step::text AS step FROM user_factors WHERE id = ${factorId}::uuid`,
        )
      )[0]!.step,
    );
  const audits = async (u: DemoUser, action: string) =>
    rows<{ actor_user_id: string | null; after: Record<string, unknown> | null; before: unknown; ip: string | null }>(
      h,
      sql`SELECT actor_user_id, after, before, ip FROM audit_log WHERE entity_type = 'user' AND entity_id = ${u.id} AND action = ${action} ORDER BY id`,
    );
  /** Enrols an authenticator for the user through a signed-in session; returns its secret and what enrolment gave. */
  const enrolTotp = async (u: DemoUser, label?: string) => {
    const who = enrollee(u, await startUserSession(h.db, u.id, IP, "complete"));
    const { secret } = await startTotpEnrolment(h.db, who);
    const { code } = await totpCode(secret, null);
    return { secret, code, who, ...(await confirmTotpEnrolment(h.db, who, { code, label })) };
  };

  it("lets staff without a factor in on the password during the grace period, then sends them to enrol; never employees", async () => {
    // The demo users were created just now: within the 14 days counted from their creation.
    expect(await signInStep(h.db, demo.hr!)).toBe("complete");
    expect(await signInStep(h.db, demo.employee!)).toBe("complete");
    // A grace period counted from long ago still counts from the (later) creation of the user.
    await h.db.execute(sql`UPDATE security_settings SET grace_from = now() - interval '30 days'`);
    expect(await signInStep(h.db, demo.hr!)).toBe("complete");

    await h.db.execute(sql`UPDATE security_settings SET staff_grace_days = 0`);
    expect(await signInStep(h.db, demo.hr!)).toBe("enrol");
    expect(await signInStep(h.db, demo.finance!)).toBe("enrol");
    expect(await signInStep(h.db, demo.employee!)).toBe("complete");

    // A sign-in held at enrolment is complete once the factor is confirmed, and the next one asks for it.
    const held = enrollee(demo.auditor!, await startUserSession(h.db, demo.auditor!.id, IP, "enrol"));
    expect(await signInStep(h.db, demo.auditor!)).toBe("enrol");
    const { secret } = await startTotpEnrolment(h.db, held);
    const { code } = await totpCode(secret, null);
    expect((await confirmTotpEnrolment(h.db, held, { code })).recoveryCodes).toHaveLength(10);
    expect(await sessionRow(held.sessionId)).toMatchObject({ second_factor_state: "complete", ended_at: null });
    expect(await signInStep(h.db, demo.auditor!)).toBe("pending");

    await h.db.execute(sql`UPDATE security_settings SET staff_grace_days = 14`);
    expect(await signInStep(h.db, demo.hr!)).toBe("complete");
  });

  it("enrols an authenticator with a code from it; only the first factor brings ten recovery codes", async () => {
    const u = demo.hr!;
    const who = enrollee(u, await startUserSession(h.db, u.id, IP, "complete"));
    expect((await refusal(confirmTotpEnrolment(h.db, who, { code: "123456" }))).code).toBe("ENROLMENT_NOT_STARTED");

    const started = await startTotpEnrolment(h.db, who);
    expect(started.secret).toMatch(/^[A-Z2-7]{26,}$/);
    expect(started.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(started.uri).toContain(`secret=${started.secret}`);
    expect(started.qrSvg).toContain("<svg");
    const sealed = (await sessionRow(who.sessionId)).pending_totp_sealed;
    expect(sealed).toBeTruthy();
    expect(sealed).not.toContain(started.secret);

    // A wrong code confirms nothing and keeps the set-up waiting.
    const wrong = await wrongCode(started.secret);
    expect((await refusal(confirmTotpEnrolment(h.db, who, { code: wrong }))).code).toBe("SECOND_FACTOR_INVALID");
    expect(await hasFactor(h.db, u.id)).toBe(false);

    const { code, step } = await totpCode(started.secret, null);
    const first = await confirmTotpEnrolment(h.db, who, { code });
    expect(first.recoveryCodes).toHaveLength(10);
    expect(new Set(first.recoveryCodes).size).toBe(10);
    for (const c of first.recoveryCodes!) expect(c).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
    const [factor] = await rows<{ kind: string; label: string; totp_secret_sealed: string; step: string }>(
      h,
      sql`SELECT kind, label, totp_secret_sealed, totp_last_step::text AS step FROM user_factors WHERE id = ${first.factorId}::uuid`,
    );
    expect(factor).toMatchObject({ kind: "totp", label: "Authenticator", step: String(step) });
    expect(factor!.totp_secret_sealed).not.toContain(started.secret);
    const session = await sessionRow(who.sessionId);
    expect(session).toMatchObject({ second_factor_state: "complete", factors: ["password", "totp"] });
    expect(session.pending_totp_sealed).toBeNull();
    expect(session.second_factor_at).not.toBeNull();
    // Kept as digests only.
    const stored = await rows<{ code_digest: string; used_at: Date | null }>(
      h,
      sql`SELECT code_digest, used_at FROM recovery_codes WHERE user_id = ${u.id}::uuid`,
    );
    expect(stored).toHaveLength(10);
    for (const s of stored) {
      expect(s.used_at).toBeNull();
      expect(
        first.recoveryCodes!.some((c) => s.code_digest.includes(c) || s.code_digest.includes(c.replace("-", ""))),
      ).toBe(false);
    }
    // The set-up was used up by the confirmation.
    expect((await refusal(confirmTotpEnrolment(h.db, who, { code }))).code).toBe("ENROLMENT_NOT_STARTED");

    // A second authenticator brings no new codes and leaves the first ones as they were.
    const secondStart = await startTotpEnrolment(h.db, who);
    const second = await confirmTotpEnrolment(h.db, who, {
      code: (await totpCode(secondStart.secret, null)).code,
      label: "  Backup phone ",
    });
    expect(second.recoveryCodes).toBeNull();
    expect(
      (
        await rows<{ code_digest: string }>(
          h,
          sql`SELECT code_digest FROM recovery_codes WHERE user_id = ${u.id}::uuid`,
        )
      )
        .map((r) => r.code_digest)
        .sort(),
    ).toEqual(stored.map((s) => s.code_digest).sort());
    expect((await factorsOf(h.db, u.id)).factors.map((f) => [f.kind, f.label])).toEqual([
      ["totp", "Authenticator"],
      ["totp", "Backup phone"],
    ]);

    const enrolled = await audits(u, "factor.enrol");
    expect(enrolled.map((a) => [a.actor_user_id, a.ip, a.after])).toEqual([
      [u.id, IP, { factorId: first.factorId, kind: "totp", label: "Authenticator", recoveryCodesIssued: true }],
      [u.id, IP, { factorId: second.factorId, kind: "totp", label: "Backup phone", recoveryCodesIssued: false }],
    ]);
    expect(await signInStep(h.db, u)).toBe("pending");
    Object.assign(hr, {
      secret: started.secret,
      enrolCode: code,
      factorId: first.factorId,
      secondFactorId: second.factorId,
      secondSecret: secondStart.secret,
    });
  });

  it("completes a pending sign-in with a TOTP code once: a replayed or wrong code is refused, the next step's accepted", async () => {
    const u = demo.hr!;
    const pending = await pendingOf(u);
    const failed = async (code: string) =>
      (await refusal(completeSecondFactor(h.db, REQ, pending, { method: "totp", code }, IP))).code;
    // The code that confirmed the authenticator has been used.
    expect(await failed(hr.enrolCode)).toBe("SECOND_FACTOR_INVALID");
    expect(await failed(await wrongCode(hr.secret, hr.secondSecret))).toBe("SECOND_FACTOR_INVALID");
    expect(await sessionRow(pending.sessionId)).toMatchObject({
      second_factor_state: "pending",
      factors: ["password"],
      second_factor_at: null,
    });

    const enrolStep = await lastStepOf(hr.factorId);
    const next = await totpCode(hr.secret, enrolStep);
    expect(next.step).toBe(enrolStep + 1);
    const done = await completeSecondFactor(h.db, REQ, pending, { method: "totp", code: next.code }, IP);
    expect(done.method).toBe("totp");
    expect(await lastStepOf(hr.factorId)).toBe(next.step);
    const session = await sessionRow(pending.sessionId);
    expect(session).toMatchObject({ second_factor_state: "complete", factors: ["password", "totp"], ended_at: null });
    expect(session.second_factor_at).not.toBeNull();
    expect(Math.abs(new Date(session.second_factor_at!).getTime() - Date.now())).toBeLessThan(MIN);

    // The browser is known from now on, by a token kept only as its digest.
    expect(done.deviceToken.length).toBeGreaterThanOrEqual(40);
    expect(await knownDeviceUser(h.db, done.deviceToken)).toBe(u.id);
    expect(await knownDeviceUser(h.db, done.deviceToken + "x")).toBeNull();
    expect(await knownDeviceUser(h.db, null)).toBeNull();
    expect(await knownDeviceUser(h.db, "")).toBeNull();
    const devices = await rows<{ token_digest: string }>(
      h,
      sql`SELECT token_digest FROM known_devices WHERE user_id = ${u.id}::uuid`,
    );
    expect(devices).toHaveLength(1);
    expect(devices[0]!.token_digest).not.toBe(done.deviceToken);

    // A sign-in held at enrolment cannot be completed with a code.
    const held = await pendingOf(u, "enrol");
    const code = (await totpCode(hr.secret, next.step)).code;
    expect((await refusal(completeSecondFactor(h.db, REQ, held, { method: "totp", code }, IP))).code).toBe(
      "SECOND_FACTOR_REQUIRED",
    );

    expect((await audits(u, "auth.second_factor_failed")).map((a) => [a.actor_user_id, a.ip, a.after])).toEqual([
      [u.id, IP, { method: "totp" }],
      [u.id, IP, { method: "totp" }],
    ]);
    expect((await audits(u, "auth.second_factor")).map((a) => [a.actor_user_id, a.ip, a.after])).toEqual([
      [u.id, IP, { method: "totp" }],
    ]);
  });

  it("refuses the sixth answer of a sign-in after five wrong ones, even a right one, and ends that sign-in", async () => {
    const u = demo.admin!;
    const enrolled = await enrolTotp(u);
    Object.assign(admin, { secret: enrolled.secret, codes: enrolled.recoveryCodes! });
    const pending = await pendingOf(u);
    const wrong = await wrongCode(admin.secret);
    const answers = [
      { method: "totp", code: wrong },
      { method: "totp", code: enrolled.code }, // replayed
      { method: "recovery", code: "AAAAA-BBBBB" },
      { method: "totp", code: "abc" },
      { method: "recovery", code: "" },
    ] as const;
    for (const proof of answers)
      expect((await refusal(completeSecondFactor(h.db, REQ, pending, proof, IP))).code).toBe("SECOND_FACTOR_INVALID");

    const stepBefore = await lastStepOf(enrolled.factorId);
    const right = await totpCode(admin.secret, stepBefore);
    expect(
      (await refusal(completeSecondFactor(h.db, REQ, pending, { method: "totp", code: right.code }, IP))).code,
    ).toBe("TOO_MANY_ATTEMPTS");
    const session = await sessionRow(pending.sessionId);
    expect(session.ended_at).not.toBeNull();
    expect(session).toMatchObject({ second_factor_state: "pending", second_factor_at: null });
    // The right code was not even checked, so it was not used up: a new sign-in (password again) can take it.
    expect(await lastStepOf(enrolled.factorId)).toBe(stepBefore);
    expect(
      (await completeSecondFactor(h.db, REQ, await pendingOf(u), { method: "totp", code: right.code }, IP)).method,
    ).toBe("totp");

    expect((await audits(u, "auth.second_factor_failed")).map((a) => a.after)).toEqual(
      answers.map((a) => ({ method: a.method })),
    );
    expect(await audits(u, "auth.second_factor")).toHaveLength(1);
  });

  it("ends a sign-in at its fifth wrong answer, before any further attempt", async () => {
    const pending = await pendingOf(demo.admin!);
    const wrong = await wrongCode(admin.secret);
    for (let i = 0; i < 5; i++)
      expect((await refusal(completeSecondFactor(h.db, REQ, pending, { method: "totp", code: wrong }, IP))).code).toBe(
        "SECOND_FACTOR_INVALID",
      );
    expect((await sessionRow(pending.sessionId)).ended_at).not.toBeNull();
  });

  it("slows a user's answers down after 10 wrong codes across sign-ins, even a right one: new sign-ins buy no guesses", async () => {
    const u = demo.admin!;
    // Two sign-ins of five wrong answers each are behind this user (the two tests above).
    const [n] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM login_attempts WHERE identifier = ${`second-factor-user:${u.id}`} AND NOT succeeded`,
    );
    expect(n!.n).toBe(10);
    const step = await lastStepOf((await factorsOf(h.db, u.id)).factors.find((f) => f.kind === "totp")!.id);
    const right = await totpCode(admin.secret, step);
    const e = await refusal(
      completeSecondFactor(h.db, REQ, await pendingOf(u), { method: "totp", code: right.code }, IP),
    );
    expect(e.code).toBe("TOO_MANY_ATTEMPTS");
    expect(e.message).toMatch(/Wait (29|30) s/);
    // An hour later the count has expired (here: the rows are moved back past the window).
    await h.db.execute(
      sql`UPDATE login_attempts SET at = at - interval '61 minutes' WHERE identifier = ${`second-factor-user:${u.id}`}`,
    );
  });

  it("accepts each recovery code once, whatever its case, spaces and dashes", async () => {
    const u = demo.admin!;
    const [c0, c1] = admin.codes as [string, string];
    const first = await pendingOf(u);
    const typed = ` ${c0.toLowerCase().replace("-", "")} `.replace(/(.{4})/, "$1 ");
    expect(await completeSecondFactor(h.db, REQ, first, { method: "recovery", code: typed }, IP)).toMatchObject({
      method: "recovery",
    });
    expect(await sessionRow(first.sessionId)).toMatchObject({
      second_factor_state: "complete",
      factors: ["password", "recovery"],
    });

    const again = await pendingOf(u);
    expect((await refusal(completeSecondFactor(h.db, REQ, again, { method: "recovery", code: c0 }, IP))).code).toBe(
      "SECOND_FACTOR_INVALID",
    );
    expect(
      (await completeSecondFactor(h.db, REQ, again, { method: "recovery", code: c1.toLowerCase() }, IP)).method,
    ).toBe("recovery");
    expect((await factorsOf(h.db, u.id)).recoveryCodesLeft).toBe(8);
    const [used] = await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM recovery_codes WHERE user_id = ${u.id}::uuid AND used_at IS NOT NULL`,
    );
    expect(used!.n).toBe(2);
    // Another user's code is no good for this one.
    const [otherCode] = (await enrolTotp(demo.finance!)).recoveryCodes!;
    expect(
      (await refusal(completeSecondFactor(h.db, REQ, await pendingOf(u), { method: "recovery", code: otherCode! }, IP)))
        .code,
    ).toBe("SECOND_FACTOR_INVALID");
    expect((await audits(u, "auth.second_factor")).slice(-2).map((a) => a.after)).toEqual([
      { method: "recovery" },
      { method: "recovery" },
    ]);
  });

  it("regenerates the recovery codes, after which the old ones stop working", async () => {
    const u = demo.admin!;
    const who = enrollee(u, await startUserSession(h.db, u.id, IP, "complete"));
    const fresh = await regenerateRecoveryCodes(h.db, who);
    expect(fresh).toHaveLength(10);
    expect(fresh.filter((c) => admin.codes.includes(c))).toEqual([]);
    expect((await factorsOf(h.db, u.id)).recoveryCodesLeft).toBe(10);

    const pending = await pendingOf(u);
    expect(
      (await refusal(completeSecondFactor(h.db, REQ, pending, { method: "recovery", code: admin.codes[2]! }, IP))).code,
    ).toBe("SECOND_FACTOR_INVALID");
    expect((await completeSecondFactor(h.db, REQ, pending, { method: "recovery", code: fresh[0]! }, IP)).method).toBe(
      "recovery",
    );
    expect((await audits(u, "recovery_codes.generate")).map((a) => [a.actor_user_id, a.ip])).toEqual([[u.id, IP]]);

    // Without a factor there is nothing to recover.
    const employee = enrollee(demo.employee!, await startUserSession(h.db, demo.employee!.id, IP, "complete"));
    expect((await refusal(regenerateRecoveryCodes(h.db, employee))).code).toBe("NO_SECOND_FACTOR");
    expect(await audits(demo.employee!, "recovery_codes.generate")).toEqual([]);
  });

  it("keeps a staff user's last factor but lets an employee remove theirs", async () => {
    const staff = demo.hr!;
    const staffWho = enrollee(staff, await startUserSession(h.db, staff.id, IP, "complete"));
    await removeOwnFactor(h.db, staffWho, hr.secondFactorId);
    expect((await refusal(removeOwnFactor(h.db, staffWho, hr.factorId))).code).toBe("LAST_FACTOR_REQUIRED");
    expect((await factorsOf(h.db, staff.id)).factors.map((f) => f.id)).toEqual([hr.factorId]);
    expect((await audits(staff, "factor.remove")).map((a) => [a.actor_user_id, a.ip, a.before])).toEqual([
      [staff.id, IP, { factorId: hr.secondFactorId, kind: "totp", label: "Backup phone" }],
    ]);

    const e = demo.employee!;
    const enrolled = await enrolTotp(e, "My phone");
    expect(enrolled.recoveryCodes).toHaveLength(10);
    expect(await signInStep(h.db, e)).toBe("pending");
    // Someone else's factor is not found, and stays.
    expect((await refusal(removeOwnFactor(h.db, enrolled.who, hr.factorId))).code).toBe("NOT_FOUND");
    expect(await hasFactor(h.db, staff.id)).toBe(true);
    await removeOwnFactor(h.db, enrolled.who, enrolled.factorId);
    expect(await hasFactor(h.db, e.id)).toBe(false);
    expect(await signInStep(h.db, e)).toBe("complete");
    expect((await audits(e, "factor.remove")).map((a) => a.before)).toEqual([
      { factorId: enrolled.factorId, kind: "totp", label: "My phone" },
    ]);
  });

  it("asks for a fresh second factor before sensitive actions: a TOTP code steps up, the password does not", async () => {
    const u = demo.hr!;
    const sessionId = await startUserSession(h.db, u.id, IP, "complete");
    await h.db
      .update(userSessions)
      .set({ secondFactorAt: new Date(Date.now() - 11 * MIN) })
      .where(eq(userSessions.id, sessionId));
    const stale = await sessionUserOf(u, sessionId);
    expect((await refusal(requireFreshProof(h.db, stale))).code).toBe("STEP_UP_REQUIRED");
    // With a factor, a fresh sign-in alone does not count: only the factor does.
    expect(
      (await refusal(requireFreshProof(h.db, { ...stale, signedInAt: new Date(), secondFactorAt: null }))).code,
    ).toBe("STEP_UP_REQUIRED");
    // An API token is its own proof.
    await requireFreshProof(h.db, { ...stale, apiTokenId: "token", signedInAt: null, secondFactorAt: null });

    expect((await refusal(stepUp(h.db, REQ, stale, { method: "password", password: "vesting-demo" }, IP))).code).toBe(
      "SECOND_FACTOR_INVALID",
    );
    const last = await lastStepOf(hr.factorId);
    const replayed = await generate({ secret: hr.secret, epoch: last * STEP_S });
    expect((await refusal(stepUp(h.db, REQ, stale, { method: "totp", code: replayed }, IP))).code).toBe(
      "SECOND_FACTOR_INVALID",
    );
    expect(new Date((await sessionRow(sessionId)).second_factor_at!).getTime()).toBe(stale.secondFactorAt!.getTime());

    const { code } = await totpCode(hr.secret, last);
    const result = await stepUp(h.db, REQ, stale, { method: "totp", code }, IP);
    const fresh = await sessionUserOf(u, sessionId);
    expect(fresh.secondFactorAt!.toISOString()).toBe(result.secondFactorAt);
    await requireFreshProof(h.db, fresh);
    await requireFreshProof(h.db, fresh, new Date(fresh.secondFactorAt!.getTime() + 10 * MIN));
    expect(
      (await refusal(requireFreshProof(h.db, fresh, new Date(fresh.secondFactorAt!.getTime() + 10 * MIN + 1)))).code,
    ).toBe("STEP_UP_REQUIRED");

    expect((await audits(u, "auth.step_up_failed")).map((a) => a.after)).toEqual([
      { method: "password" },
      { method: "totp" },
    ]);
    expect((await audits(u, "auth.step_up")).map((a) => [a.actor_user_id, a.ip, a.after])).toEqual([
      [u.id, IP, { method: "totp" }],
    ]);
  });

  it("lets a user without a factor step up with the password, which also counts from the sign-in", async () => {
    const e = demo.employee!;
    const sessionId = await startUserSession(h.db, e.id, IP, "complete");
    const user = await sessionUserOf(e, sessionId);
    await requireFreshProof(h.db, user);
    const later = new Date(user.signedInAt!.getTime() + 11 * MIN);
    expect((await refusal(requireFreshProof(h.db, user, later))).code).toBe("STEP_UP_REQUIRED");
    expect((await refusal(stepUp(h.db, REQ, user, { method: "password", password: "wrong-one" }, IP))).code).toBe(
      "SECOND_FACTOR_INVALID",
    );
    await stepUp(h.db, REQ, user, { method: "password", password: "vesting-demo" }, IP);
    expect((await sessionUserOf(e, sessionId)).secondFactorAt).not.toBeNull();
    expect((await audits(e, "auth.step_up")).map((a) => a.after)).toEqual([{ method: "password" }]);
  });

  it("has written an audit row for every second-factor event", async () => {
    const counts = await rows<{ action: string; n: number }>(
      h,
      sql`SELECT action, count(*)::int AS n FROM audit_log
          WHERE action IN ('auth.second_factor', 'auth.second_factor_failed', 'factor.enrol', 'factor.remove', 'recovery_codes.generate', 'auth.step_up', 'auth.step_up_failed')
          GROUP BY 1 ORDER BY 1`,
    );
    expect(Object.fromEntries(counts.map((c) => [c.action, c.n]))).toEqual({
      // hr 1, admin 1 (after the sixth answer), admin 2 (recovery codes), admin 1 (new recovery code)
      "auth.second_factor": 5,
      // hr 2, admin 5 + 5 (two sign-ins ended), admin 1 (used recovery code), admin 1 (other user's code), admin 1 (old code)
      "auth.second_factor_failed": 15,
      "auth.step_up": 2,
      "auth.step_up_failed": 3,
      // auditor, hr × 2, admin, finance, employee
      "factor.enrol": 6,
      "factor.remove": 2,
      "recovery_codes.generate": 1,
    });
  });
});
