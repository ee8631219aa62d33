import { describe, expect, it } from "vitest";
import {
  allocationTable,
  inWan,
  namedGroupOf,
  percent,
  type AllocationParticipant,
} from "../../lib/domain/registers/allocationTable";

const person = (
  employeeNo: string,
  quantity: number,
  flags: Partial<AllocationParticipant> = {},
): AllocationParticipant => ({
  employeeNo,
  name: `N${employeeNo}`,
  nationality: "CN",
  position: "工程师",
  quantity,
  isDirector: false,
  isSeniorManager: false,
  isCoreTechnician: false,
  isForeign: false,
  ...flags,
});

// First grant 500,000 shares + reserve 100,000 = 600,000; share capital 400,000,000.
const participants = [
  person("E010", 12_500, { isForeign: true, nationality: "JP" }),
  person("E003", 30_000, { isSeniorManager: true }),
  person("E100", 100_000),
  person("E002", 20_000, { isCoreTechnician: true }),
  person("E001", 50_000, { isDirector: true }),
  person("E102", 130_000),
  person("E005", 7_500, { isDirector: true, isForeign: true }),
  person("E101", 150_000),
];
const table = allocationTable({ participants, reservedQuantity: 100_000, shareCapital: 400_000_000 });

describe("allocationTable", () => {
  it("names directors and senior managers, then core technicians, then foreign staff, by employee number; then others, reserve and total", () => {
    expect(table.map((r) => [r.kind, r.employeeNo ?? r.label])).toEqual([
      ["named", "E001"],
      ["named", "E003"],
      ["named", "E005"],
      ["named", "E002"],
      ["named", "E010"],
      ["others", "其他员工（3人）/ Other staff (3 people)"],
      ["reserved", "预留部分 / Reserved portion"],
      ["total", "合计 / Total"],
    ]);
    // A foreign director is named once, among the directors.
    expect(table.filter((r) => r.employeeNo === "E005").map((r) => r.group)).toEqual(["director_or_senior_manager"]);
    expect(table.find((r) => r.employeeNo === "E010")).toMatchObject({
      label: "NE010",
      nationality: "JP",
      position: "工程师",
      people: 1,
    });
  });

  it("totals the first grant plus the reserve, and every row's quantity adds up to the total", () => {
    const total = table.find((r) => r.kind === "total")!;
    expect(total).toMatchObject({
      quantity: 600_000,
      people: 8,
      quantityWan: "60.00",
      percentOfGrant: "100.00",
      percentOfShareCapital: "0.15",
    });
    expect(table.filter((r) => r.kind !== "total").reduce((s, r) => s + r.quantity, 0)).toBe(total.quantity);
    expect(table.find((r) => r.kind === "others")).toMatchObject({ people: 3, quantity: 380_000 });
  });

  it("computes 万股 and both percentages exactly, rounded half-up per row (hand-computed)", () => {
    const figures = Object.fromEntries(
      table.map((r) => [r.employeeNo ?? r.kind, [r.quantityWan, r.percentOfGrant, r.percentOfShareCapital]]),
    );
    expect(figures).toEqual({
      E001: ["5.00", "8.33", "0.01"], // 50,000 / 600,000 = 8.333%; / 400,000,000 = 0.0125%
      E003: ["3.00", "5.00", "0.01"], // 0.0075% rounds up
      E005: ["0.75", "1.25", "0.00"], // 0.001875%
      E002: ["2.00", "3.33", "0.01"], // exactly 0.005%: half-up
      E010: ["1.25", "2.08", "0.00"], // 2.0833%; 0.003125%
      others: ["38.00", "63.33", "0.10"], // 380,000 / 400,000,000 = exactly 0.095%: half-up
      reserved: ["10.00", "16.67", "0.03"], // 16.666...%; exactly 0.025%
      total: ["60.00", "100.00", "0.15"],
    });
  });

  it("rounds the exact quotient, where binary floating point would round 1.005 down", () => {
    const [named] = allocationTable({
      participants: [person("E1", 20_100, { isDirector: true })],
      reservedQuantity: 0,
      shareCapital: 2_000_000,
    });
    expect(named!.percentOfShareCapital).toBe("1.01");
    expect((1.005).toFixed(2)).toBe("1.00");
  });

  it("leaves out the other-staff row when everyone is named and the reserve row when there is none", () => {
    const rows = allocationTable({
      participants: [person("E1", 1_000, { isCoreTechnician: true })],
      reservedQuantity: 0,
      shareCapital: 1_000_000,
    });
    expect(rows.map((r) => r.kind)).toEqual(["named", "total"]);
    expect(rows[1]).toMatchObject({ quantity: 1_000, percentOfGrant: "100.00", percentOfShareCapital: "0.10" });
  });

  it("refuses a table without share capital or with a broken reserve", () => {
    expect(() => allocationTable({ participants, reservedQuantity: 0, shareCapital: 0 })).toThrow(RangeError);
    expect(() => allocationTable({ participants, reservedQuantity: -1, shareCapital: 1 })).toThrow(RangeError);
  });
});

describe("allocation figures", () => {
  it("writes 万股 exactly with at least two decimals", () => {
    expect([inWan(10_000), inWan(12_345), inWan(750), inWan(0)]).toEqual(["1.00", "1.2345", "0.075", "0.00"]);
  });

  it("percent is 0.00 of nothing and groups follow the person flags", () => {
    expect(percent(5, 0)).toBe("0.00");
    expect(percent(1, 3)).toBe("33.33");
    expect(namedGroupOf(person("E1", 1))).toBeNull();
    expect(namedGroupOf(person("E1", 1, { isSeniorManager: true, isCoreTechnician: true }))).toBe(
      "director_or_senior_manager",
    );
  });
});
