import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { vestingBatches, vestingBatchLines, vestingPayments } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { paymentsDueOf } from "@/lib/features/vesting-batches/paymentsDue";
import { personVestingBatches } from "@/lib/features/vesting-batches/personBatches";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/**
 * The grantee home's "payment due" card reads its own statement (the person's lines and payments only); its
 * figures must be those the /vesting page shows (personVestingBatches), and only for batches in payment_open.
 */
describe.each(BACKENDS)("the grantee's open payments on %s", (kind) => {
  let h: DatabaseHandle;
  let planId: string;
  let a: { grant_id: string; person_id: string };
  let b: { grant_id: string; person_id: string };
  let openBatch: string;

  const batch = async (batchNo: number, status: "payment_open" | "registered" | "payment_closed", deadline: string) =>
    (
      await h.db
        .insert(vestingBatches)
        .values({
          planId,
          batchNo,
          status,
          registrationDate: "2026-12-18",
          paymentStart: "2026-11-20",
          paymentDeadline: deadline,
          payeeName: "演示科技股份有限公司",
          payeeBank: "招商银行上海分行",
          payeeAccount: "1219 0000 0000 001",
          referenceTemplate: "VD{batchNo}-{employeeNo}",
          listingDate: status === "registered" ? "2026-12-22" : null,
        })
        .returning({ id: vestingBatches.id })
    )[0]!.id;

  const line = async (batchId: string, who: typeof a, trancheIndex: number, shares: number, amountDue: string) =>
    (
      await h.db
        .insert(vestingBatchLines)
        .values({
          vestingBatchId: batchId,
          grantId: who.grant_id,
          personId: who.person_id,
          trancheIndex,
          shares,
          adjustedPrice: "19.6800",
          amountDue,
          reference: `VD-${who.person_id.slice(0, 8)}`,
        })
        .returning({ id: vestingBatchLines.id })
    )[0]!.id;

  const pay = (batchId: string, lineId: string, amount: string, transactionId: string) =>
    h.db
      .insert(vestingPayments)
      .values({ lineId, vestingBatchId: batchId, amount, paidOn: "2026-11-21", transactionId, source: "manual" });

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    // People with no batch line yet (the demo seeds a batch of its own, db/seed/seedVestingBatch.ts).
    const people = await rows<{ grant_id: string; person_id: string; plan_id: string }>(
      h,
      sql`SELECT DISTINCT ON (g.person_id) g.id AS grant_id, g.person_id, g.plan_id FROM grants g JOIN plans p ON p.id = g.plan_id
           WHERE p.name_en LIKE '2022%' AND NOT EXISTS (SELECT 1 FROM vesting_batch_lines l WHERE l.person_id = g.person_id)
           ORDER BY g.person_id, g.id LIMIT 3`,
    );
    expect(people.length).toBeGreaterThanOrEqual(2);
    [a, b] = [people[0]!, people[1]!];
    planId = people[0]!.plan_id;

    openBatch = await batch(97, "payment_open", "2026-11-27");
    const a1 = await line(openBatch, a, 1, 3000, "59040.00");
    const a2 = await line(openBatch, a, 2, 1000, "19680.00");
    const b1 = await line(openBatch, b, 1, 100, "1968.00");
    await pay(openBatch, a1, "50000.00", "TX-A1");
    await pay(openBatch, a1, "-1000.00", "TX-A1-CORR");
    await pay(openBatch, a2, "500.00", "TX-A2");
    await pay(openBatch, b1, "2000.00", "TX-B1");

    const registered = await batch(98, "registered", "2026-11-10");
    await line(registered, a, 3, 500, "9840.00");
  });
  afterAll(async () => h?.close());

  it("sums the person's own lines and payments of each open batch, as the vesting page does", async () => {
    const due = await paymentsDueOf(h.db, a.person_id);
    expect(due).toEqual([
      {
        batchId: openBatch,
        batchNo: 97,
        planName: expect.any(String),
        planNameEn: expect.stringMatching(/^2022/),
        paymentDeadline: "2026-11-27",
        shares: 4000,
        amountDue: "78720.00",
        paid: "49500.00",
        outstanding: "29220.00",
      },
    ]);
    const page = (await personVestingBatches(h.db, a.person_id, AS_OF)).filter((x) => x.status === "payment_open");
    expect(page).toHaveLength(1);
    expect(page[0]).toMatchObject({
      id: due[0]!.batchId,
      batchNo: due[0]!.batchNo,
      planName: due[0]!.planName,
      paymentDeadline: due[0]!.paymentDeadline,
      shares: due[0]!.shares,
      amountDue: due[0]!.amountDue,
      paid: due[0]!.paid,
      outstanding: due[0]!.outstanding,
    });
  });

  it("never goes below zero for an overpayment, and reads no one else's lines", async () => {
    const due = await paymentsDueOf(h.db, b.person_id);
    expect(due).toHaveLength(1);
    expect(due[0]).toMatchObject({ shares: 100, amountDue: "1968.00", paid: "2000.00", outstanding: "0.00" });
    const page = (await personVestingBatches(h.db, b.person_id, AS_OF))[0]!;
    expect(page).toMatchObject({ amountDue: "1968.00", paid: "2000.00", outstanding: "0.00" });
  });

  it("lists only batches whose payment is open, and nothing for a person without lines", async () => {
    const [other] = await rows<{ id: string }>(
      h,
      sql`SELECT id FROM persons p WHERE NOT EXISTS (SELECT 1 FROM vesting_batch_lines l WHERE l.person_id = p.id) ORDER BY id LIMIT 1`,
    );
    expect(await paymentsDueOf(h.db, other!.id)).toEqual([]);
    await h.db.execute(sql`UPDATE vesting_batches SET status = 'payment_closed' WHERE id = ${openBatch}`);
    expect(await paymentsDueOf(h.db, a.person_id)).toEqual([]);
    await h.db.execute(sql`UPDATE vesting_batches SET status = 'payment_open' WHERE id = ${openBatch}`);
    expect(await paymentsDueOf(h.db, a.person_id)).toHaveLength(1);
  });
});
