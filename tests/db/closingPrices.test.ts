/**
 * Closing prices HR enters or imports: only trading days up to today, only positive prices with at most 4
 * decimals; a correction keeps the price before and after in the audit trail; an import previews every
 * line and applies all or nothing with one audit row; a price is read for its exact date, never the nearest.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db/client";
import { issuers } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { enterClosingPrice, importClosingPrices } from "@/lib/features/tax/closingPriceCommands";
import { closingPriceOn, latestClosingPrice, listClosingPrices } from "@/lib/features/tax/closingPrices";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { seedAdminCompany } from "./support/adminSeed";
import { refusal } from "./support/refusal";

// A Friday: 2026-03-23 is the next trading day, 2026-03-07 a Saturday, 2026-02-16 the Spring Festival.
const TODAY = "2026-03-20";

describe.each(BACKENDS)("closing prices on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let issuerId: string;

  const counts = async () =>
    (
      await rows<{ prices: number; audits: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM closing_prices) AS prices, (SELECT count(*)::int FROM audit_log) AS audits`,
      )
    )[0]!;
  const auditsOf = (action: string) =>
    rows<{ action: string; entity_type: string; before: unknown; after: unknown; actor_user_id: string }>(
      h,
      sql`SELECT action, entity_type, before, after, actor_user_id FROM audit_log WHERE action = ${action} ORDER BY id`,
    );

  beforeAll(async () => {
    vi.stubEnv("VD_TODAY", TODAY);
    h = await freshDatabase(kind);
    const seed = await seedAdminCompany(h.db);
    actor = { userId: seed.hr, ip: "10.0.0.7" };
    const [issuer] = await rows<{ id: string }>(h, sql`SELECT id FROM issuers`);
    issuerId = issuer!.id;
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await h?.close();
  });

  it("refuses a day after today, a weekend, a holiday and a malformed price, writing nothing and no audit row", async () => {
    const before = await counts();
    const future = await refusal(enterClosingPrice(h.db, actor, null, { tradeDate: "2026-03-23", close: "45.26" }));
    expect([future.status, future.code, future.details]).toEqual([
      422,
      "CLOSING_PRICE_IN_FUTURE",
      { tradeDate: "2026-03-23", today: TODAY },
    ]);
    const weekend = await refusal(enterClosingPrice(h.db, actor, null, { tradeDate: "2026-03-07", close: "45.26" }));
    expect([weekend.status, weekend.code, weekend.details]).toEqual([
      422,
      "CLOSING_PRICE_NOT_TRADING_DAY",
      { tradeDate: "2026-03-07", reason: "weekend" },
    ]);
    const holiday = await refusal(enterClosingPrice(h.db, actor, null, { tradeDate: "2026-02-16", close: "45.26" }));
    expect(holiday.code).toBe("CLOSING_PRICE_NOT_TRADING_DAY");
    const uncovered = await refusal(enterClosingPrice(h.db, actor, null, { tradeDate: "2014-06-03", close: "9" }));
    expect(uncovered.code).toBe("CALENDAR_NOT_PUBLISHED");
    for (const close of ["0", "0.0000", "-1", "45.12345", "abc", "1e3", "", "123456789"]) {
      await expect(
        enterClosingPrice(h.db, actor, null, { tradeDate: "2026-03-02", close }),
        close,
      ).rejects.toBeInstanceOf(ZodError);
    }
    await expect(
      enterClosingPrice(h.db, actor, null, { tradeDate: "2026-02-30", close: "45.26" }),
    ).rejects.toBeInstanceOf(ZodError);
    expect(await counts()).toEqual(before);
  });

  it("records a price, reads it for its exact date only, and corrects a typo with the price before and after audited", async () => {
    const entry = await enterClosingPrice(h.db, actor, null, {
      tradeDate: "2026-03-02",
      close: "45.2600",
      source: "上交所行情",
    });
    expect(entry).toEqual({
      issuerId,
      tradeDate: "2026-03-02",
      close: "45.26",
      source: "上交所行情",
      previous: null,
      unchanged: false,
    });
    expect(await closingPriceOn(h.db, issuerId, "2026-03-02")).toBe("45.26");
    // The next trading day has no price: the portal never takes the nearest one.
    expect(await closingPriceOn(h.db, issuerId, "2026-03-03")).toBeNull();
    expect(await closingPriceOn(h.db, issuerId, "2026-03-01")).toBeNull();

    const fixed = await enterClosingPrice(h.db, actor, issuerId, { tradeDate: "2026-03-02", close: "45.62" });
    expect(fixed).toMatchObject({
      close: "45.62",
      source: "manual",
      previous: { close: "45.26", source: "上交所行情" },
    });
    expect(await closingPriceOn(h.db, issuerId, "2026-03-02")).toBe("45.62");
    expect(await auditsOf("closing_price.enter")).toEqual([
      {
        action: "closing_price.enter",
        entity_type: "closing_price",
        before: null,
        after: { issuerId, tradeDate: "2026-03-02", close: "45.26", source: "上交所行情" },
        actor_user_id: actor.userId,
      },
    ]);
    expect(await auditsOf("closing_price.correct")).toEqual([
      {
        action: "closing_price.correct",
        entity_type: "closing_price",
        before: { issuerId, tradeDate: "2026-03-02", close: "45.26", source: "上交所行情" },
        after: { issuerId, tradeDate: "2026-03-02", close: "45.62", source: "manual" },
        actor_user_id: actor.userId,
      },
    ]);

    // The same price again changes nothing and is not audited.
    const before = await counts();
    const again = await enterClosingPrice(h.db, actor, null, { tradeDate: "2026-03-02", close: "45.620" });
    expect(again).toMatchObject({ unchanged: true, close: "45.62" });
    expect(await counts()).toEqual(before);
  });

  it("lists prices newest first within a range, and gives the latest on or before a date", async () => {
    await enterClosingPrice(h.db, actor, null, { tradeDate: "2026-03-04", close: "46" });
    await enterClosingPrice(h.db, actor, null, { tradeDate: "2026-03-20", close: "47.125" });
    const all = await listClosingPrices(h.db, null);
    expect(all.issuerId).toBe(issuerId);
    expect(all.items.map((p) => [p.tradeDate, p.close])).toEqual([
      ["2026-03-20", "47.125"],
      ["2026-03-04", "46.00"],
      ["2026-03-02", "45.62"],
    ]);
    expect(all.items[0]!.enteredBy).toBe("hr user");
    expect(typeof all.items[0]!.createdAt).toBe("string");
    const ranged = await listClosingPrices(h.db, issuerId, { from: "2026-03-03", to: "2026-03-19" });
    expect(ranged.items.map((p) => p.tradeDate)).toEqual(["2026-03-04"]);
    expect(await latestClosingPrice(h.db, issuerId)).toEqual({ tradeDate: "2026-03-20", close: "47.125" });
    expect(await latestClosingPrice(h.db, issuerId, "2026-03-19")).toEqual({ tradeDate: "2026-03-04", close: "46.00" });
    expect(await latestClosingPrice(h.db, issuerId, "2026-03-01")).toBeNull();
  });

  it("previews a file with every refused line and writes nothing, not even when asked to apply", async () => {
    const csv = [
      "日期,收盘价",
      "2026-03-05,46.50",
      "2026-13-01,46.00",
      "2026-03-07,46.00",
      "2026-03-06,4x.00",
      "2026/03/05,46.60",
      "2026-03-24,47.00",
      "2026-03-02,45.70",
    ].join("\n");
    const before = await counts();
    const preview = await importClosingPrices(h.db, actor, null, csv, { apply: false });
    expect(preview.applied).toBe(false);
    expect(preview.rows).toEqual([
      { line: 2, tradeDate: "2026-03-05", close: "46.50", previous: null },
      { line: 8, tradeDate: "2026-03-02", close: "45.70", previous: "45.62" },
    ]);
    expect(preview.errors.map((e) => [e.line, e.code])).toEqual([
      [3, "CLOSING_PRICE_INVALID_DATE"],
      [4, "CLOSING_PRICE_NOT_TRADING_DAY"],
      [5, "CLOSING_PRICE_INVALID_CLOSE"],
      [6, "CLOSING_PRICE_DUPLICATE_DATE"],
      [7, "CLOSING_PRICE_IN_FUTURE"],
    ]);
    expect(await counts()).toEqual(before);

    const refused = await refusal(importClosingPrices(h.db, actor, null, csv, { apply: true }));
    expect([refused.status, refused.code]).toEqual([422, "CLOSING_PRICE_IMPORT_INVALID"]);
    expect((refused.details as { errors: unknown[] }).errors).toHaveLength(5);
    expect(await counts()).toEqual(before);
    expect(await closingPriceOn(h.db, issuerId, "2026-03-05")).toBeNull();
    expect(await closingPriceOn(h.db, issuerId, "2026-03-02")).toBe("45.62");

    const headless = await importClosingPrices(h.db, actor, null, "day,price\n2026-03-05,1\n", { apply: false });
    expect(headless.errors.map((e) => e.code)).toEqual(["MISSING_COLUMNS"]);
    await refusal(importClosingPrices(h.db, actor, null, "date\tclose\n", { apply: true }));
    expect(await counts()).toEqual(before);
  });

  it("applies a clean file at once: every row written, corrections included, and one audit row", async () => {
    const csv = "\uFEFFdate\tclose\r\n2026/3/5\t46.50\r\n2026-03-06\t46.8\r\n2026-03-02\t45.70\r\n";
    const before = await counts();
    const applied = await importClosingPrices(h.db, actor, null, csv, { apply: true, source: "行情软件导出" });
    expect(applied.applied).toBe(true);
    expect(applied.errors).toEqual([]);
    expect(applied.rows.map((r) => [r.tradeDate, r.close, r.previous])).toEqual([
      ["2026-03-05", "46.50", null],
      ["2026-03-06", "46.80", null],
      ["2026-03-02", "45.70", "45.62"],
    ]);
    const after = await counts();
    expect(after.prices - before.prices).toBe(2);
    expect(after.audits - before.audits).toBe(1);
    expect(await closingPriceOn(h.db, issuerId, "2026-03-02")).toBe("45.70");
    expect(await closingPriceOn(h.db, issuerId, "2026-03-06")).toBe("46.80");
    const [audit] = await auditsOf("closing_price.import");
    expect(audit).toMatchObject({
      entity_type: "closing_prices",
      before: { prices: [{ tradeDate: "2026-03-02", close: "45.62" }] },
      after: {
        source: "行情软件导出",
        prices: [
          { tradeDate: "2026-03-05", close: "46.50" },
          { tradeDate: "2026-03-06", close: "46.80" },
          { tradeDate: "2026-03-02", close: "45.70" },
        ],
      },
    });
    const listed = await listClosingPrices(h.db, null, { from: "2026-03-05", to: "2026-03-06" });
    expect(listed.items.map((p) => p.source)).toEqual(["行情软件导出", "行情软件导出"]);
  });

  it("answers an unknown issuer 404, and asks which issuer once there are several", async () => {
    const unknown = await refusal(listClosingPrices(h.db, "6d2b79f5-0000-4000-8000-00000000abcd"));
    expect(unknown.code).toBe("NOT_FOUND");
    const [second] = await h.db
      .insert(issuers)
      .values({ name: "第二发行人", nameEn: "Second", stockCode: "688998", parValue: "1.0000" })
      .returning({ id: issuers.id });
    const ambiguous = await refusal(enterClosingPrice(h.db, actor, null, { tradeDate: "2026-03-09", close: "10" }));
    expect(ambiguous.code).toBe("ISSUER_AMBIGUOUS");
    await enterClosingPrice(h.db, actor, second!.id, { tradeDate: "2026-03-02", close: "10" });
    expect(await closingPriceOn(h.db, second!.id, "2026-03-02")).toBe("10.00");
    expect(await closingPriceOn(h.db, issuerId, "2026-03-02")).toBe("45.70");
  });
});
