/**
 * The text a grantee writes on the bank transfer that pays the grant price (付款附言/用途), so HR can
 * tell whose money arrived. HR configures a template per vesting batch with the placeholders
 * {employeeNo}, {name} and {batchNo}, e.g. "VD-{employeeNo}" or "{batchNo}批-{employeeNo}-{name}".
 * A template should contain {employeeNo}: names repeat, employee numbers do not.
 */

/** The placeholders a reference template may use. */
export const REFERENCE_PLACEHOLDERS = ["employeeNo", "name", "batchNo"] as const;
export type ReferencePlaceholder = (typeof REFERENCE_PLACEHOLDERS)[number];

/** The values a reference is rendered with. */
export type ReferenceValues = {
  readonly employeeNo: string;
  readonly name: string;
  readonly batchNo: number | string;
};

const PLACEHOLDER = /\{(\w+)\}/g;

function isPlaceholder(name: string): name is ReferencePlaceholder {
  return (REFERENCE_PLACEHOLDERS as readonly string[]).includes(name);
}

/** The {names} in a template that are not placeholders (a form refuses the template when any is left). */
export function unknownPlaceholders(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !isPlaceholder(name));
}

/**
 * The reference for one grantee: each placeholder replaced by its value, in one pass (a value that
 * itself reads "{name}" stays as written). Throws RangeError on an unknown placeholder, which the
 * form that saves the template should already have refused.
 */
export function renderPaymentReference(template: string, values: ReferenceValues): string {
  const unknown = unknownPlaceholders(template);
  if (unknown.length > 0)
    throw new RangeError(`Unknown placeholder(s) in the reference template: ${unknown.join(", ")}`);
  return template.replace(PLACEHOLDER, (_, name: ReferencePlaceholder) => String(values[name]));
}

/** Dashes banks and input methods substitute for "-": ‐ ‑ ‒ – — ― − ー (the katakana long mark some IMEs give). */
const DASHES = /[\u2010-\u2015\u2212\u30fc\ufe58\ufe63]/g;
/** Whitespace of every kind, the ideographic space U+3000 and no-break spaces included. */
const SPACES = /\s+/g;

/**
 * A reference in the form references are compared in, tolerant of what banks and input methods do
 * to the text: NFKC turns full-width letters, digits and signs into their ASCII forms
 * ("ＶＤ－Ｅ００１２３" → "VD-E00123") and the ideographic space into a space; dash variants become
 * "-"; every space goes (banks insert and drop them); letters are upper-cased (banks' systems often
 * upper-case the remark). Chinese characters are kept as they are.
 */
export function normaliseReference(text: string): string {
  return text.normalize("NFKC").replace(DASHES, "-").replace(SPACES, "").toUpperCase();
}
