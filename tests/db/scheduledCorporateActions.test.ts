import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { ApiError } from "@/lib/platform/errors/apiError";
import { errorText } from "@/lib/platform/errors/errorCodes";
import type { Actor } from "@/lib/auth/actor";
import { recordCorporateAction, type RecordedAction } from "@/lib/features/corporate-actions/commands";
import { listCorporateActions } from "@/lib/features/corporate-actions/actionList";
import { announceAppliedActions } from "@/lib/features/daily/appliedActions";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

// Wednesday; the ex-date is the next Monday (both SSE trading days).
const RECORDED_ON = "2026-11-18";
const BEFORE_EX = "2026-11-20";
const EX_DATE = "2026-11-23";

describe.each(BACKENDS)("a corporate action with a future ex-date on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let grant8: string;
  let recorded: RecordedAction;

  const counts = async () =>
    (
      await rows<{ actions: number; records: number; audits: number; notices: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM corporate_actions) AS actions, (SELECT count(*)::int FROM adjustment_records) AS records, (SELECT count(*)::int FROM audit_log) AS audits, (SELECT count(*)::int FROM notifications) AS notices`,
      )
    )[0]!;
  /** Every grant's stored price and quantity and every tranche's planned quantity: what an adjustment changes. */
  const stored = async () => ({
    grants: await rows(h, sql`SELECT id, adjusted_price::text, adjusted_quantity::text FROM grants ORDER BY id`),
    tranches: await rows(
      h,
      sql`SELECT grant_id, tranche_index, planned_quantity::text FROM tranches ORDER BY grant_id, tranche_index`,
    ),
  });
  const grant8State = async () =>
    (
      await rows<{ quantity: string; planned: string }>(
        h,
        sql`SELECT g.adjusted_quantity::text AS quantity, (SELECT sum(planned_quantity)::text FROM tranches t WHERE t.grant_id = g.id) AS planned FROM grants g WHERE g.id = ${grant8}`,
      )
    )[0]!;
  const noticesOf = (kindName: string) =>
    rows<{ email: string; payload: { grantId: string; exDate: string; quantityAfter: number; status: string } }>(
      h,
      sql`SELECT u.email, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = ${kindName} AND n.payload->>'actionId' = ${recorded.action.id} ORDER BY u.email`,
    );

  beforeAll(async () => {
    vi.stubEnv("VD_TODAY", RECORDED_ON);
    // The daily job remembers the day it ran in a process-wide marker; each backend starts afresh.
    delete (globalThis as { __vdFreshOn?: string }).__vdFreshOn;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, RECORDED_ON);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: null };
    // The demo grantee's grant with every tranche still outstanding, made 8 shares: 8 × 1.3 = 10.4 → 10.
    const [g] = await rows<{ id: string; plan_id: string }>(
      h,
      sql`SELECT g.id, g.plan_id FROM grants g JOIN users u ON u.person_id = g.person_id
           WHERE u.email = 'employee@demo.local'
             AND NOT EXISTS (SELECT 1 FROM tranches t WHERE t.grant_id = g.id AND t.status NOT IN ('pending', 'vestable'))
           ORDER BY g.id LIMIT 1`,
    );
    grant8 = g!.id;
    await h.db.execute(sql`UPDATE grants SET quantity = 8 WHERE id = ${grant8}`);
    await rederivePlan(h.db, g!.plan_id, RECORDED_ON);
    expect(await grant8State()).toEqual({ quantity: "8", planned: "8" });
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await h?.close();
  });

  it("refuses 4 entered for 每10股转增4股 (quantities × 5) unless confirmLargeRatio, naming the ratio, and writes nothing", async () => {
    const before = await counts();
    const e = await recordCorporateAction(h.db, actor, {
      type: "capitalisation",
      exDate: EX_DATE,
      n: "4",
      confirm: true,
    }).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(ApiError);
    const refusal = e as ApiError;
    expect({ status: refusal.status, code: refusal.code }).toEqual({ status: 422, code: "LARGE_RATIO_UNCONFIRMED" });
    expect(refusal.details).toMatchObject({ n: "4", factor: "5", ratio: "1 : 5", intendedN: "0.4" });
    expect(refusal.message).toContain("1 : 5");
    expect(errorText(refusal.code, "zh-CN", refusal.message, refusal.details as Record<string, unknown>)).toContain(
      "1 : 5",
    );
    expect(await counts()).toEqual(before);
  });

  it("is recorded as scheduled: the result says what the ex-date will do, nothing is adjusted yet", async () => {
    const before = await stored();
    const beforeCounts = await counts();
    recorded = await recordCorporateAction(h.db, actor, {
      type: "capitalisation",
      exDate: EX_DATE,
      n: "0.3",
      confirm: true,
      description: "每10股转增3股",
    });
    expect(recorded.action).toMatchObject({ type: "capitalisation", n: "0.3", exDate: EX_DATE, status: "scheduled" });
    expect(recorded.affected.length).toBeGreaterThan(0);
    expect(recorded.affected.find((a) => a.grantId === grant8)).toMatchObject({ quantityBefore: 8, quantityAfter: 10 });

    expect(await stored()).toEqual(before);
    const after = await counts();
    expect({ actions: after.actions, records: after.records, audits: after.audits }).toEqual({
      actions: beforeCounts.actions + 1,
      records: beforeCounts.records,
      audits: beforeCounts.audits + 1,
    });
    const listed = (await listCorporateActions(h.db)).find((a) => a.id === recorded.action.id)!;
    expect(listed).toMatchObject({ status: "scheduled", affectedGrants: 0 });
    const [audit] = await rows<{ action: string; after: { status: string } }>(
      h,
      sql`SELECT action, after FROM audit_log WHERE entity_id = ${recorded.action.id}`,
    );
    expect(audit).toMatchObject({ action: "corporate_action.record", after: { status: "scheduled" } });

    // The grantee is told it is scheduled for the ex-date, not that it happened.
    const scheduled = await noticesOf("grant_adjustment_scheduled");
    expect(scheduled.find((n) => n.payload.grantId === grant8)).toMatchObject({
      email: "employee@demo.local",
      payload: { exDate: EX_DATE, quantityAfter: 10, status: "scheduled" },
    });
    expect(await noticesOf("grant_adjusted")).toEqual([]);
  });

  it("stays scheduled through the daily job before the ex-date, and when today reaches it before the job runs", async () => {
    const before = await stored();
    vi.stubEnv("VD_TODAY", BEFORE_EX);
    await ensureDerivedToday(h.db, BEFORE_EX);
    expect(await stored()).toEqual(before);
    vi.stubEnv("VD_TODAY", EX_DATE);
    expect((await listCorporateActions(h.db)).find((a) => a.id === recorded.action.id)!.status).toBe("scheduled");
    expect(await stored()).toEqual(before);
    expect(await noticesOf("grant_adjusted")).toEqual([]);
  });

  it("on the ex-date the daily job applies it, as previewed, tells the grantees and audits it once", async () => {
    await ensureDerivedToday(h.db, EX_DATE);
    const records = await rows<{
      grant_id: string;
      price_after: string;
      quantity_before: string;
      quantity_after: string;
    }>(
      h,
      sql`SELECT grant_id, price_after::text, quantity_before::text, quantity_after::text FROM adjustment_records WHERE corporate_action_id = ${recorded.action.id} ORDER BY grant_id`,
    );
    expect(records).toEqual(
      [...recorded.affected]
        .sort((a, b) => (a.grantId < b.grantId ? -1 : 1))
        .map((a) => ({
          grant_id: a.grantId,
          price_after: a.priceAfter,
          quantity_before: String(a.quantityBefore),
          quantity_after: String(a.quantityAfter),
        })),
    );
    // 8 unvested shares × 1.3 = 10.4 → 10 on the grant, its tranches adding up to it.
    expect(await grant8State()).toEqual({ quantity: "10", planned: "10" });
    const listed = (await listCorporateActions(h.db)).find((a) => a.id === recorded.action.id)!;
    expect(listed).toMatchObject({ status: "applied", affectedGrants: recorded.affected.length });

    const applied = await noticesOf("grant_adjusted");
    expect(applied.find((n) => n.payload.grantId === grant8)).toMatchObject({
      email: "employee@demo.local",
      payload: { exDate: EX_DATE, quantityAfter: 10, status: "applied" },
    });
    const audits = await rows<{ action: string; actor_user_id: string | null }>(
      h,
      sql`SELECT action, actor_user_id FROM audit_log WHERE entity_id = ${recorded.action.id} ORDER BY id`,
    );
    expect(audits).toEqual([
      { action: "corporate_action.record", actor_user_id: actor.userId },
      { action: "corporate_action.apply", actor_user_id: null },
    ]);

    // Once applied it is announced once: a second run (another instance, a retry) does nothing.
    const before = await counts();
    expect(await announceAppliedActions(h.db, EX_DATE)).toEqual([]);
    expect(await counts()).toEqual(before);
  });

  it("records a confirmed large ratio (n > 1 with confirmLargeRatio), scheduled for its ex-date", async () => {
    const r = await recordCorporateAction(h.db, actor, {
      type: "bonus",
      exDate: "2026-12-01",
      n: "1.5",
      confirm: true,
      confirmLargeRatio: true,
    });
    expect(r.action).toMatchObject({ type: "bonus", n: "1.5", status: "scheduled" });
  });
});
