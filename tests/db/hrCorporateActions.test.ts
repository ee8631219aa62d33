import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { ApiError } from "@/lib/platform/errors/apiError";
import type { Actor } from "@/lib/auth/actor";
import {
  compensateCorporateAction,
  recordCorporateAction,
  reversalOf,
} from "@/lib/features/corporate-actions/commands";
import { listCorporateActions } from "@/lib/features/corporate-actions/actionList";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

async function refused(p: Promise<unknown>, status: number, code: string) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  expect({ status: (e as ApiError).status, code: (e as ApiError).code }).toEqual({ status, code });
  return e as ApiError;
}

type TrancheRow = { tranche_index: number; planned_quantity: string; vested_quantity: string; status: string };

describe.each(BACKENDS)("recording and compensating corporate actions on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let employeeGrant: string;
  let original: TrancheRow[];
  let splitId: string;

  const tranchesOf = (grantId: string) =>
    rows<TrancheRow>(
      h,
      sql`SELECT tranche_index, planned_quantity::text, vested_quantity::text, status::text FROM tranches WHERE grant_id = ${grantId} ORDER BY tranche_index`,
    );
  const prices2022 = async () =>
    await rows<{ price: string; n: number }>(
      h,
      sql`SELECT g.adjusted_price::text AS price, count(*)::int AS n FROM grants g JOIN plans p ON p.id = g.plan_id WHERE p.name_en LIKE '2022%' GROUP BY 1 ORDER BY 1`,
    );
  const counts = async () =>
    (
      await rows<{ actions: number; records: number; audits: number; notices: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM corporate_actions) AS actions, (SELECT count(*)::int FROM adjustment_records) AS records, (SELECT count(*)::int FROM audit_log) AS audits, (SELECT count(*)::int FROM notifications) AS notices`,
      )
    )[0]!;

  beforeAll(async () => {
    vi.stubEnv("VD_TODAY", AS_OF);
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: null };
    const [g] = await rows<{ id: string }>(
      h,
      sql`SELECT g.id FROM grants g JOIN users u ON u.person_id = g.person_id JOIN plans p ON p.id = g.plan_id WHERE u.email = 'employee@demo.local' AND p.name_en LIKE '2022%'`,
    );
    employeeGrant = g!.id;
    original = await tranchesOf(employeeGrant);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await h?.close();
  });

  it("asks for confirmation before recording", async () => {
    const e = await refused(
      recordCorporateAction(h.db, actor, { type: "split", exDate: "2026-11-20", n: "1" }),
      400,
      "CONFIRM_REQUIRED",
    );
    expect(e.message).toContain("/api/v1/corporate-actions/preview");
  });

  it("refuses an ex-date that is not a trading day, naming the next one, and writes nothing", async () => {
    const before = await counts();
    const saturday = await refused(
      recordCorporateAction(h.db, actor, { type: "dividend", exDate: "2026-11-21", v: "0.5", confirm: true }),
      422,
      "EX_DATE_NOT_TRADING_DAY",
    );
    expect(saturday.details).toMatchObject({ exDate: "2026-11-21", next: "2026-11-23" });
    expect(saturday.message).toBe(
      "The ex-date 2026-11-21 is not an SSE trading day: the next trading day is 2026-11-23.",
    );
    // A holiday on a weekday: National Day week, with the closure's reason.
    const holiday = await refused(
      recordCorporateAction(h.db, actor, { type: "dividend", exDate: "2026-10-05", v: "0.5", confirm: true }),
      422,
      "EX_DATE_NOT_TRADING_DAY",
    );
    expect(holiday.details).toMatchObject({ exDate: "2026-10-05", next: "2026-10-08" });
    expect((holiday.details as { reason: string | null }).reason).not.toBeNull();
    expect(await counts()).toEqual(before);
  });

  it("refuses a dividend that would take the price below par and writes nothing", async () => {
    const before = await counts();
    await refused(
      recordCorporateAction(h.db, actor, { type: "dividend", exDate: "2026-11-20", v: "39", confirm: true }),
      422,
      "PRICE_BELOW_PAR",
    );
    await refused(
      recordCorporateAction(h.db, actor, { type: "split", exDate: "2026-11-20", confirm: true }),
      422,
      "INVALID_ADJUSTMENT",
    );
    expect(await counts()).toEqual(before);
    expect(await prices2022()).toEqual([{ price: "39.58", n: 147 }]);
  });

  it("a 1-for-1 split halves the 2022 price and doubles the unvested quantities, keeping vested tranches", async () => {
    expect(original.map((t) => t.status)).toEqual(["vested", "vested", "vestable"]);
    const before = await counts();
    const recorded = await recordCorporateAction(h.db, actor, {
      type: "split",
      exDate: "2026-11-20",
      n: "1",
      confirm: true,
      description: "每10股转增10股",
    });
    splitId = recorded.action.id;
    expect(recorded.action).toMatchObject({
      type: "split",
      n: "1",
      compensatesId: null,
      description: "每10股转增10股",
    });
    const mine = recorded.affected.find((a) => a.grantId === employeeGrant)!;
    expect(mine).toMatchObject({ priceBefore: "39.58", priceAfter: "19.79" });

    // Every 2022 grant with a tranche outstanding is adjusted; the leaver's (all tranches voided in 2024) keeps its price.
    // The current plan's 35 grants with tranches outstanding (its leaver's are all voided) are adjusted too.
    expect(recorded.affected).toHaveLength(146 + 35);
    expect(await prices2022()).toEqual([
      { price: "19.79", n: 146 },
      { price: "39.58", n: 1 },
    ]);
    const now = await tranchesOf(employeeGrant);
    expect(now[0]).toEqual(original[0]);
    expect(now[1]).toEqual(original[1]);
    expect(Number(now[2]!.planned_quantity)).toBe(2 * Number(original[2]!.planned_quantity));
    expect(mine.quantityAfter - mine.quantityBefore).toBe(Number(original[2]!.planned_quantity));

    const records = await rows<{ grant_id: string; price_before: string; price_after: string }>(
      h,
      sql`SELECT grant_id, price_before::text, price_after::text FROM adjustment_records WHERE corporate_action_id = ${splitId}`,
    );
    expect(records).toHaveLength(recorded.affected.length);
    expect(records.find((r) => r.grant_id === employeeGrant)).toMatchObject({
      price_before: "39.58",
      price_after: "19.79",
    });
    const [audit] = await rows<{
      action: string;
      after: { affectedGrants: { grantId: string; priceAfter: string }[] };
    }>(h, sql`SELECT action, after FROM audit_log WHERE entity_id = ${splitId}`);
    expect(audit!.action).toBe("corporate_action.record");
    expect(audit!.after.affectedGrants).toContainEqual(
      expect.objectContaining({ grantId: employeeGrant, priceAfter: "19.79" }),
    );
    const notices = await rows<{ email: string; payload: { priceAfter: string } }>(
      h,
      sql`SELECT u.email, n.payload FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'grant_adjusted'`,
    );
    // The demo grantee holds adjusted grants in 2022 and in the current plan: one notice each.
    expect(notices.map((n) => n.email).sort()).toEqual([
      "employee2@demo.local",
      "employee@demo.local",
      "employee@demo.local",
    ]);
    expect(notices.map((n) => n.payload.priceAfter).sort()).toEqual(["10.80", "19.79", "19.79"]);
    expect((await counts()).actions).toBe(before.actions + 1);

    const listed = await listCorporateActions(h.db);
    expect(listed[0]).toMatchObject({ id: splitId, affectedGrants: recorded.affected.length, compensatedBy: null });
  });

  it("compensating the split restores the price and the quantities; a second compensation is refused", async () => {
    const comp = await compensateCorporateAction(h.db, actor, splitId);
    expect(comp.action).toMatchObject({
      type: "consolidation",
      n: "0.5",
      exDate: "2026-11-20",
      compensatesId: splitId,
    });
    expect(await prices2022()).toEqual([{ price: "39.58", n: 147 }]);
    expect(await tranchesOf(employeeGrant)).toEqual(original);
    const [audit] = await rows<{ action: string }>(
      h,
      sql`SELECT action FROM audit_log WHERE entity_id = ${comp.action.id}`,
    );
    expect(audit!.action).toBe("corporate_action.compensate");
    await refused(compensateCorporateAction(h.db, actor, splitId), 409, "ALREADY_COMPENSATED");
    expect((await listCorporateActions(h.db)).find((a) => a.id === splitId)!.compensatedBy).toBe(comp.action.id);
  });

  it("refuses to compensate a paid dividend and writes nothing", async () => {
    const [dividend] = await rows<{ id: string }>(h, sql`SELECT id FROM corporate_actions WHERE type = 'dividend'`);
    const before = await counts();
    const e = await refused(compensateCorporateAction(h.db, actor, dividend!.id), 422, "NOT_REVERSIBLE");
    expect(e.message).toContain("cannot be undone");
    expect(await counts()).toEqual(before);
  });

  it("computes reversals from the formulas", () => {
    expect(reversalOf({ type: "capitalisation", exDate: "2026-06-01", n: "0.40000000" })).toEqual({
      type: "consolidation",
      exDate: "2026-06-01",
      n: "0.71428571",
    });
    expect(reversalOf({ type: "consolidation", exDate: "2026-06-01", n: "0.5" })).toEqual({
      type: "split",
      exDate: "2026-06-01",
      n: "1",
    });
    expect(() => reversalOf({ type: "rights", exDate: "2026-06-01", n: "0.1" })).toThrow(ApiError);
  });
});
