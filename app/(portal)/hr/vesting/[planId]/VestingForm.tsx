"use client";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import type { VestingRunPreview } from "@/lib/features/vesting/vestingRun";
import type { VestingRunInput } from "@/lib/features/vesting/schemas";
import type { BlackoutWindow } from "@/lib/domain/blackout/blackoutWindows";
import { describeBlackoutWindow } from "@/lib/domain/blackout/describeBlackoutWindow";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { confirmVestingAction, parseGradesAction, previewVestingAction } from "./actions";

type Options = {
  batches: { id: string; label: string }[];
  categories: { id: string; label: string; tranches: { index: number; label: string }[] }[];
};
type Grade = { employeeNo: string; grade: string };

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const button =
  "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

function toBase64(buffer: ArrayBuffer): string {
  let binary = "";
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Blackout windows named in a refusal, so HR reads why a date was refused. */
function blackoutWindows(result: ActionResult<unknown> | null): BlackoutWindow[] {
  if (!result || result.ok) return [];
  const details = result.details as { violations?: { code: string; details: { windows?: BlackoutWindow[] } }[] } | null;
  return (details?.violations ?? []).flatMap((v) => (v.code === "IN_BLACKOUT" ? (v.details.windows ?? []) : []));
}

/** Vesting run: choose the tranche and date, import grades, preview per person, then confirm. */
export function VestingForm({ planId, options, today }: { planId: string; options: Options; today: string }) {
  const t = useTranslations("hrVesting");
  const locale = useLocale() === "en" ? "en" : "zh-CN";
  const [categoryId, setCategoryId] = useState(options.categories[0]?.id ?? "");
  const tranches = options.categories.find((c) => c.id === categoryId)?.tranches ?? [];
  const [grades, setGrades] = useState<Grade[]>([]);
  const [csv, setCsv] = useState("");
  const [gradeResult, setGradeResult] = useState<ActionResult<Grade[]> | null>(null);
  const [preview, setPreview] = useState<ActionResult<VestingRunPreview> | null>(null);
  const [confirmed, setConfirmed] = useState<ActionResult<{
    runId: string;
    totals: VestingRunPreview["totals"];
  }> | null>(null);
  const [submitted, setSubmitted] = useState<VestingRunInput | null>(null);
  const [pending, start] = useTransition();

  const loadGrades = (call: () => Promise<ActionResult<Grade[]>>) =>
    start(async () => {
      const r = await call();
      setGradeResult(r);
      if (r.ok) setGrades(r.data);
      setPreview(null);
    });
  const windows = blackoutWindows(preview);
  const shown = preview?.ok ? preview.data : null;

  return (
    <div className="space-y-4">
      <form
        className="space-y-4"
        data-testid="vesting-form"
        onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          const runInput: VestingRunInput = {
            batch: String(f.get("batch")),
            categoryId,
            trancheIndex: Number(f.get("tranche")),
            vestingDate: String(f.get("vestingDate")),
            companyRatio: String(f.get("companyRatio")).trim(),
            fiscalYear: Number(f.get("fiscalYear")),
            grades,
          };
          setSubmitted(runInput);
          setConfirmed(null);
          start(async () => setPreview(await previewVestingAction({ planId, input: runInput })));
        }}
      >
        <div className="grid gap-3 sm:grid-cols-3">
          <label className="block text-sm">
            <span className="font-medium">{t("batch")}</span>
            <select name="batch" className={input} data-testid="run-batch">
              {options.batches.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.label}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("category")}</span>
            <select
              value={categoryId}
              onChange={(e) => setCategoryId(e.target.value)}
              className={input}
              data-testid="run-category"
            >
              {options.categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("tranche")}</span>
            <select name="tranche" className={input} data-testid="run-tranche">
              {tranches.map((x) => (
                <option key={x.index} value={x.index}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("vestingDate")}</span>
            <input
              type="date"
              name="vestingDate"
              required
              defaultValue={today}
              className={input}
              data-testid="run-date"
            />
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("companyRatio")}</span>
            <input
              name="companyRatio"
              required
              defaultValue="1"
              inputMode="decimal"
              pattern="(0(\.\d{1,4})?|1(\.0{1,4})?)"
              className={input}
              data-testid="run-company-ratio"
            />
            <span className="text-xs text-slate-500">{t("companyRatioHelp")}</span>
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("fiscalYear")}</span>
            <input
              type="number"
              name="fiscalYear"
              required
              defaultValue={Number(today.slice(0, 4)) - 1}
              min={2000}
              max={2100}
              className={input}
              data-testid="run-fiscal-year"
            />
          </label>
        </div>

        <fieldset className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
          <legend className="px-1 text-sm font-medium">{t("grades")}</legend>
          <p className="text-xs text-slate-500">{t("gradesHelp")}</p>
          <input
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            className="block w-full text-sm"
            data-testid="grades-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const data = toBase64(await file.arrayBuffer());
              loadGrades(() => parseGradesAction({ kind: "xlsx", data }));
            }}
          />
          <textarea
            value={csv}
            onChange={(e) => setCsv(e.target.value)}
            rows={4}
            placeholder={"工号,考核等级\nE00100,A"}
            className={`${input} font-mono text-sm`}
            data-testid="grades-csv"
          />
          <button
            type="button"
            disabled={pending || csv.trim() === ""}
            onClick={() => loadGrades(() => parseGradesAction({ kind: "csv", data: csv }))}
            className="text-sm text-brand-700 hover:underline disabled:opacity-50"
            data-testid="grades-csv-load"
          >
            {t("loadCsv")}
          </button>
          <RefusalBox refusal={gradeResult} />
          <p className="text-sm text-slate-700" data-testid="grades-count">
            {t("gradesLoaded", { n: grades.length })}
          </p>
        </fieldset>

        <button type="submit" disabled={pending} className={button} data-testid="run-preview">
          {t("preview")}
        </button>
      </form>

      <RefusalBox refusal={preview} />
      {windows.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-red-800" data-testid="blackout-reasons">
          {windows.map((w) => (
            <li key={`${w.id}-${w.from}`}>{describeBlackoutWindow(w, locale)}</li>
          ))}
        </ul>
      )}

      {shown && (
        <section className="space-y-3" data-testid="run-preview-result">
          <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="date-ok">
            {t("dateOk", { date: shown.vestingDate, open: shown.window.open ?? "—", close: shown.window.close ?? "—" })}
          </p>
          <p className="text-sm" data-testid="run-totals">
            {t("totals", { planned: shown.totals.planned, vested: shown.totals.vested, lapsed: shown.totals.lapsed })}
          </p>
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="min-w-full text-sm" data-testid="run-rows">
              <thead className="bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-2 py-2">{t("employeeNo")}</th>
                  <th className="px-2 py-2">{t("name")}</th>
                  <th className="px-2 py-2">{t("grade")}</th>
                  <th className="px-2 py-2 text-right">{t("planned")}</th>
                  <th className="px-2 py-2 text-right">{t("individualRatio")}</th>
                  <th className="px-2 py-2 text-right">{t("vested")}</th>
                  <th className="px-2 py-2 text-right">{t("lapsed")}</th>
                  <th className="px-2 py-2">{t("note")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.rows.map((r) => (
                  <tr key={r.grantId} className="border-t border-slate-100">
                    <td className="px-2 py-1 tabular">{r.employeeNo}</td>
                    <td className="px-2 py-1 whitespace-nowrap">{r.name}</td>
                    <td className="px-2 py-1">{r.grade ?? "—"}</td>
                    <td className="px-2 py-1 text-right tabular">{r.planned}</td>
                    <td className="px-2 py-1 text-right tabular">{r.individualRatio ?? "—"}</td>
                    <td className="px-2 py-1 text-right tabular">{r.vested}</td>
                    <td className="px-2 py-1 text-right tabular">{r.lapsed}</td>
                    <td className="px-2 py-1">{r.note === "left" ? t("left") : ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <RefusalBox refusal={confirmed} />
          {confirmed?.ok ? (
            <p
              role="status"
              className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
              data-testid="run-recorded"
            >
              {t("recorded", { vested: confirmed.data.totals.vested })}
            </p>
          ) : (
            <button
              type="button"
              disabled={pending || !submitted}
              className={button}
              data-testid="run-confirm"
              onClick={() => {
                if (
                  !submitted ||
                  !window.confirm(t("confirmQuestion", { vested: shown.totals.vested, date: shown.vestingDate }))
                )
                  return;
                start(async () => setConfirmed(await confirmVestingAction({ planId, input: submitted })));
              }}
            >
              {t("confirm")}
            </button>
          )}
        </section>
      )}
    </div>
  );
}
