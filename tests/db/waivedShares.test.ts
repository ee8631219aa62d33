import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { vestingBatches, vestingBatchLines, vestingPayments } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/** The database's own message for a refused statement (drizzle wraps it as the cause). */
async function refusedBy(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    const err = e as { message: string; cause?: { message?: string } };
    return err.cause?.message ?? err.message;
  }
  throw new Error("expected the statement to be refused");
}

// The storage under #16's vesting batches: unpaid shares of a batch whose payment closed lapse as "waived"
// through the one tranche writer; payments received are append-only.
describe.each(BACKENDS)("waived shares of a vesting batch on %s", (kind) => {
  let h: DatabaseHandle;
  let planId: string;
  let tranche: { grant_id: string; person_id: string; vested_quantity: string; lapsed_quantity: string };
  let batchId: string;
  let lineId: string;
  const previousToday = process.env.VD_TODAY;
  const trancheNow = async () =>
    (
      await rows<{ status: string; vested_quantity: string; lapsed_quantity: string; lapse_reason: string | null }>(
        h,
        sql`SELECT status, vested_quantity::text, lapsed_quantity::text, lapse_reason FROM tranches WHERE grant_id = ${tranche.grant_id} AND tranche_index = 1`,
      )
    )[0]!;

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    // A grantee of the 2022 plan whose first tranche vested in full (grade A or B).
    const [found] = await rows<typeof tranche & { plan_id: string }>(
      h,
      sql`SELECT t.grant_id, g.person_id, g.plan_id, t.vested_quantity::text, t.lapsed_quantity::text FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN plans p ON p.id = g.plan_id
           WHERE p.name_en LIKE '2022%' AND t.tranche_index = 1 AND t.status = 'vested' AND t.lapsed_quantity = 0 ORDER BY g.id LIMIT 1`,
    );
    tranche = found!;
    planId = found!.plan_id;
    const [batch] = await h.db
      .insert(vestingBatches)
      .values({
        planId,
        batchNo: 1,
        status: "payment_open",
        registrationDate: "2023-12-18",
        paymentStart: "2023-12-01",
        paymentDeadline: "2023-12-08",
        payeeName: "演示科技股份有限公司",
        payeeBank: "招商银行上海分行",
        payeeAccount: "1219 0000 0000 001",
        referenceTemplate: "VD{batchNo}-{employeeNo}",
      })
      .returning({ id: vestingBatches.id });
    batchId = batch!.id;
    const [line] = await h.db
      .insert(vestingBatchLines)
      .values({
        vestingBatchId: batchId,
        grantId: tranche.grant_id,
        personId: tranche.person_id,
        trancheIndex: 1,
        shares: Number(tranche.vested_quantity),
        adjustedPrice: "39.5800",
        amountDue: "0.00",
        reference: "VD1-E00000",
      })
      .returning({ id: vestingBatchLines.id });
    lineId = line!.id;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("counts waived shares only once the payment has closed, and then lapses them as waived", async () => {
    const full = Number(tranche.vested_quantity);
    await h.db
      .update(vestingBatchLines)
      .set({ paidShares: full - 100, waivedShares: 100 })
      .where(eq(vestingBatchLines.id, lineId));
    await h.db.transaction((tx) => rederivePlan(tx, planId, AS_OF));
    // Still open: nothing is waived yet.
    expect(await trancheNow()).toMatchObject({ status: "vested", vested_quantity: String(full), lapse_reason: null });
    await h.db.update(vestingBatches).set({ status: "payment_closed" }).where(eq(vestingBatches.id, batchId));
    await h.db.transaction((tx) => rederivePlan(tx, planId, AS_OF));
    expect(await trancheNow()).toEqual({
      status: "vested",
      vested_quantity: String(full - 100),
      lapsed_quantity: "100",
      lapse_reason: "waived",
    });
    // Nothing paid at all: the whole tranche lapses as waived.
    await h.db
      .update(vestingBatchLines)
      .set({ paidShares: 0, waivedShares: full })
      .where(eq(vestingBatchLines.id, lineId));
    await h.db.transaction((tx) => rederivePlan(tx, planId, AS_OF));
    expect(await trancheNow()).toEqual({
      status: "lapsed",
      vested_quantity: "0",
      lapsed_quantity: String(full),
      lapse_reason: "waived",
    });
  });

  it("keeps payments as recorded: no update or delete, one row per bank transaction", async () => {
    await h.db.insert(vestingPayments).values({
      lineId,
      vestingBatchId: batchId,
      amount: "1000.00",
      paidOn: "2023-12-05",
      transactionId: "TX-1",
      source: "manual",
    });
    expect(
      await refusedBy(h.db.execute(sql`UPDATE vesting_payments SET amount = 1 WHERE line_id = ${lineId}`)),
    ).toMatch(/vesting_payments is append-only/);
    expect(await refusedBy(h.db.execute(sql`DELETE FROM vesting_payments WHERE line_id = ${lineId}`))).toMatch(
      /vesting_payments is append-only/,
    );
    await expect(
      h.db.insert(vestingPayments).values({
        lineId,
        vestingBatchId: batchId,
        amount: "5.00",
        paidOn: "2023-12-06",
        transactionId: "TX-1",
        source: "statement",
      }),
    ).rejects.toThrow();
    const [{ n }] = (await rows<{ n: number }>(
      h,
      sql`SELECT count(*)::int AS n FROM vesting_payments WHERE line_id = ${lineId}`,
    )) as [{ n: number }];
    expect(n).toBe(1);
  });
});
