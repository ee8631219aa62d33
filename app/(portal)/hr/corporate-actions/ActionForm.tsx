"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { AdjustmentPreviewItem } from "@/lib/features/corporate-actions/queries";
import type { ActionResult } from "@/lib/auth/procedures/action";
import type { CorporateActionType } from "@/lib/domain/adjustments/corporateActions";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { previewAction, recordAction } from "./actions";
import { RatioField, ratioOf } from "./RatioField";

const TYPES = [
  "capitalisation",
  "bonus",
  "split",
  "rights",
  "consolidation",
  "dividend",
  "dividend_bonus",
  "issuance",
] as const satisfies readonly CorporateActionType[];
type ActionType = (typeof TYPES)[number];
type Param = "n" | "v" | "p1" | "p2";
/** Parameters each type's formula uses (issuance adjusts nothing). */
const PARAMS: Record<ActionType, Param[]> = {
  capitalisation: ["n"],
  bonus: ["n"],
  split: ["n"],
  rights: ["n", "p1", "p2"],
  consolidation: ["n"],
  dividend: ["v"],
  dividend_bonus: ["v", "n"],
  issuance: [],
};
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
type Status = "scheduled" | "applied";

/**
 * Corporate action form: parameters per type (the share ratio in the announcement's words, converted to
 * the per-share n the API takes), preview of every affected grant, then confirmation. A ratio that more
 * than doubles quantities must be ticked before it can be recorded.
 */
export function ActionForm() {
  const t = useTranslations("hrActions");
  const [type, setType] = useState<ActionType>("dividend");
  const [values, setValues] = useState<Record<string, string>>({
    exDate: "",
    n: "",
    v: "",
    p1: "",
    p2: "",
    description: "",
  });
  const [largeConfirmed, setLargeConfirmed] = useState(false);
  const [preview, setPreview] = useState<ActionResult<{ status: Status; items: AdjustmentPreviewItem[] }> | null>(null);
  const [recorded, setRecorded] = useState<ActionResult<{
    id: string;
    affected: number;
    status: Status;
    exDate: string;
  }> | null>(null);
  const [pending, start] = useTransition();
  const ratio = ratioOf(type, values.n ?? "", { p1: values.p1, p2: values.p2 });
  const body = () => ({
    type,
    exDate: values.exDate ?? "",
    ...Object.fromEntries(PARAMS[type].map((p) => [p, p === "n" ? (ratio.n ?? "") : (values[p] ?? "")])),
  });
  const reset = () => {
    // Any change invalidates the preview: only what was previewed can be confirmed.
    setPreview(null);
    setRecorded(null);
  };
  const set = (k: string, v: string) => {
    setValues((old) => ({ ...old, [k]: v }));
    if (k === "n") setLargeConfirmed(false);
    reset();
  };
  const previewed = preview?.ok ? preview.data : null;
  const needsTick = PARAMS[type].includes("n") && ratio.large && !largeConfirmed;
  return (
    <div className="space-y-4" data-testid="action-form">
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("type")}</span>
          <select
            value={type}
            onChange={(e) => {
              setType(e.target.value as ActionType);
              setLargeConfirmed(false);
              reset();
            }}
            className={input}
            data-testid="action-type"
          >
            {TYPES.map((k) => (
              <option key={k} value={k}>
                {t(`types.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("exDate")}</span>
          <input
            type="date"
            value={values.exDate}
            onChange={(e) => set("exDate", e.target.value)}
            className={input}
            data-testid="action-exdate"
          />
        </label>
        {PARAMS[type].map((p) =>
          p === "n" ? (
            <RatioField
              key={p}
              type={type}
              entered={values.n ?? ""}
              others={{ p1: values.p1, p2: values.p2 }}
              confirmed={largeConfirmed}
              onChange={(v) => set("n", v)}
              onConfirm={setLargeConfirmed}
            />
          ) : (
            <label key={p} className="block text-sm">
              <span className="font-medium">{t(`params.${p}`)}</span>
              <input
                inputMode="decimal"
                value={values[p]}
                onChange={(e) => set(p, e.target.value.trim())}
                placeholder="0.00"
                className={input}
                data-testid={`action-${p}`}
              />
            </label>
          ),
        )}
        <label className="block text-sm sm:col-span-3">
          <span className="font-medium">{t("description")}</span>
          <input
            value={values.description}
            onChange={(e) => setValues((o) => ({ ...o, description: e.target.value }))}
            maxLength={500}
            className={input}
          />
        </label>
      </div>
      <p className="text-xs text-slate-500">{t(`formula.${type}`)}</p>
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          disabled={pending}
          onClick={() =>
            start(async () => {
              setRecorded(null);
              setPreview(await previewAction(body()));
            })
          }
          className="rounded-md border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60"
          data-testid="action-preview"
        >
          {t("preview")}
        </button>
        <button
          type="button"
          disabled={pending || previewed === null || recorded?.ok === true || needsTick}
          onClick={() =>
            start(async () =>
              setRecorded(
                await recordAction({
                  ...body(),
                  confirm: true,
                  confirmLargeRatio: largeConfirmed || undefined,
                  description: values.description || undefined,
                }),
              ),
            )
          }
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          data-testid="action-confirm"
        >
          {t("confirm")}
        </button>
      </div>
      <RefusalBox refusal={preview} />
      <RefusalBox refusal={recorded} />
      {recorded?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="action-recorded"
          data-status={recorded.data.status}
        >
          {recorded.data.status === "scheduled"
            ? t("recordedScheduled", { date: recorded.data.exDate, count: recorded.data.affected })
            : t("recorded", { count: recorded.data.affected })}
        </p>
      )}
      {previewed && <PreviewTable status={previewed.status} exDate={values.exDate ?? ""} items={previewed.items} />}
    </div>
  );
}

/** The previewed grants, before → after; for a scheduled action, what its ex-date will bring. */
function PreviewTable({ status, exDate, items }: { status: Status; exDate: string; items: AdjustmentPreviewItem[] }) {
  const t = useTranslations("hrActions");
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium" data-testid="preview-count" data-status={status}>
        {status === "scheduled"
          ? t("affectedScheduled", { date: exDate, count: items.length })
          : t("affected", { count: items.length })}
      </p>
      {items.length > 0 && (
        <div className="max-h-96 overflow-auto rounded-md border border-slate-200">
          <table className="w-full min-w-[560px] text-left text-sm" data-testid="preview-table">
            <thead className="sticky top-0 bg-slate-50 text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("person")}</th>
                <th className="px-3 py-2">{t("priceBeforeAfter")}</th>
                <th className="px-3 py-2">{t("quantityBeforeAfter")}</th>
                <th className="px-3 py-2">{t("flags")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.grantId} className="border-t border-slate-100">
                  <td className="px-3 py-1.5">
                    {i.employeeNo} {i.personName}
                  </td>
                  <td className="px-3 py-1.5 tabular">
                    {i.priceBefore} → {i.priceAfter}
                  </td>
                  <td className="px-3 py-1.5 tabular">
                    {i.quantityBefore} → {i.quantityAfter}
                  </td>
                  <td className="px-3 py-1.5 text-xs text-amber-800">{i.flags.join(", ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
