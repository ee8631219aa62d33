import { Dec } from "./decimal";

/**
 * A stored price as text without trailing zeros but with at least two decimals ("45.2600" → "45.26",
 * "12.3450" → "12.345"): price columns keep 4 decimals, prices are quoted to 2 or 3, and a rounded
 * price would make "shares × price = amount" fail to add up.
 */
export function priceText(stored: string): string {
  const value = new Dec(stored);
  return value.decimalPlaces() < 2 ? value.toFixed(2) : value.toFixed();
}
