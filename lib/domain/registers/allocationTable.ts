import Decimal from "decimal.js";
import { Dec } from "../numeric/decimal";

/** A first-grant participant as the allocation table needs them. */
export interface AllocationParticipant {
  employeeNo: string;
  name: string;
  nationality: string;
  position: string;
  /** Shares as granted (before corporate-action adjustments), as the grant announcement lists them. */
  quantity: number;
  isDirector: boolean;
  isSeniorManager: boolean;
  isCoreTechnician: boolean;
  isForeign: boolean;
}

/** Everything one plan's allocation table is computed from. */
export interface AllocationTableInput {
  participants: readonly AllocationParticipant[];
  /** The plan's reserve, shown as one 预留部分 row. */
  reservedQuantity: number;
  /** The share-capital total the 占股本总额 column divides by. */
  shareCapital: number;
}

/** Why a participant has a row of their own; the order is the order of the disclosed tables. */
export type NamedGroup = "director_or_senior_manager" | "core_technician" | "foreign";

/** One row of the 激励对象名单及授予情况表. */
export interface AllocationRow {
  kind: "named" | "others" | "reserved" | "total";
  group: NamedGroup | null;
  /** The person's name, or the row label (其他员工（N人）/ Other staff (N people), 预留部分, 合计). */
  label: string;
  employeeNo: string | null;
  nationality: string | null;
  position: string | null;
  /** People the row stands for (0 for the reserve). */
  people: number;
  quantity: number;
  /** Quantity in 万股 (10,000 shares), exact, at least two decimals: "1.50", "0.0750". */
  quantityWan: string;
  /** Share of the table total in percent, half-up to two decimals: "12.35". */
  percentOfGrant: string;
  /** Share of the plan's share capital in percent, half-up to two decimals. */
  percentOfShareCapital: string;
}

const GROUP_ORDER: readonly NamedGroup[] = ["director_or_senior_manager", "core_technician", "foreign"];

/** The group that names a participant individually, or null for the aggregated other staff. */
export function namedGroupOf(p: AllocationParticipant): NamedGroup | null {
  if (p.isDirector || p.isSeniorManager) return "director_or_senior_manager";
  if (p.isCoreTechnician) return "core_technician";
  if (p.isForeign) return "foreign";
  return null;
}

/**
 * The allocation table in the China disclosure format: directors and senior managers, core technicians
 * and foreign staff by name (in that order, then by employee number), the rest as one "other staff"
 * row, the plan's reserve, and the total. Percentages are exact decimals rounded half-up per row, so
 * rounded rows may not add up to the total row exactly, as in the published tables.
 */
export function allocationTable(input: AllocationTableInput): AllocationRow[] {
  if (!(input.shareCapital > 0)) throw new RangeError(`Share capital must be positive: ${input.shareCapital}`);
  if (!Number.isSafeInteger(input.reservedQuantity) || input.reservedQuantity < 0)
    throw new RangeError(`Reserved quantity must be a non-negative integer: ${input.reservedQuantity}`);
  const named = input.participants
    .map((p) => ({ p, group: namedGroupOf(p) }))
    .filter((x): x is { p: AllocationParticipant; group: NamedGroup } => x.group !== null)
    .sort(
      (a, b) =>
        GROUP_ORDER.indexOf(a.group) - GROUP_ORDER.indexOf(b.group) || compareText(a.p.employeeNo, b.p.employeeNo),
    );
  const others = input.participants.filter((p) => namedGroupOf(p) === null);
  const othersQuantity = others.reduce((s, p) => s + p.quantity, 0);
  const total = input.participants.reduce((s, p) => s + p.quantity, 0) + input.reservedQuantity;
  const row = (r: Omit<AllocationRow, "quantityWan" | "percentOfGrant" | "percentOfShareCapital">): AllocationRow => ({
    ...r,
    quantityWan: inWan(r.quantity),
    percentOfGrant: percent(r.quantity, total),
    percentOfShareCapital: percent(r.quantity, input.shareCapital),
  });

  const rows = named.map(({ p, group }) =>
    row({
      kind: "named",
      group,
      label: p.name,
      employeeNo: p.employeeNo,
      nationality: p.nationality,
      position: p.position,
      people: 1,
      quantity: p.quantity,
    }),
  );
  if (others.length > 0) {
    rows.push(
      row({
        kind: "others",
        group: null,
        label: `其他员工（${others.length}人）/ Other staff (${others.length} people)`,
        employeeNo: null,
        nationality: null,
        position: null,
        people: others.length,
        quantity: othersQuantity,
      }),
    );
  }
  if (input.reservedQuantity > 0) {
    rows.push(
      row({
        kind: "reserved",
        group: null,
        label: "预留部分 / Reserved portion",
        employeeNo: null,
        nationality: null,
        position: null,
        people: 0,
        quantity: input.reservedQuantity,
      }),
    );
  }
  rows.push(
    row({
      kind: "total",
      group: null,
      label: "合计 / Total",
      employeeNo: null,
      nationality: null,
      position: null,
      people: input.participants.length,
      quantity: total,
    }),
  );
  return rows;
}

/** Shares in 万股, exact, with at least two decimals: 12,500 -> "1.25", 750 -> "0.075". */
export function inWan(quantity: number): string {
  const d = new Dec(quantity).div(10_000);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

/** part / whole in percent, half-up to two decimals; "0.00" when the whole is zero. */
export function percent(part: number, whole: number): string {
  if (whole === 0) return "0.00";
  return new Dec(part).times(100).div(whole).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
