"use client";
import { useTranslations } from "next-intl";
import { newCategory, nextTranche, type CategoryDraft, type FormProblem, type TrancheDraft } from "./planFormModel";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base disabled:bg-slate-50";
const label = "block text-sm font-medium";
const smallButton = "rounded-md px-2 py-1 text-sm text-rose-700 hover:bg-rose-50 disabled:opacity-40";

/**
 * The plan's participant categories, each with its own tranches (第一类 / 第二类 激励对象 with different
 * vesting periods): add and remove categories and tranches. A category with grants keeps its arrangement
 * (its tranches are read-only and it cannot be removed); a stored category keeps its code.
 */
export function CategoriesEditor({
  categories,
  onChange,
  problems,
  disabled = false,
}: {
  categories: CategoryDraft[];
  onChange: (next: CategoryDraft[]) => void;
  /** Problems to show (the form passes them once the user tried to submit). */
  problems: FormProblem[];
  disabled?: boolean;
}) {
  const t = useTranslations("hrPlans");
  const problemText = (p: FormProblem) => t(`form.errors.${p.key}`, p.values);
  const update = (i: number, patch: Partial<CategoryDraft>) =>
    onChange(categories.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  const setTranche = (i: number, ti: number, k: keyof TrancheDraft, v: string) =>
    update(i, { tranches: categories[i]!.tranches.map((tr, j) => (j === ti ? { ...tr, [k]: v } : tr)) });
  const general = problems.filter((p) => p.category === null);

  return (
    <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="categories-editor">
      <legend className="px-1 text-sm font-semibold">{t("form.category")}</legend>
      <p className="text-xs text-slate-500">{t("form.categoriesHelp")}</p>
      {general.length > 0 && <ProblemList items={general.map(problemText)} />}
      {categories.map((c, i) => {
        const locked = c.grants > 0;
        const fixed = disabled || locked;
        const own = problems.filter((p) => p.category === i);
        return (
          <div key={c.key} className="space-y-3 rounded-md border border-slate-200 p-3" data-testid="category-block">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="text-sm font-semibold">{t("form.categoryHeading", { n: i + 1 })}</h3>
              <button
                type="button"
                disabled={fixed || categories.length === 1}
                onClick={() => onChange(categories.filter((_, j) => j !== i))}
                className={smallButton}
                data-testid="category-remove"
              >
                {t("form.removeCategory")}
              </button>
            </div>
            {locked && (
              <p className="rounded-md bg-amber-50 p-2 text-xs text-amber-900" data-testid="category-locked">
                {t("form.categoryLocked", { grants: c.grants })}
              </p>
            )}
            <div className="grid gap-4 sm:grid-cols-3">
              <label className={label}>
                {t("form.categoryCode")}
                <input
                  required
                  inputMode="numeric"
                  disabled={disabled || c.stored}
                  className={input}
                  value={c.code}
                  onChange={(e) => update(i, { code: e.target.value })}
                  data-testid="category-code"
                />
              </label>
              <label className={label}>
                {t("form.categoryName")}
                <input
                  required
                  disabled={disabled}
                  className={input}
                  value={c.name}
                  onChange={(e) => update(i, { name: e.target.value })}
                  data-testid="category-name"
                />
              </label>
              <label className={label}>
                {t("form.categoryNameEn")}
                <input
                  required
                  disabled={disabled}
                  className={input}
                  value={c.nameEn}
                  onChange={(e) => update(i, { nameEn: e.target.value })}
                  data-testid="category-name-en"
                />
              </label>
            </div>
            <div className="overflow-x-auto">
              <table className="w-full min-w-[420px] text-left text-sm" data-testid="tranche-table">
                <thead className="text-slate-600">
                  <tr>
                    <th className="py-1 pr-2">#</th>
                    <th className="py-1 pr-2">{t("form.startMonths")}</th>
                    <th className="py-1 pr-2">{t("form.endMonths")}</th>
                    <th className="py-1 pr-2">{t("form.ratio")}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {c.tranches.map((tr, ti) => (
                    <tr key={ti} data-testid="tranche-row">
                      <td className="py-1 pr-2 tabular">{ti + 1}</td>
                      {(["startMonths", "endMonths", "ratio"] as const).map((k) => (
                        <td key={k} className="py-1 pr-2">
                          <input
                            aria-label={`${t(`form.${k}`)} ${ti + 1}`}
                            inputMode={k === "ratio" ? "decimal" : "numeric"}
                            disabled={fixed}
                            className={input}
                            value={tr[k]}
                            onChange={(e) => setTranche(i, ti, k, e.target.value)}
                          />
                        </td>
                      ))}
                      <td className="py-1">
                        <button
                          type="button"
                          disabled={fixed || c.tranches.length === 1}
                          onClick={() => update(i, { tranches: c.tranches.filter((_, j) => j !== ti) })}
                          className={smallButton}
                          data-testid="tranche-remove"
                        >
                          {t("form.removeTranche")}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button
              type="button"
              disabled={fixed}
              onClick={() => update(i, { tranches: [...c.tranches, nextTranche(c.tranches)] })}
              className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-40"
              data-testid="tranche-add"
            >
              {t("form.addTranche")}
            </button>
            {own.length > 0 && <ProblemList items={own.map(problemText)} />}
          </div>
        );
      })}
      <button
        type="button"
        disabled={disabled || categories.length >= 20}
        onClick={() => onChange([...categories, newCategory(categories)])}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-40"
        data-testid="category-add"
      >
        {t("form.addCategory")}
      </button>
      <p className="text-xs text-slate-500">{t("form.ratioHelp")}</p>
    </fieldset>
  );
}

function ProblemList({ items }: { items: string[] }) {
  return (
    <ul className="list-disc space-y-0.5 pl-5 text-sm text-rose-700" role="alert" data-testid="form-problems">
      {items.map((text, i) => (
        <li key={i}>{text}</li>
      ))}
    </ul>
  );
}
