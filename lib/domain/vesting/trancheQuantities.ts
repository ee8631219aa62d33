import { RuleError } from "../errors";
import { Dec, tryParseDecimal } from "../numeric/decimal";
import { floorTimesRatios, toExactRatio, type ExactRatio } from "../numeric/exactRatio";

// Plans reuse a handful of arrangements (30/30/40, 33/33/34...), so validated ratio sets are
// memoised; the cap keeps a long-running server from growing the map without bound.
const CACHE_LIMIT = 1000;
const validated = new Map<string, readonly ExactRatio[]>();

/** Validates tranche ratios (each in (0, 1], summing to exactly 1) and returns them as exact fractions. */
export function parseTrancheRatios(ratios: readonly string[]): readonly ExactRatio[] {
  const key = ratios.join("|");
  const hit = validated.get(key);
  if (hit !== undefined) return hit;

  if (ratios.length === 0) throw new RuleError("INVALID_RATIOS", { ratios, problem: "no tranches" });
  const parsed: ExactRatio[] = [];
  let sum = new Dec(0);
  for (const [i, text] of ratios.entries()) {
    const value = tryParseDecimal(text);
    if (value === null || value.lte(0) || value.gt(1)) {
      throw new RuleError("INVALID_RATIOS", { ratios, index: i, ratio: text, problem: "each ratio must be in (0, 1]" });
    }
    sum = sum.plus(value);
    parsed.push(toExactRatio(text, value));
  }
  if (!sum.eq(1))
    throw new RuleError("INVALID_RATIOS", { ratios, sum: sum.toFixed(), problem: "ratios must sum to 1" });

  if (validated.size >= CACHE_LIMIT) validated.clear();
  validated.set(key, parsed);
  return parsed;
}

/**
 * Splits a grant into tranche quantities: floor(quantity × ratio) for every tranche but the
 * last, which takes the remainder so the tranches always add up to the grant.
 */
export function splitTrancheQuantities(quantity: number, ratios: readonly string[]): number[] {
  if (!Number.isSafeInteger(quantity) || quantity < 0) {
    throw new RangeError(`Quantity must be a non-negative integer: ${quantity}`);
  }
  const parsed = parseTrancheRatios(ratios);
  const out = new Array<number>(parsed.length);
  let allocated = 0;
  for (let i = 0; i < parsed.length - 1; i++) {
    const q = floorTimesRatios(quantity, parsed[i]!);
    out[i] = q;
    allocated += q;
  }
  out[parsed.length - 1] = quantity - allocated;
  return out;
}
