// Characters that make spreadsheet programs read a cell as a formula (or a DDE payload) when typed or re-imported.
const FORMULA_TRIGGER = /^[=+\-@\t\r\0]/;

/** Text that can never turn into a formula: a leading trigger character gets a single quote in front. */
export function spreadsheetSafeText(value: string): string {
  return FORMULA_TRIGGER.test(value) ? `'${value}` : value;
}
