import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  checkCapHoldings,
  existingHoldings,
  planCapQuantity,
  plansCapTotal,
  plansCountingOn,
  type CapBatchTotal,
  type CapCandidate,
  type CapHolding,
  type CapHoldingsInput,
  type CapPlan,
} from "../../lib/domain/caps/capHoldings";

const CAPITAL = 461_000_000; // 1 % = 4,610,000; 20 % = 92,200,000

const plan = (id: string, over: Partial<CapPlan> = {}): CapPlan => ({
  id,
  status: "vesting",
  firstGrantDate: "2022-11-28",
  validityMonths: 60,
  totalQuantity: 1_000_000,
  reservedQuantity: 200_000,
  generalMeetingDate: null,
  ...over,
});
const granted = (
  personId: string,
  planId: string,
  adjustedQuantity: number,
  lapsedQuantity = 0,
  batch: "first" | "reserved" = "first",
): CapHolding => ({
  personId,
  planId,
  batch,
  source: "granted",
  adjustedQuantity,
  lapsedQuantity,
});
const listed = (
  personId: string,
  planId: string,
  quantity: number,
  batch: "first" | "reserved" = "first",
): CapHolding => ({
  personId,
  planId,
  batch,
  source: "listed",
  adjustedQuantity: quantity,
  lapsedQuantity: 0,
});
const total = (planId: string, quantity: number, over: Partial<CapBatchTotal> = {}): CapBatchTotal => ({
  planId,
  batch: "first",
  quantity,
  adjustedQuantity: quantity,
  lapsedQuantity: 0,
  ...over,
});
const grantOf = (
  planId: string,
  items: CapCandidate["items"],
  batch: "first" | "reserved" = "reserved",
): CapCandidate => ({ planId, batch, kind: "grant", items });
const listOf = (planId: string, items: CapCandidate["items"], batch: "first" | "reserved" = "first"): CapCandidate => ({
  planId,
  batch,
  kind: "list",
  items,
});

const input = (over: Partial<CapHoldingsInput>): CapHoldingsInput => ({
  date: "2026-11-21",
  shareCapital: CAPITAL,
  plans: [plan("old"), plan("new", { status: "approved_by_general_meeting", firstGrantDate: null })],
  batchTotals: [total("old", 1_000_000)],
  holdings: [],
  candidate: listOf("new", []),
  ...over,
});
const codes = (r: ReturnType<typeof checkCapHoldings>) => r.map((v) => v.violation.code);

describe("which plans count (validity on the date checked)", () => {
  // The old list preview counted plans valid today, the grant those valid on the grant date.
  const p2021 = plan("p2021", { firstGrantDate: "2021-06-02" }); // last day 2026-06-01
  it("counts a plan on its last day and not the day after", () => {
    expect(plansCountingOn([p2021], "2026-06-01")).toEqual(new Set(["p2021"]));
    expect(plansCountingOn([p2021], "2026-06-02")).toEqual(new Set());
  });
  it("a holding under a plan past its validity on the check date does not count; on an earlier date it does", () => {
    const holdings = [granted("a", "p2021", 3_000_000)];
    const base = input({
      plans: [p2021, plan("new", { firstGrantDate: null, status: "granted" })],
      holdings,
      candidate: grantOf("new", [{ personId: "a", quantity: 2_000_000 }]),
    });
    expect(checkCapHoldings({ ...base, date: "2026-06-02" })).toEqual([]);
    const before = checkCapHoldings({ ...base, date: "2026-05-29" });
    expect(codes(before)).toEqual(["CAP_PERSON_EXCEEDED"]);
    expect(before[0]!.violation.details).toEqual({
      limit: 4_610_000,
      existing: 3_000_000,
      requested: 2_000_000,
      total: 5_000_000,
      excess: 390_000,
    });
    expect(before[0]).toMatchObject({ itemIndex: 0, personId: "a" });
  });
  it("does not count a closed or expired plan, but always counts the plan being checked", () => {
    const plans = [plan("closed", { status: "closed" }), plan("self", { status: "expired" })];
    expect(plansCountingOn(plans, "2023-01-01", "self")).toEqual(new Set(["self"]));
  });
  it("counts a plan not yet granted in full", () => {
    expect(plansCountingOn([plan("draft", { status: "draft", firstGrantDate: null })], "2099-12-31")).toEqual(
      new Set(["draft"]),
    );
  });
});

describe("what a person holds", () => {
  it("counts the adjusted quantity after a bonus issue, not the original (10-for-10: 2,000,000 becomes 4,000,000)", () => {
    const held = existingHoldings(
      input({ holdings: [granted("a", "old", 4_000_000)], candidate: listOf("new", [{ personId: "a", quantity: 1 }]) }),
    );
    expect(held.get("a")).toBe(4_000_000);
  });
  it("after a bonus issue both sides double, so the same award is within the cap on the doubled capital", () => {
    // 2,000,000 held + 2,600,000 requested ≤ 4,610,000 before; after 10-for-10 both sides are 2x.
    const before = input({
      holdings: [granted("a", "old", 2_000_000)],
      candidate: grantOf("new", [{ personId: "a", quantity: 2_600_000 }]),
    });
    const after = input({
      shareCapital: 2 * CAPITAL,
      holdings: [granted("a", "old", 4_000_000)],
      candidate: grantOf("new", [{ personId: "a", quantity: 5_200_000 }]),
    });
    expect(checkCapHoldings(before)).toEqual([]);
    expect(checkCapHoldings(after)).toEqual([]);
    // The old list preview's mix — original quantities against the announcement capital — is not what is checked:
    // adjusted quantities against the capital before the bonus issue would refuse it.
    expect(codes(checkCapHoldings({ ...after, shareCapital: CAPITAL }))).toEqual(["CAP_PERSON_EXCEEDED"]);
  });
  it("measures against the share capital passed in (the latest), not the announcement-day figure", () => {
    // Share capital grew from 461,000,000 (announcement) to 500,000,000 by an issuance: 1 % is now 5,000,000.
    const c = input({ shareCapital: 500_000_000, candidate: grantOf("new", [{ personId: "a", quantity: 5_000_000 }]) });
    expect(checkCapHoldings(c)).toEqual([]);
    expect(checkCapHoldings({ ...c, shareCapital: CAPITAL })[0]!.violation.details).toMatchObject({
      limit: 4_610_000,
      excess: 390_000,
    });
  });
  it("does not count lapsed (voided) shares; vested shares still count", () => {
    const held = existingHoldings(
      input({
        holdings: [granted("a", "old", 300_000, 100_000)],
        candidate: listOf("new", [{ personId: "a", quantity: 1 }]),
      }),
    );
    expect(held.get("a")).toBe(200_000);
  });
  it("counts a pending list of a batch not yet granted, and ignores the list of a granted batch", () => {
    const c = input({
      plans: [
        plan("old"),
        plan("other", { status: "approved_by_general_meeting", firstGrantDate: null }),
        plan("new", { status: "publicity", firstGrantDate: null }),
      ],
      holdings: [listed("a", "other", 1_000_000), listed("a", "old", 9_999_999), granted("a", "old", 500_000)],
      candidate: listOf("new", [{ personId: "a", quantity: 1 }]),
    });
    expect(existingHoldings(c).get("a")).toBe(1_500_000);
  });
  it("a new list version replaces everything its batch holds; a grant keeps the batch's grants but supersedes its list", () => {
    const holdings = [
      granted("a", "new", 700_000, 0, "reserved"),
      listed("a", "new", 400_000, "reserved"),
      granted("a", "new", 100_000, 0, "first"),
    ];
    const plans = [plan("new", { firstGrantDate: "2026-01-05" })];
    const batchTotals = [total("new", 100_000), total("new", 700_000, { batch: "reserved" })];
    expect(
      existingHoldings(input({ plans, batchTotals, holdings, candidate: listOf("new", [], "reserved") })).get("a"),
    ).toBe(100_000);
    expect(
      existingHoldings(input({ plans, batchTotals, holdings, candidate: grantOf("new", [], "reserved") })).get("a"),
    ).toBe(800_000);
    // A first grant: the batch has no grants yet, and its own list is what is being granted.
    const first = [listed("b", "fresh", 300_000)];
    expect(
      existingHoldings(
        input({
          plans: [plan("fresh", { firstGrantDate: null, status: "verified" })],
          batchTotals: [],
          holdings: first,
          candidate: grantOf("fresh", [], "first"),
        }),
      ).get("b"),
    ).toBeUndefined();
  });
  it("counts a person's earlier items as existing for a later one (duplicates)", () => {
    const r = checkCapHoldings(
      input({
        candidate: listOf("new", [
          { personId: "a", quantity: 3_000_000 },
          { personId: "a", quantity: 2_000_000 },
        ]),
      }),
    );
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ itemIndex: 1, violation: { details: { existing: 3_000_000, requested: 2_000_000 } } });
  });
  it("allows exactly 1 % and refuses one share more", () => {
    const c = (q: number) =>
      input({ holdings: [granted("a", "old", 610_000)], candidate: grantOf("new", [{ personId: "a", quantity: q }]) });
    expect(checkCapHoldings(c(4_000_000))).toEqual([]);
    expect(codes(checkCapHoldings(c(4_000_001)))).toEqual(["CAP_PERSON_EXCEEDED"]);
  });
});

describe("the 20 % all-plans total", () => {
  it("counts a plan's approved total while nothing is granted", () => {
    expect(planCapQuantity(plan("p", { firstGrantDate: null, totalQuantity: 6_000_000 }), [], "2026-11-21")).toBe(
      6_000_000,
    );
  });
  it("restates the granted part at adjusted quantities net of lapses", () => {
    // 800,000 of 1,000,000 granted, 10-for-10 → 1,600,000 adjusted, 100,000 voided; 200,000 not granted yet.
    const p = plan("p", { generalMeetingDate: null });
    expect(
      planCapQuantity(p, [total("p", 800_000, { adjustedQuantity: 1_600_000, lapsedQuantity: 100_000 })], "2026-11-21"),
    ).toBe(1_700_000);
  });
  it("drops the reserve that lapsed unallocated after its 12-month deadline", () => {
    const p = plan("p", { totalQuantity: 1_000_000, reservedQuantity: 200_000, generalMeetingDate: "2022-11-28" });
    const totals = [total("p", 800_000), total("p", 150_000, { batch: "reserved" })];
    expect(planCapQuantity(p, totals, "2023-11-28")).toBe(1_000_000);
    expect(planCapQuantity(p, totals, "2023-11-29")).toBe(950_000);
  });
  it("refuses past 20 % with limit, total and excess, as one violation for the candidate", () => {
    const plans = [
      plan("big", { totalQuantity: 92_000_000, firstGrantDate: null }),
      plan("new", { totalQuantity: 200_001, firstGrantDate: null }),
    ];
    const r = checkCapHoldings(
      input({ plans, batchTotals: [], candidate: grantOf("new", [{ personId: "a", quantity: 1 }]) }),
    );
    expect(r).toEqual([
      {
        itemIndex: null,
        personId: null,
        violation: expect.objectContaining({
          code: "CAP_TOTAL_EXCEEDED",
          details: { limit: 92_200_000, total: 92_200_001, excess: 1 },
        }),
      },
    ]);
    expect(plansCapTotal(plans, [], "2026-11-21")).toBe(92_200_001);
  });
  it("leaves out plans past their validity", () => {
    const plans = [
      plan("ended", { firstGrantDate: "2020-01-02", totalQuantity: 90_000_000 }),
      plan("new", { firstGrantDate: null, totalQuantity: 5_000_000 }),
    ];
    expect(plansCapTotal(plans, [], "2026-11-21")).toBe(5_000_000);
  });
});

describe("properties", () => {
  const quantity = fc.integer({ min: 0, max: 5_000_000 });
  it("the person cap is decided by existing + requested against 1 % of capital, in integers", () => {
    fc.assert(
      fc.property(
        quantity,
        quantity,
        quantity,
        fc.integer({ min: 1, max: 1_000_000_000 }),
        (held, lapsed, requested, capital) => {
          const r = checkCapHoldings(
            input({
              shareCapital: capital,
              plans: [plan("new", { firstGrantDate: null, totalQuantity: 0 })],
              batchTotals: [],
              holdings: [granted("a", "new", held + lapsed, lapsed, "first")],
              candidate: grantOf("new", [{ personId: "a", quantity: requested }]),
            }),
          );
          const person = r.filter((v) => v.itemIndex !== null);
          expect(person.length === 1).toBe((held + requested) * 100 > capital);
        },
      ),
    );
  });
  it("is invariant under a bonus issue: quantities and capital multiplied by (1 + n) give the same verdicts", () => {
    fc.assert(
      fc.property(quantity, quantity, fc.integer({ min: 1, max: 4 }), (held, requested, factor) => {
        const at = (k: number) =>
          codes(
            checkCapHoldings(
              input({
                shareCapital: CAPITAL * k,
                plans: [plan("new", { firstGrantDate: null, totalQuantity: 10_000_000 * k })],
                batchTotals: [],
                holdings: [granted("a", "new", held * k, 0, "first")],
                candidate: grantOf("new", [{ personId: "a", quantity: requested * k }]),
              }),
            ),
          );
        expect(at(factor)).toEqual(at(1));
      }),
    );
  });
  it("a lapse never adds a violation", () => {
    fc.assert(
      fc.property(quantity, quantity, quantity, (held, lapsed, requested) => {
        const run = (l: number) =>
          checkCapHoldings(
            input({
              holdings: [granted("a", "old", held + lapsed, l)],
              candidate: grantOf("new", [{ personId: "a", quantity: requested }]),
            }),
          ).length;
        expect(run(lapsed)).toBeLessThanOrEqual(run(0));
      }),
    );
  });
});
