import { RuleError } from "../errors";
import { tryParseDecimal } from "../numeric/decimal";
import { floorTimesRatios, toExactRatio, type ExactRatio } from "../numeric/exactRatio";

/** Individual appraisal grade → individual vesting ratio (decimal strings in [0, 1]). */
export type GradeTable = Readonly<Record<string, string>>;

/** The plan's default mapping: A/B 100 %, C 80 %, D 0 %. */
export const DEFAULT_GRADE_TABLE: GradeTable = Object.freeze({ A: "1", B: "1", C: "0.8", D: "0" });

/** Actual vesting of a tranche: the rest is voided (作废失效), never carried forward. */
export type VestedQuantity = { readonly vested: number; readonly lapsed: number };

// Appraisal ratios repeat across thousands of participants ("1", "0.8"...): parse each once.
const CACHE_LIMIT = 1000;
const parsed = new Map<string, ExactRatio>();

/** Parses a company or individual vesting ratio; throws INVALID_RATIOS unless it is a decimal in [0, 1]. */
export function parseVestingRatio(ratio: string, role = "ratio"): ExactRatio {
  const hit = parsed.get(ratio);
  if (hit !== undefined) return hit;
  const value = tryParseDecimal(ratio);
  if (value === null || value.lt(0) || value.gt(1)) {
    throw new RuleError("INVALID_RATIOS", { [role]: ratio, problem: `${role} must be a decimal in [0, 1]` });
  }
  const exact = toExactRatio(ratio, value);
  if (parsed.size >= CACHE_LIMIT) parsed.clear();
  parsed.set(ratio, exact);
  return exact;
}

/** The individual ratio for a grade; throws INVALID_RATIOS for a grade the table does not know. */
export function individualRatio(gradeTable: GradeTable, grade: string): string {
  const ratio = Object.prototype.hasOwnProperty.call(gradeTable, grade) ? gradeTable[grade] : undefined;
  if (ratio === undefined) {
    throw new RuleError("INVALID_RATIOS", {
      grade,
      knownGrades: Object.keys(gradeTable),
      problem: "unknown appraisal grade",
    });
  }
  parseVestingRatio(ratio, "individualRatio");
  return ratio;
}

/** vested = floor(planned × company ratio × individual ratio), exactly; lapsed = planned − vested. */
export function vestedQuantity(planned: number, companyRatio: string, individualRatio: string): VestedQuantity {
  if (!Number.isSafeInteger(planned) || planned < 0)
    throw new RangeError(`Planned quantity must be a non-negative integer: ${planned}`);
  const vested = floorTimesRatios(
    planned,
    parseVestingRatio(companyRatio, "companyRatio"),
    parseVestingRatio(individualRatio, "individualRatio"),
  );
  return { vested, lapsed: planned - vested };
}
