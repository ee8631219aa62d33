import type { Dec } from "./decimal";

/**
 * A decimal ratio held as an exact fraction num / 10^k.
 *
 * Share counts are multiplied by ratios hundreds of thousands of times per derivation run;
 * decimal.js costs about a microsecond per operation, so the product is computed with exact
 * integer arithmetic instead (plain numbers while they stay below 2^53, BigInt beyond). The
 * result is identical to decimal.js's exact product followed by floor.
 */
export type ExactRatio = {
  /** The ratio as written, e.g. "0.33". */
  readonly text: string;
  readonly num: bigint;
  readonly den: bigint;
  /** num and den as numbers when both are safe integers, else null. */
  readonly numN: number | null;
  readonly denN: number | null;
};

/** Converts a non-negative decimal into an exact fraction. */
export function toExactRatio(text: string, value: Dec): ExactRatio {
  if (value.isNegative()) throw new RangeError(`Ratio must not be negative: ${text}`);
  const dp = value.decimalPlaces();
  const den = 10n ** BigInt(dp);
  // toFixed() prints exactly `dp` decimals, so dropping the point yields num = value × 10^dp.
  const num = BigInt(value.toFixed().replace(".", ""));
  const safe = (v: bigint) => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null);
  return { text, num, den, numN: safe(num), denN: safe(den) };
}

/** floor(quantity × r1 × r2 × ...) computed exactly; quantity is a non-negative safe integer. */
export function floorTimesRatios(quantity: number, ...ratios: readonly ExactRatio[]): number {
  let num = quantity;
  let den = 1;
  let safe = true;
  for (const r of ratios) {
    if (r.numN === null || r.denN === null) {
      safe = false;
      break;
    }
    num *= r.numN;
    den *= r.denN;
    if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den)) {
      safe = false;
      break;
    }
  }
  if (safe) return (num - (num % den)) / den;
  let bn = BigInt(quantity);
  let bd = 1n;
  for (const r of ratios) {
    bn *= r.num;
    bd *= r.den;
  }
  return Number(bn / bd);
}

/** An exact fraction numerator / denominator of two non-negative decimals (denominator > 0). */
export function toExactFraction(text: string, numerator: Dec, denominator: Dec): ExactRatio {
  if (numerator.isNegative() || !denominator.isPositive()) throw new RangeError(`Invalid fraction: ${text}`);
  const scale = Math.max(numerator.decimalPlaces(), denominator.decimalPlaces());
  const toScaledInt = (d: Dec) => {
    const [int = "0", frac = ""] = d.toFixed().split(".");
    return BigInt(int + frac.padEnd(scale, "0"));
  };
  const num = toScaledInt(numerator);
  const den = toScaledInt(denominator);
  const safe = (v: bigint) => (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : null);
  return { text, num, den, numN: safe(num), denN: safe(den) };
}
