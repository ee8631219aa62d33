import { Dec } from "@/lib/domain/numeric/decimal";

/**
 * The plan form's categories as typed (strings), the checks the form runs before it submits — each a
 * message key with its values, read in the reader's language — and the request body they become.
 * The server checks the same rules again (ratios, windows, locked arrangements) and answers with codes.
 */

/** The blackout rule-set presets the form offers by name. */
export const PRESETS = ["2022 rules", "2024-05-24 rules"] as const;

export type TrancheDraft = { startMonths: string; endMonths: string; ratio: string };

/** A category as the form holds it; `grants` > 0 marks one whose arrangement is fixed (only names change). */
export type CategoryDraft = {
  key: string;
  code: string;
  name: string;
  nameEn: string;
  tranches: TrancheDraft[];
  /** Stored already: its code is how the server matches it, so it is not edited. */
  stored: boolean;
  grants: number;
};

/** One problem the form shows: a key under hrPlans.form.errors and the values of its placeholders. */
export type FormProblem = { key: ProblemKey; category: number | null; values: Record<string, string | number> };

export type ProblemKey =
  | "noCategories"
  | "codeInvalid"
  | "codeDuplicate"
  | "nameMissing"
  | "noTranches"
  | "monthsInvalid"
  | "endBeforeStart"
  | "ratioInvalid"
  | "ratioSum"
  | "beyondValidity";

export const DEFAULT_TRANCHES: readonly TrancheDraft[] = [
  { startMonths: "12", endMonths: "24", ratio: "0.4" },
  { startMonths: "24", endMonths: "36", ratio: "0.3" },
  { startMonths: "36", endMonths: "48", ratio: "0.3" },
];

let nextKey = 0;
/** A fresh, unsaved category with the next free code and the usual 40/30/30 arrangement. */
export function newCategory(existing: readonly CategoryDraft[]): CategoryDraft {
  const codes = existing.map((c) => Number(c.code)).filter((n) => Number.isInteger(n));
  return {
    key: `new-${++nextKey}`,
    code: String(codes.length === 0 ? 1 : Math.max(...codes) + 1),
    name: "",
    nameEn: "",
    tranches: DEFAULT_TRANCHES.map((t) => ({ ...t })),
    stored: false,
    grants: 0,
  };
}

/** The next tranche after the last one: it starts where the last ends and lasts 12 months. */
export function nextTranche(tranches: readonly TrancheDraft[]): TrancheDraft {
  const lastEnd = Number(tranches.at(-1)?.endMonths ?? 12);
  const start = Number.isFinite(lastEnd) ? lastEnd : 12;
  return { startMonths: String(start), endMonths: String(start + 12), ratio: "" };
}

const RATIO = /^[01](\.\d{1,4})?$/;
const wholeIn = (v: string, min: number, max: number) => /^\d+$/.test(v.trim()) && +v >= min && +v <= max;

/** Every problem of the categories as typed; `validityMonths` (when a number) bounds the windows. */
export function checkCategoryDrafts(categories: readonly CategoryDraft[], validityMonths: number): FormProblem[] {
  const out: FormProblem[] = [];
  if (categories.length === 0) out.push({ key: "noCategories", category: null, values: {} });
  const seen = new Map<string, number>();
  categories.forEach((c, ci) => {
    const n = ci + 1;
    const at = (key: ProblemKey, values: Record<string, string | number> = {}) =>
      out.push({ key, category: ci, values: { n, ...values } });
    if (!wholeIn(c.code, 1, 99)) at("codeInvalid");
    else if (seen.has(String(+c.code))) at("codeDuplicate", { code: +c.code });
    else seen.set(String(+c.code), ci);
    if (c.name.trim() === "" || c.nameEn.trim() === "") at("nameMissing");
    if (c.tranches.length === 0) at("noTranches");
    let sum = new Dec(0);
    let ratiosOk = true;
    c.tranches.forEach((tr, ti) => {
      const t = ti + 1;
      const monthsOk = wholeIn(tr.startMonths, 0, 240) && wholeIn(tr.endMonths, 1, 240);
      if (!monthsOk) at("monthsInvalid", { t });
      else if (+tr.endMonths <= +tr.startMonths) at("endBeforeStart", { t });
      else if (Number.isInteger(validityMonths) && +tr.endMonths > validityMonths)
        at("beyondValidity", { t, end: +tr.endMonths, validity: validityMonths });
      const ratio = tr.ratio.trim();
      if (!RATIO.test(ratio) || new Dec(ratio).gt(1)) {
        at("ratioInvalid", { t });
        ratiosOk = false;
      } else sum = sum.plus(ratio);
    });
    if (ratiosOk && c.tranches.length > 0 && !sum.eq(1)) at("ratioSum", { sum: sum.toString() });
  });
  return out;
}

/** The categories as the API takes them (numbers, tranches numbered 1, 2, 3...). */
export function categoriesBody(categories: readonly CategoryDraft[]) {
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v.trim()));
  return categories.map((c) => ({
    code: num(c.code),
    name: c.name,
    nameEn: c.nameEn,
    tranches: c.tranches.map((tr, i) => ({
      index: i + 1,
      startMonths: num(tr.startMonths),
      endMonths: num(tr.endMonths),
      ratio: tr.ratio.trim(),
    })),
  }));
}
