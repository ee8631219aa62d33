import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import Decimal from "decimal.js";
import type { DatabaseHandle } from "@/db/client";
import { participantCategories, persons, plans, users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { confirmVestingRun } from "@/lib/features/vesting/vestingRun";
import { reverseVestingRun } from "@/lib/features/vesting/vestingRunReversal";
import { enterClosingPrice } from "@/lib/features/tax/closingPriceCommands";
import { setTaxProfile } from "@/lib/features/tax/taxProfiles";
import { createVestingBatch } from "@/lib/features/vesting-batches/createBatch";
import { confirmBatchConditions } from "@/lib/features/vesting-batches/confirmConditions";
import { openBatchPayment } from "@/lib/features/vesting-batches/openPayment";
import { recordBatchPayment } from "@/lib/features/vesting-batches/recordPayment";
import { importStatement } from "@/lib/features/vesting-batches/statementImport";
import { closeBatchPayment, closeOverduePayments } from "@/lib/features/vesting-batches/closePayment";
import { registerBatch } from "@/lib/features/vesting-batches/registerBatch";
import { announceBatch } from "@/lib/features/vesting-batches/announceBatch";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";
import { directorTransfers } from "@/lib/features/vesting-batches/directorTransfers";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import type { CreateVestingBatchInput } from "@/lib/features/vesting-batches/schemas";
import type { VestingBatchLineDto } from "@/lib/features/vesting-batches/batchDto";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { startSmtpServer } from "./support/smtpServer";
import { sendPendingMail } from "@/lib/platform/mail/outboxSender";
import { createSmtpTransport } from "@/lib/platform/mail/smtpTransport";
import { refusal } from "./support/refusal";

const REGISTRATION = "2026-06-01"; // a Monday inside tranche 3's window (2025-12-05 … 2026-12-04), no blackout
const CLOSE = "45.60";

/** The annual comprehensive-income table (财税〔2018〕164号 附件), written out again so the test checks the engine. */
function taxOn(income: Decimal): Decimal {
  const table: [number, number, number][] = [
    [36_000, 0.03, 0],
    [144_000, 0.1, 2_520],
    [300_000, 0.2, 16_920],
    [420_000, 0.25, 31_920],
    [660_000, 0.3, 52_920],
    [960_000, 0.35, 85_920],
    [Infinity, 0.45, 181_920],
  ];
  const [, rate, deduction] = table.find(([upTo]) => income.lte(upTo))!;
  return income.times(rate).minus(deduction).toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

// One vesting batch of the demo's 2022 plan (category 1, tranche 3) walked through every step with the real
// commands on a moving "today": refusals write nothing; payments by hand and from a statement; lapse at the deadline.
describe.each(BACKENDS)("a vesting batch from draft to announcement on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let planId: string;
  let category1: string;
  let batchId: string;
  let runId: string;
  let grantees: string[];
  let lines: VestingBatchLineDto[];
  const previousToday = process.env.VD_TODAY;
  const at = (day: string) => (process.env.VD_TODAY = day);
  const counts = async () =>
    (
      await rows<{ batches: number; lines: number; payments: number; audit: number; notices: number; mails: number }>(
        h,
        sql`SELECT (SELECT count(*)::int FROM vesting_batches) AS batches, (SELECT count(*)::int FROM vesting_batch_lines) AS lines,
          (SELECT count(*)::int FROM vesting_payments) AS payments, (SELECT count(*)::int FROM audit_log) AS audit,
          (SELECT count(*)::int FROM notifications) AS notices, (SELECT count(*)::int FROM email_outbox) AS mails`,
      )
    )[0]!;
  const draft = (over: Partial<CreateVestingBatchInput> = {}): CreateVestingBatchInput => ({
    periods: [{ batch: "first", categoryId: category1, trancheIndex: 3 }],
    registrationDate: REGISTRATION,
    paymentStart: "2026-05-18",
    paymentDeadline: "2026-05-27",
    payeeName: "演示科技股份有限公司",
    payeeBank: "招商银行上海分行",
    payeeAccount: "1219 0000 0000 001",
    referenceTemplate: "VD{batchNo}-{employeeNo}",
    shareSource: "new_issue",
    ...over,
  });
  const line = (employeeNo: string) => lines.find((l) => l.employeeNo === employeeNo)!;

  beforeAll(async () => {
    at("2026-05-15");
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, "2026-05-15");
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: null };
    planId = (await h.db.select({ id: plans.id, nameEn: plans.nameEn }).from(plans)).find((p) =>
      p.nameEn.startsWith("2022"),
    )!.id;
    category1 = (
      await h.db
        .select({ id: participantCategories.id })
        .from(participantCategories)
        .where(and(eq(participantCategories.planId, planId), eq(participantCategories.code, 1)))
    )[0]!.id;
    grantees = (
      await rows<{ employee_no: string }>(
        h,
        sql`SELECT p.employee_no FROM grants g JOIN persons p ON p.id = g.person_id JOIN grant_batches b ON b.id = g.batch_id
          WHERE b.plan_id = ${planId} AND b.batch = 'first' AND g.category_id = ${category1} AND p.leave_date IS NULL ORDER BY 1`,
      )
    ).map((r) => r.employee_no);
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("refuses a draft on a blackout day, with a deadline not before registration or a template naming nobody, writing nothing", async () => {
    const before = await counts();
    const blackout = await refusal(createVestingBatch(h.db, actor, planId, draft({ registrationDate: "2026-11-20" })));
    expect([blackout.status, blackout.code]).toEqual([422, "IN_BLACKOUT"]);
    const violations = (blackout.details as { violations: { code: string; details: { period?: unknown } }[] })
      .violations;
    expect(violations[0]!.details.period).toMatchObject({ categoryId: category1, trancheIndex: 3 });
    const late = await refusal(createVestingBatch(h.db, actor, planId, draft({ paymentDeadline: REGISTRATION })));
    expect(late.code).toBe("PAYMENT_AFTER_REGISTRATION");
    const template = await refusal(createVestingBatch(h.db, actor, planId, draft({ referenceTemplate: "VD-{name}" })));
    expect(template.code).toBe("REFERENCE_TEMPLATE_INVALID");
    expect(await counts()).toEqual(before);
  });

  it("opens a draft as batch 1; the same period cannot go into a second batch", async () => {
    const created = await createVestingBatch(h.db, actor, planId, draft());
    batchId = created.id;
    expect(created.batchNo).toBe(1);
    const batch = await getVestingBatch(h.db, batchId);
    expect(batch).toMatchObject({ status: "draft", registrationDate: REGISTRATION, lines: [] });
    expect(batch.periods).toEqual([
      expect.objectContaining({ categoryId: category1, trancheIndex: 3, vestingRunId: null }),
    ]);
    const taken = await refusal(createVestingBatch(h.db, actor, planId, draft()));
    expect([taken.status, taken.code]).toEqual([409, "VESTING_BATCH_PERIOD_TAKEN"]);
  });

  it("confirms the conditions only once the period's run is recorded on the registration date", async () => {
    const missing = await refusal(confirmBatchConditions(h.db, actor, batchId));
    expect(missing.code).toBe("VESTING_BATCH_RUN_MISSING");
    const run = await confirmVestingRun(h.db, actor, planId, {
      batch: "first",
      categoryId: category1,
      trancheIndex: 3,
      vestingDate: REGISTRATION,
      companyRatio: "1",
      fiscalYear: 2025,
      grades: grantees.map((employeeNo) => ({ employeeNo, grade: "A" })),
    });
    runId = run.runId;
    await confirmBatchConditions(h.db, actor, batchId);
    const batch = await getVestingBatch(h.db, batchId);
    lines = batch.lines;
    expect(batch.status).toBe("conditions_confirmed");
    expect(batch.periods[0]!.vestingRunId).toBe(runId);
    expect(lines.map((l) => l.employeeNo)).toEqual(grantees);
    for (const l of lines) {
      expect(l.shares).toBe(run.rows.find((r) => r.employeeNo === l.employeeNo)!.vested);
      expect(l.amountDue).toBe(new Decimal(l.adjustedPrice).times(l.shares).toFixed(2));
      expect(l.reference).toBe(`VD1-${l.employeeNo}`);
    }
    expect(batch.totals.amountDue).toBe(lines.reduce((s, l) => s.plus(l.amountDue), new Decimal(0)).toFixed(2));
    const again = await refusal(confirmBatchConditions(h.db, actor, batchId));
    expect([again.status, again.code]).toEqual([409, "VESTING_BATCH_STATUS"]);
  });

  it("keeps the run: it can no longer be reversed", async () => {
    const e = await refusal(reverseVestingRun(h.db, actor, runId, { reason: "wrong grades" }));
    expect([e.status, e.code]).toEqual([409, "VESTING_RUN_IN_BATCH"]);
  });

  it("opens the payment: one notice and one e-mail per grantee with an account, with the amount and reference", async () => {
    const before = await counts();
    await openBatchPayment(h.db, actor, batchId);
    const withUsers = await rows<{ person_id: string; email: string }>(
      h,
      sql`SELECT u.person_id, u.email FROM users u JOIN vesting_batch_lines l ON l.person_id = u.person_id WHERE l.vesting_batch_id = ${batchId} AND NOT u.disabled`,
    );
    const after = await counts();
    expect(after.notices - before.notices).toBe(withUsers.length);
    expect(after.mails - before.mails).toBe(withUsers.length);
    expect(withUsers.length).toBeGreaterThan(0);
    // The outbox delivers them through a real SMTP server: what to pay, to which account, with which reference, by when.
    const smtp = await startSmtpServer();
    try {
      await sendPendingMail(h.db, createSmtpTransport(`smtp://127.0.0.1:${smtp.port}`));
      for (const u of withUsers) {
        const mine = lines.find((l) => l.personId === u.person_id)!;
        const mail = smtp.received.find((m) => m.to.includes(u.email) && m.subject.includes("归属缴款通知"))!;
        expect(mail.subject).toBe("归属缴款通知 / Payment due for vesting batch 1");
        for (const text of [mine.amountDue, mine.reference, "1219 0000 0000 001", "2026-05-27", "招商银行上海分行"])
          expect(mail.text).toContain(text);
      }
    } finally {
      await smtp.close();
    }
    expect((await getVestingBatch(h.db, batchId)).status).toBe("payment_open");
  });

  it("records payments by hand with the statement's rules: not in the future, after the deadline, twice or above the amount due", async () => {
    at("2026-05-20");
    const [a] = grantees;
    const full = line(a!);
    const before = await counts();
    const future = await refusal(
      recordBatchPayment(h.db, actor, batchId, { employeeNo: a!, amount: full.amountDue, paidOn: "2026-05-21" }),
    );
    expect(future.code).toBe("PAYMENT_IN_FUTURE");
    const over = await refusal(
      recordBatchPayment(h.db, actor, batchId, {
        employeeNo: a!,
        amount: new Decimal(full.amountDue).plus("0.01").toFixed(2),
        paidOn: "2026-05-20",
      }),
    );
    expect(over.code).toBe("PAYMENT_OVERPAID");
    const stranger = await refusal(
      recordBatchPayment(h.db, actor, batchId, { employeeNo: "E99999", amount: "1.00", paidOn: "2026-05-20" }),
    );
    expect(stranger.code).toBe("PAYMENT_NOT_FOUND_LINE");
    expect(await counts()).toEqual(before);

    const paid = await recordBatchPayment(h.db, actor, batchId, {
      employeeNo: a!,
      amount: full.amountDue,
      paidOn: "2026-05-20",
      transactionId: "T-0001",
    });
    expect(paid.paid).toBe(full.amountDue);
    const twice = await refusal(
      recordBatchPayment(h.db, actor, batchId, {
        employeeNo: a!,
        amount: "1.00",
        paidOn: "2026-05-20",
        transactionId: "T-0001",
      }),
    );
    expect(twice.code).toBe("PAYMENT_DUPLICATE_ROW");
    const below = await refusal(
      recordBatchPayment(h.db, actor, batchId, {
        employeeNo: a!,
        amount: new Decimal(full.amountDue).plus(1).negated().toFixed(2),
        paidOn: "2026-05-20",
      }),
    );
    expect(below.code).toBe("PAYMENT_NEGATIVE_TOTAL");
  });

  it("previews a statement with a duplicate row, an unknown reference and an over-payment; apply records nothing", async () => {
    const [, b, c] = grantees;
    const partial = line(b!);
    const csv = [
      "交易日期,贷方金额,附言,流水号",
      `2026-05-19,"30,000.00",网银转账 VD1-${b},S-1`,
      `2026-05-19,"30,000.00",网银转账 VD1-${b},S-1`,
      "2026-05-19,500.00,VD1-E99999,S-2",
      `2026/05/20,${new Decimal(line(c!).amountDue).plus(100).toFixed(2)},VD1-${c},S-3`,
      "2026-05-20,,借方支出,S-4",
    ].join("\r\n");
    const before = await counts();
    const preview = await importStatement(h.db, actor, batchId, {
      fileName: "招行流水.csv",
      content: csv,
      format: "csv",
    });
    expect(preview.applied).toBe(false);
    expect(preview.rows).toHaveLength(4); // the debit row has no credit amount
    expect(preview.errors.map((e) => [e.line, e.code])).toEqual([
      [3, "PAYMENT_DUPLICATE_ROW"],
      [4, "PAYMENT_UNKNOWN_REFERENCE"],
      [5, "PAYMENT_OVERPAID"],
    ]);
    expect(preview.rows[0]).toMatchObject({ employeeNo: b, matched: true, amount: "30000.00" });
    const applied = await refusal(
      importStatement(h.db, actor, batchId, { fileName: "招行流水.csv", content: csv, format: "csv", apply: true }),
    );
    expect([applied.status, applied.code]).toEqual([422, "PAYMENT_DUPLICATE_ROW"]);
    expect((applied.details as { violations: unknown[] }).violations).toHaveLength(3);
    expect(await counts()).toEqual(before);

    const clean = ["交易日期,贷方金额,附言,流水号", `20260519,"30,000.00",网银转账 VD1-${b},S-1`].join("\n");
    const done = await importStatement(h.db, actor, batchId, {
      fileName: "招行流水-修正.csv",
      content: clean,
      format: "csv",
      apply: true,
    });
    expect(done).toMatchObject({ applied: true, errors: [], matched: { rows: 1, amount: "30000.00" } });
    const after = await counts();
    expect([after.payments - before.payments, after.audit - before.audit]).toEqual([1, 1]);
    expect((await getVestingBatch(h.db, batchId)).lines.find((l) => l.employeeNo === b)!.paid).toBe("30000.00");
    expect(partial.shares).toBeGreaterThan(Math.floor(30_000 / Number(partial.adjustedPrice)));
  });

  it("closes at the deadline: paid shares vest, the partial payer's rest and the unpaid lapse as waived", async () => {
    const early = await refusal(closeBatchPayment(h.db, actor, batchId));
    expect(early.code).toBe("PAYMENT_DEADLINE_NOT_REACHED");
    at("2026-05-27");
    expect(await closeOverduePayments(h.db, "2026-05-27")).toBe(0); // the deadline day itself still takes payments
    at("2026-05-28");
    expect(await closeOverduePayments(h.db, "2026-05-28")).toBe(1);
    const batch = await getVestingBatch(h.db, batchId);
    expect(batch.status).toBe("payment_closed");
    const [a, b, c] = grantees;
    const price = new Decimal(line(b!).adjustedPrice);
    const partialShares = new Decimal(30_000).div(price).floor().toNumber();
    const closed = (n: string) => batch.lines.find((l) => l.employeeNo === n)!;
    expect(closed(a!)).toMatchObject({ paidShares: line(a!).shares, waivedShares: 0, refund: "0.00" });
    expect(closed(b!)).toMatchObject({
      paidShares: partialShares,
      waivedShares: line(b!).shares - partialShares,
      refund: new Decimal(30_000).minus(price.times(partialShares)).toFixed(2),
    });
    expect(closed(c!)).toMatchObject({ paidShares: 0, waivedShares: line(c!).shares, refund: "0.00" });
    expect(batch.totals.paidShares! + batch.totals.waivedShares!).toBe(batch.totals.shares);
  });

  it("from the registration date the tranches show the paid shares vested and the rest lapsed as waived", async () => {
    at(REGISTRATION);
    await h.db.transaction((tx) => rederivePlan(tx, planId)); // what the day's first request does
    const batch = await getVestingBatch(h.db, batchId);
    const [a, b, c] = grantees;
    const closed = (n: string) => batch.lines.find((l) => l.employeeNo === n)!;
    const partialShares = closed(b!).paidShares!;
    const tranche = async (n: string) =>
      (
        await rows<{ vested: string; lapsed: string; reason: string | null }>(
          h,
          sql`SELECT t.vested_quantity::text AS vested, t.lapsed_quantity::text AS lapsed, t.lapse_reason AS reason FROM tranches t JOIN grants g ON g.id = t.grant_id JOIN persons p ON p.id = g.person_id
            WHERE g.id = ${closed(n).grantId} AND t.tranche_index = 3 AND p.employee_no = ${n}`,
        )
      )[0]!;
    expect(await tranche(a!)).toMatchObject({ vested: String(line(a!).shares), lapsed: "0", reason: null });
    expect(await tranche(b!)).toMatchObject({ vested: String(partialShares), reason: "waived" });
    expect(await tranche(c!)).toMatchObject({ vested: "0", lapsed: String(line(c!).shares), reason: "waived" });
  });

  it("registers only with a trading-day listing date and the registration day's closing price; tax per line, a non-resident not computed", async () => {
    at("2026-06-02");
    const noPrice = await refusal(registerBatch(h.db, actor, batchId, { listingDate: "2026-06-03" }));
    expect(noPrice.code).toBe("CLOSING_PRICE_MISSING");
    await enterClosingPrice(h.db, actor, null, { tradeDate: REGISTRATION, close: CLOSE });
    const weekend = await refusal(registerBatch(h.db, actor, batchId, { listingDate: "2026-06-06" }));
    expect(weekend.code).toBe("LISTING_DATE_INVALID");
    const [a, b] = grantees;
    const [bPerson] = await h.db.select({ id: persons.id }).from(persons).where(eq(persons.employeeNo, b!));
    await setTaxProfile(h.db, actor, bPerson!.id, { resident: false, note: "外籍，非居民个人" });

    await registerBatch(h.db, actor, batchId, { listingDate: "2026-06-03" });
    const batch = await getVestingBatch(h.db, batchId);
    expect(batch).toMatchObject({ status: "registered", listingDate: "2026-06-03" });
    const full = batch.lines.find((l) => l.employeeNo === a)!;
    const income = new Decimal(CLOSE).minus(full.adjustedPrice).times(full.paidShares!);
    expect(full).toMatchObject({
      closingPrice: CLOSE,
      taxableIncome: income.toFixed(2),
      tax: taxOn(income).toFixed(2),
      taxStatus: "computed",
      yearToDateIncome: income.toFixed(2),
    });
    expect(batch.lines.find((l) => l.employeeNo === b)).toMatchObject({ taxStatus: "non_resident", tax: null });
    const unpaid = batch.lines.find((l) => l.paidShares === 0)!;
    expect(unpaid).toMatchObject({ taxableIncome: "0.00", tax: "0.00" });
    expect(batch.totals.tax).toBe(batch.lines.reduce((s, l) => s.plus(l.tax ?? 0), new Decimal(0)).toFixed(2));

    await announceBatch(h.db, actor, batchId);
    const actions = await rows<{ action: string }>(
      h,
      sql`SELECT action FROM audit_log WHERE entity_type = 'vesting_batch' AND entity_id = ${batchId} ORDER BY id`,
    );
    expect(actions.map((r) => r.action)).toEqual([
      "vesting_batch.create",
      "vesting_batch.confirm_conditions",
      "vesting_batch.open_payment",
      "vesting_payment.record",
      "vesting_payment.import",
      "vesting_batch.close_payment",
      "vesting_batch.register",
      "vesting_batch.announce",
    ]);
  });

  it("gives a director the year's sale allowance from the registered shares: a quarter, from the listing date", async () => {
    const [a, b] = grantees;
    await h.db.update(persons).set({ isDirector: true }).where(eq(persons.employeeNo, a!));
    try {
      const shares = (await getVestingBatch(h.db, batchId)).lines.find((l) => l.employeeNo === a)!.paidShares!;
      const [officer, ...others] = await directorTransfers(h.db, batchId, "2026-06-02");
      expect(others).toEqual([]);
      expect(officer).toMatchObject({ employeeNo: a, isDirector: true });
      expect(officer!.allowance).toMatchObject({
        limited: true,
        tradableFrom: "2026-06-03",
        upToThisYear: shares <= 1000 ? shares : Math.floor(shares / 4),
        shortSwingUntil: "2026-12-01",
      });
      expect((await directorTransfers(h.db, batchId, "2026-06-02")).map((d) => d.employeeNo)).not.toContain(b);
    } finally {
      await h.db.update(persons).set({ isDirector: false }).where(eq(persons.employeeNo, a!));
    }
  });

  it("combines a second vesting of the same year: the year-to-date income is taxed and the first vesting's tax deducted", async () => {
    // The demo's current plan has its reserved tranche 1 in a batch whose payment is open (seedVestingBatch);
    // E00100 is in it too. Paid in full, closed after its deadline, registered at 61.20.
    const [a] = grantees;
    const [second] = await rows<{ id: string; registration_date: string; payment_deadline: string }>(
      h,
      sql`SELECT id, registration_date::text, payment_deadline::text FROM vesting_batches WHERE id <> ${batchId}`,
    );
    const before = (await getVestingBatch(h.db, second!.id)).lines.find((l) => l.employeeNo === a)!;
    await recordBatchPayment(h.db, actor, second!.id, {
      employeeNo: a!,
      amount: before.amountDue,
      paidOn: "2026-06-02",
    });
    const dayAfter = new Date(`${second!.payment_deadline}T00:00:00Z`);
    dayAfter.setUTCDate(dayAfter.getUTCDate() + 1);
    at(dayAfter.toISOString().slice(0, 10));
    expect(await closeOverduePayments(h.db, process.env.VD_TODAY!)).toBe(1);
    at(second!.registration_date);
    await enterClosingPrice(h.db, actor, null, { tradeDate: second!.registration_date, close: "61.20" });
    await registerBatch(h.db, actor, second!.id, { listingDate: second!.registration_date });

    const first = (await getVestingBatch(h.db, batchId)).lines.find((l) => l.employeeNo === a)!;
    const line2 = (await getVestingBatch(h.db, second!.id)).lines.find((l) => l.employeeNo === a)!;
    const income1 = new Decimal(first.taxableIncome!);
    const income2 = new Decimal("61.20").minus(line2.adjustedPrice).times(line2.paidShares!);
    const ytd = income1.plus(income2);
    expect(line2).toMatchObject({
      paidShares: before.shares,
      taxableIncome: income2.toFixed(2),
      tax: taxOn(ytd).minus(first.tax!).toFixed(2),
      yearToDateIncome: ytd.toFixed(2),
      yearToDateTax: taxOn(ytd).toFixed(2),
      taxStatus: "computed",
    });
  });
});
