"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { grantAwardsAction } from "./actions";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";

type Category = { id: string; label: string };
type Row = {
  key: number;
  include: boolean;
  employeeNo: string;
  name?: string;
  categoryId: string;
  quantity: string;
  listed?: number;
};
type Done = { batchId: string; count: number; quantity: number };

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const cell = "rounded-md border border-slate-300 px-2 py-1 text-base";

/** Form for a grant batch: a first grant starts from the verified list, a reserved grant from empty rows. */
export function GrantForm({
  planId,
  categories,
  listRows,
  listState,
  today,
}: {
  planId: string;
  categories: Category[];
  listRows: { employeeNo: string; name: string; categoryId: string; quantity: number }[];
  listState: "none" | "stale" | "verified";
  today: string;
}) {
  const t = useTranslations("hrGrants");
  const [batch, setBatch] = useState<"first" | "reserved">(listRows.length > 0 ? "first" : "reserved");
  const fromList = () =>
    listRows.map((r, i) => ({
      key: i,
      include: true,
      employeeNo: r.employeeNo,
      name: r.name,
      categoryId: r.categoryId,
      quantity: String(r.quantity),
      listed: r.quantity,
    }));
  const blank = (key: number): Row => ({
    key,
    include: true,
    employeeNo: "",
    categoryId: categories[0]?.id ?? "",
    quantity: "",
  });
  const [rows, setRows] = useState<Row[]>(batch === "first" ? fromList() : [blank(0)]);
  const [result, setResult] = useState<ActionResult<Done> | null>(null);
  const [pending, start] = useTransition();

  const switchBatch = (b: "first" | "reserved") => {
    setBatch(b);
    setRows(b === "first" ? fromList() : [blank(0)]);
    setResult(null);
  };
  const update = (key: number, patch: Partial<Row>) =>
    setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const chosen = rows.filter((r) => r.include && r.employeeNo.trim() !== "");
  const total = chosen.reduce((s, r) => s + (Number(r.quantity) || 0), 0);

  return (
    <form
      className="space-y-4"
      data-testid="grant-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const board = String(f.get("boardResolutionDate") ?? "");
        const body = {
          batch,
          grantDate: String(f.get("grantDate") ?? ""),
          grantPrice: String(f.get("grantPrice") ?? "").trim(),
          boardResolutionDate: board || undefined,
          items: chosen.map((r) => ({
            employeeNo: r.employeeNo.trim(),
            categoryId: r.categoryId,
            quantity: Number(r.quantity),
          })),
        };
        start(async () => setResult(await grantAwardsAction({ planId, body })));
      }}
    >
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="sr-only">{t("batch")}</legend>
        {(["first", "reserved"] as const).map((b) => (
          <label key={b} className="flex items-center gap-2">
            <input
              type="radio"
              name="batch"
              checked={batch === b}
              onChange={() => switchBatch(b)}
              data-testid={`grant-batch-${b}`}
            />{" "}
            {t(`batches.${b}`)}
          </label>
        ))}
      </fieldset>
      {batch === "first" && listState !== "verified" && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="list-state">
          {t(`listState.${listState}`)}
        </p>
      )}

      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("grantDate")}</span>
          <input
            type="date"
            name="grantDate"
            required
            defaultValue={today}
            className={input}
            data-testid="grant-date"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("grantPrice")}</span>
          <input
            name="grantPrice"
            required
            inputMode="decimal"
            pattern="\d+(\.\d{1,2})?"
            placeholder="39.58"
            className={input}
            data-testid="grant-price"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("boardResolutionDate")}</span>
          <input type="date" name="boardResolutionDate" className={input} />
        </label>
      </div>

      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="grant-rows">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-2 py-2"></th>
              <th className="px-2 py-2">{t("employeeNo")}</th>
              <th className="px-2 py-2">{t("category")}</th>
              <th className="px-2 py-2 text-right">{t("quantity")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-t border-slate-100">
                <td className="px-2 py-1">
                  <input
                    type="checkbox"
                    checked={r.include}
                    onChange={(e) => update(r.key, { include: e.target.checked })}
                    aria-label={t("include")}
                  />
                </td>
                <td className="px-2 py-1">
                  {batch === "first" ? (
                    <span className="whitespace-nowrap">
                      {r.employeeNo} {r.name}
                    </span>
                  ) : (
                    <input
                      value={r.employeeNo}
                      onChange={(e) => update(r.key, { employeeNo: e.target.value })}
                      className={`${cell} w-28`}
                      placeholder="E00001"
                      data-testid="row-employee"
                    />
                  )}
                </td>
                <td className="px-2 py-1">
                  <select
                    value={r.categoryId}
                    disabled={batch === "first"}
                    onChange={(e) => update(r.key, { categoryId: e.target.value })}
                    className={cell}
                  >
                    {categories.map((c) => (
                      <option key={c.id} value={c.id}>
                        {c.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="px-2 py-1 text-right">
                  <input
                    value={r.quantity}
                    onChange={(e) => update(r.key, { quantity: e.target.value.replace(/\D/g, "") })}
                    inputMode="numeric"
                    className={`${cell} w-28 text-right tabular`}
                    data-testid="row-quantity"
                  />
                  {r.listed !== undefined && (
                    <span className="block text-xs text-slate-500">{t("listed", { n: r.listed })}</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {batch === "reserved" && (
        <button
          type="button"
          onClick={() => setRows((rs) => [...rs, blank(Math.max(0, ...rs.map((r) => r.key)) + 1)])}
          className="text-sm text-brand-700 hover:underline"
          data-testid="add-row"
        >
          + {t("addRow")}
        </button>
      )}
      <p className="text-sm text-slate-600" data-testid="grant-total">
        {t("total", { people: chosen.length, quantity: total })}
      </p>

      <RefusalBox refusal={result} />
      {result?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="grant-done"
        >
          {t("done", { count: result.data.count, quantity: result.data.quantity })}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || chosen.length === 0}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="grant-submit"
      >
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
