import { adjustPrice, type CorporateActionInput } from "../adjustments/corporateActions";

/**
 * The price per share a grantee paid for a tranche registered on `vestingDate`: the grant price
 * adjusted by every corporate action whose ex-date falls after the grant date and before the
 * registration (the engine adjusts a tranche only while it is outstanding, and a tranche registered
 * on the ex-date is already registered). `actions` must be in the engine's order: ex-date, then
 * the order they were recorded in.
 */
export function priceAtVesting(
  grantPrice: string,
  grantDate: string,
  vestingDate: string,
  actions: readonly CorporateActionInput[],
): string {
  let price = grantPrice;
  for (const a of actions) {
    if (a.exDate > grantDate && a.exDate < vestingDate) price = adjustPrice(price, a);
  }
  return price;
}
