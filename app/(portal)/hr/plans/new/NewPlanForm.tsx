"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { verifyingBodyFor } from "@/lib/domain/process/processRules";
import { createPlanAction, updatePlanAction } from "./actions";
import { RefusalBox, type Refusal } from "@/app/(portal)/hr/_components/RefusalBox";

export type Tranche = { startMonths: string; endMonths: string; ratio: string };
const PRESETS = ["2022 rules", "2024-05-24 rules"] as const;
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const label = "block text-sm font-medium";

/** Values of a draft plan to edit (the form then saves it instead of creating a new one). */
export type PlanFormEdit = { planId: string; fields: Partial<Record<string, string>>; tranches: Tranche[] };

/** The plan form: presets for the blackout rule set and the verifying body, one category with editable tranches; creates or edits a draft. */
export function NewPlanForm({
  today,
  defaultVerifyingBody,
  edit,
}: {
  today: string;
  defaultVerifyingBody: string;
  edit?: PlanFormEdit;
}) {
  const t = useTranslations("hrPlans");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [f, setF] = useState({
    name: "",
    nameEn: "",
    announcementDate: "",
    boardApprovalDate: "",
    generalMeetingDate: "",
    totalQuantity: "",
    firstGrantQuantity: "",
    reservedQuantity: "",
    shareCapitalAtAnnouncement: "",
    validityMonths: "60",
    rule: "2024-05-24 rules" as string,
    ruleName: "",
    annualDays: "15",
    quarterlyDays: "5",
    verifyingBody: "auto",
    code: "1",
    categoryName: "",
    categoryNameEn: "",
    ...edit?.fields,
  });
  const [tranches, setTranches] = useState<Tranche[]>(
    edit?.tranches ?? [
      { startMonths: "12", endMonths: "24", ratio: "0.4" },
      { startMonths: "24", endMonths: "36", ratio: "0.3" },
      { startMonths: "36", endMonths: "48", ratio: "0.3" },
    ],
  );
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const autoBody = f.boardApprovalDate ? verifyingBodyFor(f.boardApprovalDate) : defaultVerifyingBody;
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v.replace(/[,\s]/g, "")));
  const setTranche = (i: number, k: keyof Tranche, v: string) =>
    setTranches(tranches.map((tr, j) => (j === i ? { ...tr, [k]: v } : tr)));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const body = {
      name: f.name,
      nameEn: f.nameEn,
      announcementDate: f.announcementDate || null,
      boardApprovalDate: f.boardApprovalDate || null,
      generalMeetingDate: f.generalMeetingDate || null,
      totalQuantity: num(f.totalQuantity),
      firstGrantQuantity: num(f.firstGrantQuantity),
      reservedQuantity: num(f.reservedQuantity),
      shareCapitalAtAnnouncement: num(f.shareCapitalAtAnnouncement),
      validityMonths: num(f.validityMonths),
      blackoutRule:
        f.rule === "custom"
          ? { name: f.ruleName, annualDays: num(f.annualDays), quarterlyDays: num(f.quarterlyDays) }
          : { preset: f.rule },
      ...(f.verifyingBody === "auto" ? {} : { verifyingBody: f.verifyingBody }),
      categories: [
        {
          code: num(f.code),
          name: f.categoryName,
          nameEn: f.categoryNameEn,
          tranches: tranches.map((tr, i) => ({
            index: i + 1,
            startMonths: num(tr.startMonths),
            endMonths: num(tr.endMonths),
            ratio: tr.ratio.trim(),
          })),
        },
      ],
    };
    startTransition(async () => {
      const result = edit ? await updatePlanAction({ planId: edit.planId, body }) : await createPlanAction(body);
      if (result.ok) router.push(`/hr/plans/${result.data.id}`);
      else setRefusal(result);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-6" data-testid="new-plan-form">
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("form.basics")}</legend>
        <label className={label}>
          {t("form.name")}
          <input required className={input} value={f.name} onChange={set("name")} data-testid="plan-name" />
        </label>
        <label className={label}>
          {t("form.nameEn")}
          <input required className={input} value={f.nameEn} onChange={set("nameEn")} data-testid="plan-name-en" />
        </label>
        <label className={label}>
          {t("form.announcementDate")}
          <input type="date" className={input} value={f.announcementDate} onChange={set("announcementDate")} />
        </label>
        <label className={label}>
          {t("form.boardApprovalDate")}
          <input
            type="date"
            className={input}
            value={f.boardApprovalDate}
            onChange={set("boardApprovalDate")}
            data-testid="plan-board-date"
          />
        </label>
        <label className={label}>
          {t("form.generalMeetingDate")}
          <input type="date" className={input} value={f.generalMeetingDate} onChange={set("generalMeetingDate")} />
        </label>
        <label className={label}>
          {t("form.validityMonths")}
          <input
            required
            inputMode="numeric"
            className={input}
            value={f.validityMonths}
            onChange={set("validityMonths")}
            data-testid="plan-validity"
          />
        </label>
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("form.quantities")}</legend>
        <label className={label}>
          {t("form.shareCapital")}
          <input
            required
            inputMode="numeric"
            className={input}
            value={f.shareCapitalAtAnnouncement}
            onChange={set("shareCapitalAtAnnouncement")}
            data-testid="plan-capital"
          />
        </label>
        <label className={label}>
          {t("form.totalQuantity")}
          <input
            required
            inputMode="numeric"
            className={input}
            value={f.totalQuantity}
            onChange={set("totalQuantity")}
            data-testid="plan-total"
          />
        </label>
        <label className={label}>
          {t("form.firstGrantQuantity")}
          <input
            required
            inputMode="numeric"
            className={input}
            value={f.firstGrantQuantity}
            onChange={set("firstGrantQuantity")}
            data-testid="plan-first"
          />
        </label>
        <label className={label}>
          {t("form.reservedQuantity")}
          <input
            required
            inputMode="numeric"
            className={input}
            value={f.reservedQuantity}
            onChange={set("reservedQuantity")}
            data-testid="plan-reserved"
          />
        </label>
        <p className="text-xs text-slate-500 sm:col-span-2">{t("form.quantityHelp")}</p>
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("form.rules")}</legend>
        <label className={label}>
          {t("form.blackoutRule")}
          <select className={input} value={f.rule} onChange={set("rule")} data-testid="plan-rule">
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`form.preset.${p === "2022 rules" ? "r2022" : "r2024"}`)}
              </option>
            ))}
            <option value="custom">{t("form.preset.custom")}</option>
          </select>
        </label>
        <label className={label}>
          {t("form.verifyingBody")}
          <select
            className={input}
            value={f.verifyingBody}
            onChange={set("verifyingBody")}
            data-testid="plan-verifying-body"
          >
            <option value="auto">
              {t("form.bodyAuto", { body: t(`body.${autoBody as "board_of_supervisors"}`) })}
            </option>
            <option value="board_of_supervisors">{t("body.board_of_supervisors")}</option>
            <option value="remuneration_committee">{t("body.remuneration_committee")}</option>
          </select>
          <span className="mt-1 block text-xs font-normal text-slate-500">{t("form.bodyHelp", { today })}</span>
        </label>
        {f.rule === "custom" && (
          <>
            <label className={label}>
              {t("form.ruleName")}
              <input required className={input} value={f.ruleName} onChange={set("ruleName")} />
            </label>
            <div className="grid grid-cols-2 gap-2">
              <label className={label}>
                {t("form.annualDays")}
                <input
                  required
                  inputMode="numeric"
                  className={input}
                  value={f.annualDays}
                  onChange={set("annualDays")}
                />
              </label>
              <label className={label}>
                {t("form.quarterlyDays")}
                <input
                  required
                  inputMode="numeric"
                  className={input}
                  value={f.quarterlyDays}
                  onChange={set("quarterlyDays")}
                />
              </label>
            </div>
          </>
        )}
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-sm font-semibold">{t("form.category")}</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <label className={label}>
            {t("form.categoryCode")}
            <input required inputMode="numeric" className={input} value={f.code} onChange={set("code")} />
          </label>
          <label className={label}>
            {t("form.categoryName")}
            <input
              required
              className={input}
              value={f.categoryName}
              onChange={set("categoryName")}
              data-testid="category-name"
            />
          </label>
          <label className={label}>
            {t("form.categoryNameEn")}
            <input
              required
              className={input}
              value={f.categoryNameEn}
              onChange={set("categoryNameEn")}
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
              {tranches.map((tr, i) => (
                <tr key={i} data-testid="tranche-row">
                  <td className="py-1 pr-2 tabular">{i + 1}</td>
                  <td className="py-1 pr-2">
                    <input
                      aria-label={t("form.startMonths")}
                      inputMode="numeric"
                      className={input}
                      value={tr.startMonths}
                      onChange={(e) => setTranche(i, "startMonths", e.target.value)}
                    />
                  </td>
                  <td className="py-1 pr-2">
                    <input
                      aria-label={t("form.endMonths")}
                      inputMode="numeric"
                      className={input}
                      value={tr.endMonths}
                      onChange={(e) => setTranche(i, "endMonths", e.target.value)}
                    />
                  </td>
                  <td className="py-1 pr-2">
                    <input
                      aria-label={t("form.ratio")}
                      inputMode="decimal"
                      className={input}
                      value={tr.ratio}
                      onChange={(e) => setTranche(i, "ratio", e.target.value)}
                    />
                  </td>
                  <td className="py-1">
                    <button
                      type="button"
                      disabled={tranches.length === 1}
                      onClick={() => setTranches(tranches.filter((_, j) => j !== i))}
                      className="rounded-md px-2 py-1 text-sm text-rose-700 hover:bg-rose-50 disabled:opacity-40"
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
          onClick={() => {
            const last = tranches.at(-1);
            setTranches([
              ...tranches,
              {
                startMonths: last?.endMonths ?? "12",
                endMonths: String(Number(last?.endMonths ?? 12) + 12),
                ratio: "",
              },
            ]);
          }}
          className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
          data-testid="tranche-add"
        >
          {t("form.addTranche")}
        </button>
        <p className="text-xs text-slate-500">{t("form.ratioHelp")}</p>
      </fieldset>

      {refusal && <RefusalBox refusal={refusal} />}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="plan-submit"
      >
        {pending ? t("form.saving") : edit ? t("form.save") : t("form.submit")}
      </button>
    </form>
  );
}
