import { adjustQuantity, type CorporateActionInput, type ParsedCorporateAction } from "./corporateActions";

/**
 * Adjusts a grant's unvested tranches for one corporate action, as one quantity.
 *
 * Source: the plan texts' 调整方法 (class-ii-rules.md §1), e.g. for a capital-reserve conversion, bonus
 * issue or split "Q = Q0 × (1 + n)", where Q0 is the participant's quantity of restricted stock not yet
 * vested (尚未归属的限制性股票数量): the formula is applied to the grant's unvested total, and the result
 * is rounded down to whole shares once, Q = floor(Q0 × factor). Rounding each tranche separately would
 * lose up to one share per tranche: 8 unvested shares in tranches of 2, 3 and 3 under a 3-for-10
 * conversion give floor(2.6) + floor(3.9) + floor(3.9) = 8, where the grant is owed floor(10.4) = 10.
 *
 * The adjusted total is split back over the same tranches in proportion to their planned quantities,
 * floor(Q × q_i ÷ Q0) each, and the last unvested tranche takes the remainder, the way a grant is split
 * into tranches in the first place (splitTrancheQuantities): the tranches always sum to Q.
 *
 * `planned` are the planned quantities of the unvested tranches only, in tranche order; vested or voided
 * tranches are history and are left out by the caller. Returns the adjusted quantities in the same order.
 */
export function adjustUnvestedQuantities(
  planned: readonly number[],
  action: CorporateActionInput | ParsedCorporateAction,
): number[] {
  let before = 0;
  for (const q of planned) {
    if (!Number.isSafeInteger(q) || q < 0) throw new RangeError(`Quantity must be a non-negative integer: ${q}`);
    before += q;
  }
  if (!Number.isSafeInteger(before)) throw new RangeError(`Unvested total is too large: ${before}`);
  const after = adjustQuantity(before, action);
  if (planned.length === 0) return [];
  if (after === before) return [...planned];
  const out = new Array<number>(planned.length);
  let allocated = 0;
  for (let i = 0; i < planned.length - 1; i++) {
    const share = before === 0 ? 0 : floorShare(after, planned[i]!, before);
    out[i] = share;
    allocated += share;
  }
  out[planned.length - 1] = after - allocated;
  return out;
}

/** floor(total × part ÷ whole), exact (BigInt once the product leaves the safe-integer range). */
function floorShare(total: number, part: number, whole: number): number {
  const product = total * part;
  if (Number.isSafeInteger(product)) return (product - (product % whole)) / whole;
  return Number((BigInt(total) * BigInt(part)) / BigInt(whole));
}
