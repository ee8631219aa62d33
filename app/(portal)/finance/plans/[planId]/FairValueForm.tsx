"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { recordFairValueAction } from "./actions";

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/** Percent as typed ("20.42") to the fraction the API takes ("0.2042"), exactly, by moving the decimal point. */
function fractionOf(percent: string): string {
  const v = percent.trim();
  if (!/^-?\d+(\.\d+)?$/.test(v)) return v;
  const negative = v.startsWith("-");
  const [whole = "0", frac = ""] = v.replace("-", "").split(".");
  const digits = whole.padStart(3, "0") + frac;
  const point = digits.length - frac.length - 2;
  const text = `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/^0+(?=\d)/, "").replace(/\.?0+$/, "");
  return `${negative ? "-" : ""}${text || "0"}`;
}

export interface FairValueFormProps {
  planId: string;
  batches: { id: string; label: string }[];
  categories: { id: string; label: string; defaultQuantity: number }[];
  termMonths: number[];
}

/** Records the Black–Scholes inputs of a grant resolution or of the plan draft's projection. */
export function FairValueForm({ planId, batches, categories, termMonths }: FairValueFormProps) {
  const t = useTranslations("financeExpense");
  const [target, setTarget] = useState<string>(batches[0]?.id ?? "draft");
  const [values, setValues] = useState<Record<string, string>>({
    sharePrice: "",
    dividendYield: "0",
    grantPrice: "",
    valuationDate: "",
    source: "",
  });
  const [terms, setTerms] = useState<Record<number, { volatility: string; riskFreeRate: string }>>({});
  const [quantities, setQuantities] = useState<Record<string, string>>(
    Object.fromEntries(categories.map((c) => [c.id, String(c.defaultQuantity)])),
  );
  const [result, setResult] = useState<ActionResult<{ fairValues: { months: number; fairValue: string }[] }> | null>(
    null,
  );
  const [pending, start] = useTransition();
  const set = (k: string, v: string) => setValues((old) => ({ ...old, [k]: v }));
  const draft = target === "draft";

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const common = {
      sharePrice: values.sharePrice ?? "",
      dividendYield: fractionOf(values.dividendYield ?? "0"),
      terms: termMonths.map((months) => ({
        months,
        volatility: fractionOf(terms[months]?.volatility ?? ""),
        riskFreeRate: fractionOf(terms[months]?.riskFreeRate ?? ""),
      })),
      convention: "monthly" as const,
      ...(values.source ? { source: values.source } : {}),
    };
    const measurement = draft
      ? {
          kind: "draft_projection" as const,
          valuationDate: values.valuationDate ?? "",
          grantPrice: values.grantPrice ?? "",
          quantities: categories.map((c) => ({ categoryId: c.id, quantity: Number(quantities[c.id] ?? 0) })),
          ...common,
        }
      : { kind: "grant" as const, grantBatchId: target, ...common };
    start(async () => setResult(await recordFairValueAction({ planId, measurement })));
  }

  return (
    <form
      onSubmit={submit}
      className="space-y-4 rounded-md border border-slate-200 bg-white p-4"
      data-testid="fair-value-form"
    >
      <label className="block text-sm">
        <span className="font-medium">{t("formKind")}</span>
        <select value={target} onChange={(e) => setTarget(e.target.value)} className={field} data-testid="fv-target">
          {batches.map((b) => (
            <option key={b.id} value={b.id}>
              {b.label}
            </option>
          ))}
          <option value="draft">{t("formDraft")}</option>
        </select>
      </label>
      <div className="grid gap-3 sm:grid-cols-3">
        {draft && (
          <>
            <Field
              label={t("assumedDate")}
              type="date"
              value={values.valuationDate ?? ""}
              onChange={(v) => set("valuationDate", v)}
              testId="fv-valuation-date"
            />
            <Field
              label={t("grantPrice")}
              inputMode="decimal"
              value={values.grantPrice ?? ""}
              onChange={(v) => set("grantPrice", v)}
              testId="fv-grant-price"
            />
          </>
        )}
        <Field
          label={t("sharePrice")}
          inputMode="decimal"
          value={values.sharePrice ?? ""}
          onChange={(v) => set("sharePrice", v)}
          testId="fv-share-price"
        />
        <Field
          label={t("dividendYield")}
          hint={t("percentHint")}
          inputMode="decimal"
          value={values.dividendYield ?? ""}
          onChange={(v) => set("dividendYield", v)}
          testId="fv-dividend-yield"
        />
      </div>
      {draft &&
        categories.map((c) => (
          <Field
            key={c.id}
            label={t("assumedShares", { category: c.label })}
            inputMode="numeric"
            value={quantities[c.id] ?? ""}
            onChange={(v) => setQuantities((old) => ({ ...old, [c.id]: v }))}
            testId="fv-quantity"
          />
        ))}
      <fieldset className="space-y-2">
        {termMonths.map((months) => (
          <div key={months} className="grid gap-3 sm:grid-cols-3" data-testid="fv-term">
            <p className="self-end pb-2 text-sm font-medium">{t("termLabel", { n: months })}</p>
            {(["volatility", "riskFreeRate"] as const).map((key) => (
              <Field
                key={key}
                label={t(key)}
                hint={t("percentHint")}
                inputMode="decimal"
                value={terms[months]?.[key] ?? ""}
                onChange={(v) =>
                  setTerms((old) => ({
                    ...old,
                    [months]: { volatility: "", riskFreeRate: "", ...old[months], [key]: v },
                  }))
                }
                testId={`fv-${key === "volatility" ? "volatility" : "rate"}-${months}`}
              />
            ))}
          </div>
        ))}
      </fieldset>
      <Field
        label={t("source")}
        value={values.source ?? ""}
        onChange={(v) => set("source", v)}
        maxLength={500}
        testId="fv-source"
      />
      <RefusalBox refusal={result} />
      {result?.ok && (
        <p
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          role="status"
          data-testid="fv-recorded"
        >
          {t("recorded", {
            values: result.data.fairValues.map((f) => `${t("months", { n: f.months })} ${f.fairValue}`).join(" · "),
          })}
        </p>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900 disabled:opacity-60"
        data-testid="fv-submit"
      >
        {t("record")}
      </button>
    </form>
  );
}

/** One labelled input of the form, with an optional unit hint beside the label. */
function Field(props: {
  label: string;
  hint?: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  type?: "text" | "date";
  inputMode?: "decimal" | "numeric";
  maxLength?: number;
}) {
  return (
    <label className="block text-sm">
      <span className="font-medium">{props.label}</span>
      {props.hint && <span className="ml-1 text-xs text-slate-500">{props.hint}</span>}
      <input
        type={props.type ?? "text"}
        inputMode={props.inputMode}
        value={props.value}
        maxLength={props.maxLength}
        onChange={(e) => props.onChange(e.target.value)}
        className={field}
        data-testid={props.testId}
      />
    </label>
  );
}
