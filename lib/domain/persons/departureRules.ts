import { violation, type RuleViolation } from "../errors";

/**
 * Why a person left, as the departure record codes it. Plans often treat retirement, death, incapacity
 * and a transfer by the company differently from a resignation or a dismissal; the portal records the
 * reason but, for now, lets every unvested tranche lapse from the leave date whatever it is.
 */
export const DEPARTURE_REASONS = [
  "resignation",
  "contract_end",
  "dismissal",
  "retirement",
  "death",
  "incapacity",
  "transfer",
  "other",
] as const;
export type DepartureReason = (typeof DEPARTURE_REASONS)[number];

/** A departure record: the first record, a correction of the one it supersedes, or its withdrawal. */
export const DEPARTURE_KINDS = ["recorded", "corrected", "withdrawn"] as const;
export type DepartureKind = (typeof DEPARTURE_KINDS)[number];

/** A coded value's text in both languages, for API readers that have no locale. */
export type BilingualText = { readonly en: string; readonly zh: string };

const REASON_TEXT: Readonly<Record<DepartureReason, BilingualText>> = {
  resignation: { en: "Resignation", zh: "主动辞职" },
  contract_end: { en: "Contract ended and not renewed", zh: "劳动合同期满不再续签" },
  dismissal: { en: "Dismissal", zh: "公司解除劳动合同" },
  retirement: { en: "Retirement", zh: "退休" },
  death: { en: "Death", zh: "身故" },
  incapacity: { en: "Incapacity to work", zh: "丧失劳动能力" },
  transfer: { en: "Transferred out by the company", zh: "因组织安排调离公司" },
  other: { en: "Other", zh: "其他原因" },
};

/** Records made before the reason was asked for (migration 0009) have none. */
const NO_REASON: BilingualText = { en: "Reason not recorded", zh: "未登记离职原因" };

/** The reason's text in Chinese and English; a record without a reason says so. */
export function departureReasonText(reason: DepartureReason | null): BilingualText {
  return reason === null ? NO_REASON : REASON_TEXT[reason];
}

/** The departure in force: the leave date and reason the person's tranches are derived from. */
export interface DepartureInForce {
  readonly leaveDate: string;
  readonly reason: DepartureReason | null;
}

/** A correction names what changes; an absent field keeps the value in force. */
export interface DepartureCorrection {
  readonly leaveDate?: string;
  readonly reason?: DepartureReason;
}

/**
 * A correction or withdrawal needs a departure in force; a correction must change the date or the
 * reason (a note alone explains a change, it is not one).
 */
export function checkDepartureChange(
  inForce: DepartureInForce | null,
  employeeNo: string,
  correction: DepartureCorrection | "withdrawal",
): RuleViolation[] {
  if (inForce === null) return [violation("DEPARTURE_NOT_IN_FORCE", { employeeNo })];
  if (correction === "withdrawal") return [];
  const leaveDate = correction.leaveDate ?? inForce.leaveDate;
  const reason = correction.reason ?? inForce.reason;
  if (leaveDate === inForce.leaveDate && reason === inForce.reason)
    return [violation("DEPARTURE_UNCHANGED", { leaveDate, reason })];
  return [];
}

/** What a tranche has vested, as one derivation of it says. */
export interface VestedTranche {
  readonly grantId: string;
  readonly trancheIndex: number;
  readonly vestedQuantity: number;
  readonly vestingDate: string | null;
}

/**
 * A leave date may only decide what is still unvested. Moving it across a vesting run would change what
 * that run registered: an earlier date would void shares already registered, a later one would vest
 * shares the run withheld because the person had left. Both are refused; the run is reversed first.
 */
export function checkVestingsKept(before: readonly VestedTranche[], after: readonly VestedTranche[]): RuleViolation[] {
  const now = new Map(after.map((t) => [`${t.grantId}/${t.trancheIndex}`, t]));
  const out: RuleViolation[] = [];
  for (const was of before) {
    const is = now.get(`${was.grantId}/${was.trancheIndex}`);
    const vestedAfter = is?.vestedQuantity ?? 0;
    if (vestedAfter === was.vestedQuantity) continue;
    out.push(
      violation("LEAVE_DATE_CHANGES_VESTED", {
        grantId: was.grantId,
        tranche: was.trancheIndex,
        vestingDate: was.vestingDate ?? is?.vestingDate ?? null,
        vestedBefore: was.vestedQuantity,
        vestedAfter,
      }),
    );
  }
  return out;
}
