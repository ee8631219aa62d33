import { Dec } from "../numeric/decimal";
import { violation, type RuleViolation } from "../errors";

/**
 * A category's vesting arrangement is what its grants' tranches are derived from: windows (months
 * after the grant) and ratios. Once a category has grants, changing the arrangement would silently
 * rewrite awards already made and announced, so only its name may change; removing it would orphan
 * the grants. A category without grants may change freely (a reserve granted later may, by the plan
 * text, follow an arrangement of its own, entered as a new category).
 */

/** One tranche's terms as stored or entered; ratios are decimal strings ("0.33" equals "0.3300"). */
export interface TrancheTerms {
  readonly startMonths: number;
  readonly endMonths: number;
  readonly ratio: string;
}

/** A category as stored, with how many grants it holds. */
export interface StoredCategory {
  readonly code: number;
  readonly grants: number;
  readonly tranches: readonly TrancheTerms[];
}

/** True when both arrangements have the same tranches in the same order (ratios compared as numbers). */
export function sameArrangement(a: readonly TrancheTerms[], b: readonly TrancheTerms[]): boolean {
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i]!;
      return x.startMonths === y.startMonths && x.endMonths === y.endMonths && sameRatio(x.ratio, y.ratio);
    })
  );
}

function sameRatio(a: string, b: string): boolean {
  try {
    return new Dec(a).eq(new Dec(b));
  } catch {
    return a === b;
  }
}

/**
 * The refusals of a change to a plan's categories (matched by code): CATEGORY_ARRANGEMENT_LOCKED for a
 * category with grants whose arrangement differs, CATEGORY_HAS_GRANTS for one with grants left out.
 */
export function checkCategoryChanges(
  stored: readonly StoredCategory[],
  proposed: readonly { code: number; tranches: readonly TrancheTerms[] }[],
): RuleViolation[] {
  const out: RuleViolation[] = [];
  for (const s of stored) {
    if (s.grants === 0) continue;
    const next = proposed.find((p) => p.code === s.code);
    if (!next) out.push(violation("CATEGORY_HAS_GRANTS", { categoryCode: s.code, grants: s.grants }));
    else if (!sameArrangement(s.tranches, next.tranches))
      out.push(violation("CATEGORY_ARRANGEMENT_LOCKED", { categoryCode: s.code, grants: s.grants }));
  }
  return out;
}
