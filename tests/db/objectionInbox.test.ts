import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { listObjections } from "@/lib/features/publicity/objectionInbox";
import { objectionInboxQuery, type ObjectionInboxQuery } from "@/lib/features/publicity/schemas";
import { publicityOperations } from "@/lib/features/openapi/operations/publicity";
import { encodeCursor } from "@/lib/platform/pagination/keysetCursor";
import { refusal } from "./support/refusal";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const STATUSES = ["open", "answered", "upheld"] as const;
const COUNT = 23;

/** The i-th test objection: receipt, status, filer and when it was filed. */
function fixture(i: number) {
  return {
    receiptNo: `OBJ-P-${String(i).padStart(2, "0")}`,
    status: STATUSES[i % 3]!,
    byEmployee: i % 2 === 0,
    text: i % 5 === 0 ? `第${i}条：职务与实际不符` : `第${i}条：其他意见`,
    // Three to a millisecond, a microsecond apart, so page ends fall between rows a Date cannot tell apart;
    // rows 21 and 22 share the very same instant, so only the id orders them.
    createdAt:
      i >= 21
        ? "2026-11-12T02:00:00.999999Z"
        : `2026-11-12T01:00:00.${String(Math.floor(i / 3)).padStart(3, "0")}${String(100 + (i % 3)).slice(0, 3)}Z`,
  };
}

describe.each(BACKENDS)("objection inbox paging and filters on %s", (kind) => {
  let h: DatabaseHandle;
  let period: string;
  let otherPeriod: string;
  let employee: { id: string; displayName: string };
  let admin: { id: string; displayName: string };
  const answer = publicityOperations.listObjections.responses[200].schema;

  /** Every page of the period's inbox under a query, following nextCursor; each page checked against the documented answer. */
  async function allPages(query: ObjectionInboxQuery, periodId = period) {
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listObjections(h.db, periodId, objectionInboxQuery.parse({ ...query, cursor }));
      answer.parse(page);
      pages.push(page.items.map((o) => o.receiptNo));
      cursor = page.nextCursor ?? undefined;
      if (pages.length > COUNT + 1) throw new Error("The cursor does not move on: a page comes back again.");
    } while (cursor);
    return pages;
  }
  const receiptsWhere = (keep: (f: ReturnType<typeof fixture>) => boolean) =>
    Array.from({ length: COUNT }, (_, i) => fixture(i))
      .filter(keep)
      .map((f) => f.receiptNo);

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, "2026-11-21");
    const periods = await rows<{ id: string }>(h, sql`SELECT id FROM publicity_periods ORDER BY created_at, id`);
    [period, otherPeriod] = [periods[0]!.id, periods[1]!.id];
    const account = async (email: string) =>
      (
        await h.db.select({ id: users.id, displayName: users.displayName }).from(users).where(eq(users.email, email))
      )[0]!;
    employee = await account("employee@demo.local");
    admin = await account("admin@demo.local");
    // The demo's own objections are set aside so the test knows every row of its period.
    await h.db.execute(sql`UPDATE objections SET publicity_period_id = ${otherPeriod}`);
    for (let i = 0; i < COUNT; i++) {
      const f = fixture(i);
      await h.db.execute(sql`
        INSERT INTO objections (publicity_period_id, filed_by_user_id, receipt_no, text, status, response, answered_at, created_at)
        VALUES (${period}, ${f.byEmployee ? employee.id : admin.id}, ${f.receiptNo}, ${f.text}, ${f.status},
                ${f.status === "open" ? null : "已核实。"}, ${f.status === "open" ? null : f.createdAt}::timestamptz,
                ${f.createdAt}::timestamptz)`);
    }
    await h.db.execute(sql`
      INSERT INTO objections (publicity_period_id, filed_by_user_id, receipt_no, text)
      VALUES (${otherPeriod}, ${employee.id}, 'OBJ-Q-01', '另一公示期的职务与实际不符')`);
  });
  afterAll(async () => h?.close());

  it("pages oldest first by (created_at, id), each objection once, page ends falling between microseconds", async () => {
    const expected = (
      await rows<{ receipt_no: string }>(
        h,
        sql`SELECT receipt_no FROM objections WHERE publicity_period_id = ${period} ORDER BY created_at, id`,
      )
    ).map((r) => r.receipt_no);
    expect(expected).toHaveLength(COUNT);
    for (const limit of [1, 4, 7, COUNT]) {
      const pages = await allPages({ limit });
      expect(pages.flat()).toEqual(expected);
      expect(pages).toHaveLength(Math.ceil(COUNT / limit));
    }
    // Apart from the tie at the end, filing order is receipt order.
    expect(expected.slice(0, 21)).toEqual(receiptsWhere((f) => f.createdAt < "2026-11-12T02"));

    const first = await listObjections(h.db, period, {});
    expect([first.items.length, first.nextCursor]).toEqual([COUNT, null]);
    expect(first.items[0]).toMatchObject({
      receiptNo: "OBJ-P-00",
      status: "open",
      filerEmail: "employee@demo.local",
      filerEmployeeNo: "E00100",
      createdAt: "2026-11-12T01:00:00.000Z",
    });
    expect(first.items.some((o) => o.receiptNo === "OBJ-Q-01")).toBe(false);
    expect((await allPages({ q: "OBJ-Q" }, otherPeriod)).flat()).toContain("OBJ-Q-01");
  });

  it("filters by status and by text in the receipt no., the objection or the filer, across pages", async () => {
    for (const status of STATUSES)
      expect((await allPages({ status, limit: 2 })).flat()).toEqual(receiptsWhere((f) => f.status === status));
    expect((await allPages({ q: "职务与实际不符", limit: 2 })).flat()).toEqual(
      receiptsWhere((f) => f.text.includes("职务")),
    );
    expect((await allPages({ q: "obj-p-07" })).flat()).toEqual(["OBJ-P-07"]);
    expect((await allPages({ q: "ADMIN@demo", limit: 3 })).flat()).toEqual(receiptsWhere((f) => !f.byEmployee));
    expect((await allPages({ q: "E00100", limit: 3 })).flat()).toEqual(receiptsWhere((f) => f.byEmployee));
    expect((await allPages({ q: admin.displayName })).flat()).toEqual(receiptsWhere((f) => !f.byEmployee));
    expect((await allPages({ q: "职务", status: "open", limit: 1 })).flat()).toEqual(
      receiptsWhere((f) => f.status === "open" && f.text.includes("职务")),
    );
    // LIKE wildcards are literal text, not patterns.
    expect((await allPages({ q: "%" })).flat()).toEqual([]);
    expect((await allPages({ q: "OBJ_P" })).flat()).toEqual([]);
  });

  it("answers 400 BAD_REQUEST for a cursor it did not hand out, 404 for an unknown period, and the query refuses bad input", async () => {
    const at = "2026-11-12T01:00:00.000100Z";
    const id = crypto.randomUUID();
    for (const forged of [
      encodeCursor(["user@example.test"]),
      encodeCursor([at, 7]),
      encodeCursor(["2026-11-12", id]),
      encodeCursor(["2026-13-12T01:00:00.000100Z", id]),
      encodeCursor([`${at}'; drop table objections; --`, id]),
      encodeCursor([at, "not-a-uuid"]),
      "!!",
    ]) {
      const e = await refusal(listObjections(h.db, period, { cursor: forged }));
      expect([e.status, e.code]).toEqual([400, "BAD_REQUEST"]);
    }
    // A well-formed key is just a position: after the very last one there is nothing.
    const after = await listObjections(h.db, period, { cursor: encodeCursor(["2099-01-01T00:00:00.000000Z", id]) });
    expect(after).toEqual({ items: [], nextCursor: null });

    expect((await refusal(listObjections(h.db, crypto.randomUUID()))).status).toBe(404);
    expect((await refusal(listObjections(h.db, "not-a-uuid"))).status).toBe(404);
    expect(objectionInboxQuery.safeParse({ status: "closed" }).success).toBe(false);
    expect(objectionInboxQuery.safeParse({ limit: "201" }).success).toBe(false);
    expect(objectionInboxQuery.safeParse({ limit: "0" }).success).toBe(false);
    expect(objectionInboxQuery.parse({ limit: "200", q: "  x " })).toEqual({ limit: 200, q: "x" });
  });
});
