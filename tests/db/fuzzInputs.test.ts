/**
 * fast-check fuzzing of every write endpoint's body, through the same zod schema and server function
 * the route handler calls, against the seeded demo database: fully random JSON, and "almost valid"
 * bodies whose fields are each sometimes hostile or missing (so most runs reach the service and its
 * rules). Whatever happens must be a success or a refusal the API answers 4xx with a code: never an
 * error that would answer 500. Runs are bounded (numRuns per endpoint below), the seed is printed on
 * failure by fast-check.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";

// A fixed seed keeps CI reproducible; FC_SEED=random (or a number) explores further by hand.
if (process.env.FC_SEED !== "random") fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });
import { sql } from "drizzle-orm";
import { ZodError } from "zod";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { plans } from "@/db/schema";
import { validateCorporateAction } from "@/lib/domain/adjustments/corporateActions";
import { isRuleError } from "@/lib/domain/errors";
import { ApiError } from "@/lib/platform/errors/apiError";
import { adjustmentPreview } from "@/lib/features/corporate-actions/adjustmentPreview";
import { errorResponse } from "@/lib/platform/http/apiResponse";
import { corporateActionBody } from "@/lib/features/corporate-actions/queries";
import { objectionBody } from "@/lib/features/publicity/schemas";
import type { Actor } from "@/lib/auth/actor";
import { addClosures } from "@/lib/features/calendar/commands";
import { closuresBody } from "@/lib/features/calendar/schemas";
import { compensateCorporateAction, recordCorporateAction } from "@/lib/features/corporate-actions/commands";
import { compensateRequestBody, recordActionBody } from "@/lib/features/corporate-actions/schemas";
import { createDisclosure, deleteDisclosure, updateDisclosure } from "@/lib/features/disclosures/commands";
import { disclosureBody, disclosurePatch } from "@/lib/features/disclosures/schemas";
import { grantAwards } from "@/lib/features/grants/commands";
import { grantAwardsSchema } from "@/lib/features/grants/schemas";
import { recordLeaver } from "@/lib/features/persons/commands";
import { recordLeaverSchema } from "@/lib/features/persons/schemas";
import {
  applyParticipants,
  participantsBodySchema,
  previewParticipants,
  rowsFromJson,
} from "@/lib/features/participants/participantImport";
import { advancePlanStatus, createPlan, planInputSchema, updatePlan } from "@/lib/features/plans/commands";
import { advanceStatusSchema, PLAN_STATUSES } from "@/lib/features/plans/schemas";
import { answerObjection, closePublicityPeriod, openPublicityPeriod } from "@/lib/features/publicity/commands";
import { answerObjectionBody, closePublicityBody, openPublicityBody } from "@/lib/features/publicity/schemas";
import { recordVerification, recordVerificationBody } from "@/lib/features/publicity/verification";
import { confirmVestingRun, previewVestingRun } from "@/lib/features/vesting/vestingRun";
import { vestingRunSchema } from "@/lib/features/vesting/schemas";
import { createVestingBatch } from "@/lib/features/vesting-batches/createBatch";
import { recordBatchPayment } from "@/lib/features/vesting-batches/recordPayment";
import { importStatement } from "@/lib/features/vesting-batches/statementImport";
import { createVestingBatchBody, recordPaymentBody, statementImportBody } from "@/lib/features/vesting-batches/schemas";
import { enterClosingPrice } from "@/lib/features/tax/closingPriceCommands";
import { setTaxProfile } from "@/lib/features/tax/taxProfiles";
import { closingPriceBody, closingPriceParams, taxProfileInput } from "@/lib/features/tax/schemas";
import {
  almostValid,
  anyJson,
  decimalText,
  hostileString,
  overTheWire,
  priceText,
  someId,
  someText,
  validIsoDate,
} from "../support/fuzzValues";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

/**
 * Runs a call as its route would. A failure must be a refusal the code made on purpose (ApiError,
 * ZodError or RuleError, answered 4xx with a code); a database error that the 400 safety net in
 * errorResponse would catch still fails the test, since a schema should have refused the value.
 */
async function expectRefusalOrSuccess(run: () => Promise<unknown>, tally: Map<string, number>): Promise<void> {
  const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);
  try {
    await run();
    count("success");
  } catch (e) {
    count(e instanceof ZodError ? "schema" : e instanceof ApiError ? e.code : isRuleError(e) ? e.code : "other");
    const deliberate = e instanceof ApiError || e instanceof ZodError || isRuleError(e);
    const res = errorResponse(e);
    if (!deliberate || res.status >= 500)
      throw new Error(`answered ${res.status}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`, {
        cause: e,
      });
    const body = (await res.json()) as { error: { code: string } };
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(body.error.code).toMatch(/^[A-Z0-9_]+$/);
  }
}

/** Random JSON now and then, an almost valid body mostly; as it arrives after JSON.parse. */
const body = (structured: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: anyJson, weight: 1 }, { arbitrary: structured, weight: 5 }).map(overTheWire);
const text = someText;

describe.each(BACKENDS)("write endpoints under fuzzing on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  const ids: Record<
    | "plans"
    | "categories"
    | "persons"
    | "versions"
    | "periods"
    | "objections"
    | "events"
    | "actions"
    | "batches"
    | "vestingBatches",
    string[]
  > = {
    plans: [],
    categories: [],
    persons: [],
    versions: [],
    periods: [],
    objections: [],
    events: [],
    actions: [],
    batches: [],
    vestingBatches: [],
  };
  let employeeNos: string[] = [];
  let payers: string[] = [];
  let names: string[] = [];
  const previousToday = process.env.VD_TODAY;

  const idsOf = async (query: ReturnType<typeof sql>) => (await rows<{ id: string }>(h, query)).map((r) => r.id);

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: "10.3.3.3" };
    // The 2026 plan approved by the general meeting: reserved grants can then get all the way to the insert.
    await h.db
      .update(plans)
      .set({ status: "approved_by_general_meeting" })
      .where(sql`${plans.nameEn} LIKE '2026%'`);
    // A draft plan too, which PATCH may change.
    const tranches = [{ index: 1, startMonths: 12, endMonths: 24, ratio: "1" }];
    await createPlan(
      h.db,
      actor,
      planInputSchema.parse({
        name: "草稿计划",
        nameEn: "Draft plan",
        totalQuantity: 1_000_000,
        firstGrantQuantity: 800_000,
        reservedQuantity: 200_000,
        shareCapitalAtAnnouncement: 461_000_000,
        validityMonths: 48,
        blackoutRule: { preset: "2024-05-24 rules" },
        categories: [{ code: 1, name: "第一类", nameEn: "Category 1", tranches }],
      }),
    );
    ids.plans = await idsOf(sql`SELECT id FROM plans`);
    ids.categories = await idsOf(sql`SELECT id FROM participant_categories`);
    ids.persons = await idsOf(sql`SELECT id FROM persons ORDER BY employee_no LIMIT 40`);
    ids.versions = await idsOf(sql`SELECT id FROM participant_list_versions`);
    ids.periods = await idsOf(sql`SELECT id FROM publicity_periods`);
    ids.objections = await idsOf(sql`SELECT id FROM objections`);
    ids.events = await idsOf(sql`SELECT id FROM disclosure_events`);
    ids.actions = await idsOf(sql`SELECT id FROM corporate_actions`);
    ids.batches = await idsOf(sql`SELECT id FROM grant_batches`);
    ids.vestingBatches = await idsOf(sql`SELECT id FROM vesting_batches`);
    payers = (
      await rows<{ employee_no: string }>(
        h,
        sql`SELECT DISTINCT p.employee_no FROM vesting_batch_lines l JOIN persons p ON p.id = l.person_id`,
      )
    ).map((r) => r.employee_no);
    const people = await rows<{ employee_no: string; name: string }>(
      h,
      sql`SELECT employee_no, name FROM persons ORDER BY employee_no`,
    );
    employeeNos = people.map((p) => p.employee_no);
    names = people.map((p) => p.name);
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  const planId = () => someId(ids.plans);
  /** Employee numbers with a line in the demo's vesting batch, so payments reach the rules. */
  const payer = () => fc.constantFrom(...payers);
  const employeeNo = () =>
    fc.oneof({ arbitrary: fc.constantFrom(...employeeNos), weight: 12 }, { arbitrary: hostileString, weight: 1 });
  /** Two dates in order (from, to), the second 0-400 days after the first. */
  const datePair = validIsoDate.chain((from) =>
    fc
      .integer({ min: 0, max: 400 })
      .map((days) => [from, new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10)] as const),
  );

  const tranches = fc
    .array(
      fc.tuple(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 36 }),
        fc.constantFrom("1", "0.5", "0.3333", "0.3334", "0.25", "0", "1.0000", "0.9999"),
      ),
      { minLength: 1, maxLength: 4 },
    )
    .map((list) =>
      list.map(([start, length, ratio], i) => ({ index: i + 1, startMonths: start, endMonths: start + length, ratio })),
    );
  const planBody = fc
    .tuple(
      almostValid({
        name: text(),
        nameEn: text(),
        announcementDate: validIsoDate,
        boardApprovalDate: validIsoDate,
        generalMeetingDate: validIsoDate,
        firstGrantQuantity: fc.integer({ min: 0, max: 200_000_000 }),
        reservedQuantity: fc.integer({ min: 0, max: 50_000_000 }),
        shareCapitalAtAnnouncement: fc.oneof(fc.constant(461_000_000), fc.integer({ min: 1, max: 10_000_000_000 })),
        validityMonths: fc.integer({ min: 1, max: 200 }),
        blackoutRule: fc.oneof(
          fc.constantFrom({ preset: "2024-05-24 rules" }, { preset: "2022 rules" }),
          almostValid({
            name: text(),
            annualDays: fc.integer({ min: 0, max: 365 }),
            quarterlyDays: fc.integer({ min: 0, max: 365 }),
          }),
        ),
        verifyingBody: fc.constantFrom("board_of_supervisors", "remuneration_committee"),
        gradeTable: fc.dictionary(
          fc.constantFrom("A", "B", "C", "D", "S", "优", " x "),
          fc.oneof(fc.constantFrom("1", "0.8", "0.5", "0"), decimalText),
          { maxKeys: 4 },
        ),
        categories: fc.array(
          almostValid({ code: fc.integer({ min: 1, max: 99 }), name: text(), nameEn: text(), tranches }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      fc.boolean(),
    )
    // Mostly total = first + reserve, so that the plan rules, not only the sum check, get exercised.
    .map(([b, consistent]) => ({
      ...b,
      totalQuantity: consistent ? Number(b.firstGrantQuantity ?? 0) + Number(b.reservedQuantity ?? 0) : 1_000_000,
    }));

  // Arbitraries are built when a test runs: they draw from ids the seed creates in beforeAll.
  const cases: {
    name: string;
    runs: number;
    arb: () => fc.Arbitrary<unknown[]>;
    run: (...args: unknown[]) => Promise<unknown>;
  }[] = [
    {
      name: "POST /plans",
      runs: 120,
      arb: () => fc.tuple(body(planBody)),
      run: (b) => createPlan(h.db, actor, planInputSchema.parse(b)),
    },
    {
      name: "PATCH /plans/{id}",
      runs: 80,
      arb: () => fc.tuple(planId(), body(planBody)),
      run: (id, b) => updatePlan(h.db, actor, id as string, planInputSchema.parse(b)),
    },
    {
      name: "POST /plans/{id}/status",
      runs: 80,
      arb: () => fc.tuple(planId(), body(almostValid({ to: fc.constantFrom(...PLAN_STATUSES) }))),
      run: (id, b) => advancePlanStatus(h.db, actor, id as string, advanceStatusSchema.parse(b).to),
    },
    {
      name: "POST /plans/{id}/grants",
      runs: 120,
      arb: () =>
        fc.tuple(
          planId(),
          body(
            almostValid({
              batch: fc.constantFrom("first", "reserved"),
              grantDate: validIsoDate,
              grantPrice: priceText,
              boardResolutionDate: validIsoDate,
              items: fc.array(
                almostValid({
                  employeeNo: employeeNo(),
                  categoryId: someId(ids.categories),
                  quantity: fc.integer({ min: 1, max: 10_000_000 }),
                }),
                { minLength: 1, maxLength: 4 },
              ),
            }),
          ),
        ),
      run: (id, b) => grantAwards(h.db, actor, id as string, grantAwardsSchema.parse(b)),
    },
    {
      name: "POST /plans/{id}/participants (JSON)",
      runs: 150,
      arb: () =>
        fc.tuple(
          planId(),
          body(
            almostValid({
              rows: fc.array(
                almostValid({
                  employeeNo: employeeNo(),
                  name: fc.oneof(
                    { arbitrary: fc.constantFrom(...names), weight: 8 },
                    { arbitrary: hostileString, weight: 1 },
                  ),
                  nationality: text(10),
                  position: text(20),
                  categoryId: fc.oneof(
                    fc.integer({ min: 0, max: 3 }),
                    someId(ids.categories),
                    fc.constantFrom("1", "２", "1.0"),
                  ),
                  quantity: fc.oneof(
                    fc.integer({ min: -5, max: 6_000_000 }),
                    fc.constantFrom("1,000", "1000.0", "1e3", "１０００", "0", "-1"),
                  ),
                  idNumber: text(20),
                }),
                { maxLength: 6 },
              ),
              dryRun: fc.boolean(),
              batch: fc.constantFrom("first", "reserved"),
              sourceFileName: text(40),
            }),
          ),
        ),
      run: async (id, b) => {
        const parsed = participantsBodySchema.parse(b);
        const list = rowsFromJson(parsed.rows);
        return parsed.dryRun
          ? previewParticipants(h.db, id as string, parsed.batch ?? "first", list)
          : applyParticipants(h.db, actor, id as string, parsed.batch ?? "first", list, parsed.sourceFileName);
      },
    },
    {
      name: "POST /persons/{id}/leave",
      runs: 30,
      arb: () =>
        fc.tuple(
          someId(ids.persons),
          body(almostValid({ leaveDate: validIsoDate, reason: fc.constantFrom("resignation", "retirement", "other") })),
        ),
      run: (id, b) => recordLeaver(h.db, actor, id as string, recordLeaverSchema.parse(b)),
    },
    {
      name: "POST /plans/{id}/vesting-runs",
      runs: 100,
      arb: () =>
        fc.tuple(
          planId(),
          body(
            almostValid({
              batch: fc.oneof(fc.constantFrom("first", "reserved"), someId(ids.batches)),
              categoryId: someId(ids.categories),
              trancheIndex: fc.integer({ min: 1, max: 5 }),
              vestingDate: validIsoDate,
              // A company-level ratio is 0..1 with at most 4 decimals; other decimals must be refused.
              companyRatio: fc.oneof(
                fc.integer({ min: 0, max: 10_000 }).map((n) => String(n / 10_000)),
                decimalText,
              ),
              fiscalYear: fc.integer({ min: 2000, max: 2100 }),
              grades: fc.array(
                almostValid({ employeeNo: employeeNo(), grade: fc.constantFrom("A", "B", "C", "D", "S", "a", "优秀") }),
                { maxLength: 5 },
              ),
              confirm: fc.boolean(),
            }),
          ),
        ),
      run: (id, b) => {
        const input = vestingRunSchema.parse(b);
        const confirm = (b as { confirm?: unknown }).confirm === true;
        return confirm
          ? confirmVestingRun(h.db, actor, id as string, input)
          : previewVestingRun(h.db, id as string, input);
      },
    },
    {
      name: "POST /corporate-actions/preview and POST /corporate-actions",
      runs: 60,
      arb: () =>
        fc.tuple(
          body(
            almostValid({
              type: fc.constantFrom(
                "capitalisation",
                "bonus",
                "split",
                "rights",
                "consolidation",
                "dividend",
                "dividend_bonus",
                "issuance",
              ),
              exDate: validIsoDate,
              n: decimalText,
              v: decimalText,
              p1: decimalText,
              p2: decimalText,
              confirm: fc.boolean(),
              description: fc.string({ maxLength: 20 }),
            }),
          ),
        ),
      run: async (b) => {
        const preview = corporateActionBody.parse(b);
        const action = {
          type: preview.type,
          exDate: preview.exDate,
          n: preview.n,
          v: preview.v,
          p1: preview.p1,
          p2: preview.p2,
        };
        validateCorporateAction(action);
        await adjustmentPreview(h.db, action);
        return recordCorporateAction(h.db, actor, recordActionBody.parse(b));
      },
    },
    {
      name: "POST /corporate-actions/{id}/compensate",
      runs: 40,
      arb: () => fc.tuple(someId(ids.actions), body(almostValid({ description: fc.string({ maxLength: 20 }) }))),
      run: (id, b) => compensateCorporateAction(h.db, actor, id as string, compensateRequestBody.parse(b).description),
    },
    {
      name: "POST, PATCH and DELETE /disclosures",
      runs: 120,
      arb: () =>
        fc.tuple(
          someId(ids.events),
          body(
            almostValid({
              kind: fc.constantFrom(
                "annual_report",
                "semi_annual_report",
                "q1_report",
                "q3_report",
                "performance_forecast",
                "performance_express",
                "major_event",
                "exchange_window",
              ),
              title: text(),
              titleEn: text(),
              fiscalYear: fc.integer({ min: 2000, max: 2100 }),
              scheduledDate: validIsoDate,
              actualDate: validIsoDate,
              startDate: validIsoDate,
              endDate: validIsoDate,
              planId: fc.option(someId(ids.plans)),
              note: fc.string({ maxLength: 20 }),
            }),
          ),
          fc.constantFrom("create", "update", "delete"),
        ),
      run: (id, b, op) =>
        op === "create"
          ? createDisclosure(h.db, actor, disclosureBody.parse(b))
          : op === "update"
            ? updateDisclosure(h.db, actor, id as string, disclosurePatch.parse(b))
            : deleteDisclosure(h.db, actor, id as string),
    },
    {
      name: "PATCH /objections/{id}",
      runs: 60,
      arb: () =>
        fc.tuple(
          someId(ids.objections),
          body(almostValid({ status: fc.constantFrom("answered", "upheld"), response: text(50) })),
        ),
      run: (id, b) => answerObjection(h.db, actor, id as string, answerObjectionBody.parse(b)),
    },
    {
      name: "POST /publicity-periods/{id}/objections (body only: filing needs a session)",
      runs: 100,
      arb: () => fc.tuple(body(almostValid({ text: text(60) }))),
      run: async (b) => objectionBody.parse(b),
    },
    {
      name: "POST /plans/{id}/publicity-periods and /publicity-periods/{id}/close",
      runs: 80,
      arb: () =>
        fc.tuple(
          planId(),
          someId(ids.periods),
          fc
            .tuple(datePair, almostValid({ listVersionId: someId(ids.versions), channel: text(), summary: text(50) }))
            .map(([[startDate, endDate], rest]) => overTheWire({ startDate, endDate, ...rest })),
          fc.boolean(),
        ),
      run: (plan, period, b, close) =>
        close
          ? closePublicityPeriod(h.db, actor, period as string, closePublicityBody.parse(b))
          : openPublicityPeriod(h.db, actor, plan as string, openPublicityBody.parse(b)),
    },
    {
      name: "POST /plans/{id}/verifications",
      runs: 80,
      arb: () =>
        fc.tuple(
          planId(),
          fc
            .tuple(
              datePair,
              validIsoDate,
              almostValid({
                body: fc.constantFrom("board_of_supervisors", "remuneration_committee"),
                members: text(),
                opinion: text(80),
                listVersionId: someId(ids.versions),
                attachment: almostValid({ name: text(), base64: fc.base64String({ maxLength: 40 }) }),
              }),
            )
            .map(([[opinionDate, disclosureDate], generalMeetingDate, rest]) =>
              overTheWire({ opinionDate, disclosureDate, generalMeetingDate, ...rest }),
            ),
        ),
      run: (id, b) => recordVerification(h.db, actor, id as string, recordVerificationBody.parse(b)),
    },
    {
      name: "POST /plans/{id}/vesting-batches",
      runs: 80,
      arb: () =>
        fc.tuple(
          planId(),
          fc.tuple(datePair, validIsoDate).chain(([[paymentStart, paymentDeadline], registrationDate]) =>
            body(
              almostValid({
                periods: fc.array(
                  almostValid({
                    batch: fc.oneof(fc.constantFrom("first", "reserved"), someId(ids.batches)),
                    categoryId: someId(ids.categories),
                    trancheIndex: fc.integer({ min: 1, max: 4 }),
                  }),
                  { minLength: 1, maxLength: 3 },
                ),
                registrationDate: fc.constant(registrationDate),
                paymentStart: fc.constant(paymentStart),
                paymentDeadline: fc.constant(paymentDeadline),
                payeeName: text(),
                payeeBank: text(),
                payeeAccount: fc.oneof(fc.constant("1219 0866 1010 888"), fc.stringMatching(/^[0-9 -]{8,24}$/)),
                referenceTemplate: fc.constantFrom("VD{batchNo}-{employeeNo}", "{employeeNo}", "{name}", "{bad}"),
                shareSource: fc.constantFrom("new_issue", "buyback"),
              }),
            ),
          ),
        ),
      run: (id, b) => createVestingBatch(h.db, actor, id as string, createVestingBatchBody.parse(b)),
    },
    {
      name: "POST /vesting-batches/{id}/payments",
      runs: 80,
      arb: () =>
        fc.tuple(
          someId(ids.vestingBatches),
          body(
            almostValid({
              employeeNo: fc.oneof({ arbitrary: payer(), weight: 4 }, { arbitrary: employeeNo(), weight: 1 }),
              amount: fc.oneof(
                decimalText,
                priceText,
                decimalText.map((d) => `-${d}`),
              ),
              paidOn: validIsoDate,
              transactionId: fc.oneof(text(12), fc.constantFrom("T-1", "T-2")),
            }),
          ),
        ),
      run: (id, b) => recordBatchPayment(h.db, actor, id as string, recordPaymentBody.parse(b)),
    },
    {
      name: "POST /vesting-batches/{id}/statement",
      runs: 60,
      arb: () =>
        fc.tuple(
          someId(ids.vestingBatches),
          fc
            .tuple(
              fc.array(
                fc.tuple(
                  fc.oneof(validIsoDate, hostileString),
                  fc.oneof(decimalText, priceText, hostileString),
                  fc.oneof(
                    payer().map((n) => `VD1-${n}`),
                    employeeNo().map((n) => `VD1-${n}`),
                    hostileString,
                  ),
                  fc.oneof(text(8), fc.constant("")),
                ),
                { maxLength: 6 },
              ),
              fc.boolean(),
            )
            .map(([lines, apply]) =>
              overTheWire({
                fileName: "流水.csv",
                format: "csv",
                apply,
                content: [
                  "交易日期,贷方金额,附言,流水号",
                  ...lines.map((l) => l.map((c) => JSON.stringify(c)).join(",")),
                ].join("\n"),
              }),
            ),
        ),
      run: (id, b) => importStatement(h.db, actor, id as string, statementImportBody.parse(b)),
    },
    {
      name: "PUT /closing-prices/{date} and PUT /persons/{id}/tax-profile",
      runs: 60,
      arb: () =>
        fc.tuple(
          someId(ids.persons),
          body(
            almostValid({
              tradeDate: validIsoDate,
              close: fc.oneof(priceText, decimalText),
              resident: fc.boolean(),
              note: fc.oneof(text(20), fc.constant("")),
              securitiesAccount: fc.oneof(fc.constantFrom("A123456789", "a123456789", "B12"), hostileString),
            }),
          ),
        ),
      run: async (id, b) => {
        const { tradeDate } = closingPriceParams.parse({ tradeDate: (b as { tradeDate?: unknown } | null)?.tradeDate });
        await enterClosingPrice(h.db, actor, null, { ...closingPriceBody.parse(b), tradeDate });
        return setTaxProfile(h.db, actor, id as string, taxProfileInput.parse(b));
      },
    },
    {
      name: "POST /calendar/closures",
      runs: 40,
      arb: () =>
        fc.tuple(
          body(
            almostValid({
              year: fc.integer({ min: 2015, max: 2100 }),
              closures: fc.array(almostValid({ date: validIsoDate, reason: text(20) }), { maxLength: 4 }),
              published: fc.boolean(),
            }),
          ),
        ),
      run: (b) => addClosures(h.db, actor, closuresBody.parse(b)),
    },
  ];

  for (const c of cases) {
    it(`${c.name}: success or a 4xx refusal with a code, never a 500`, async () => {
      const tally = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(c.arb(), (args) => expectRefusalOrSuccess(() => c.run(...args), tally)),
        { numRuns: c.runs },
      );
      if (process.env.VD_FUZZ_TALLY) console.log(c.name, Object.fromEntries(tally));
      // Not a vacuous run: a good share of the bodies got past the schema into the service and its rules.
      const pastSchema = [...tally].filter(([k]) => k !== "schema").reduce((n, [, v]) => n + v, 0);
      expect(pastSchema, JSON.stringify(Object.fromEntries(tally))).toBeGreaterThanOrEqual(c.runs * 0.15);
    }, 600_000);
  }
});
