"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import type { StatementPreview } from "@/lib/features/vesting-batches/statementImport";
import { RefusalBox, useRefusalText } from "@/app/(portal)/hr/_components/RefusalBox";
import { importStatementAction } from "../actions";
import { groupYuan } from "../money";

/**
 * A server action's body is limited to 1 MB by default: an XLSX read as base64 grows by a third, so files
 * are refused here above 700 KB (a payment window's credits fit in far less).
 */
const MAX_FILE_BYTES = 700 * 1024;

type Loaded = { fileName: string; content: string; format: "csv" | "xlsx" };

function toBase64(buffer: ArrayBuffer): string {
  let binary = "";
  const bytes = new Uint8Array(buffer);
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** CSV text: UTF-8 (a BOM is dropped), else GB18030 — what Chinese banks' exports are usually encoded in. */
function csvText(buffer: ArrayBuffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder("gb18030").decode(buffer);
  }
}

const button =
  "w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";

/**
 * The bank statement (XLSX or CSV): read in the browser, previewed against the batch — each row's person
 * and every problem with its code — then applied all at once, only when no row has a problem.
 */
export function StatementImport({ batchId }: { batchId: string }) {
  const t = useTranslations("hrVestingBatches.statement");
  const text = useRefusalText();
  const router = useRouter();
  const [file, setFile] = useState<Loaded | null>(null);
  const [preview, setPreview] = useState<ActionResult<StatementPreview> | null>(null);
  const [applied, setApplied] = useState<ActionResult<StatementPreview> | null>(null);
  const [tooLarge, setTooLarge] = useState(false);
  const [pending, start] = useTransition();
  const shown = preview?.ok ? preview.data : null;
  const canApply = shown !== null && shown.errors.length === 0 && shown.rows.length > 0 && !applied?.ok;

  const check = (loaded: Loaded) =>
    start(async () => {
      setApplied(null);
      setPreview(await importStatementAction({ batchId, ...loaded, apply: false }));
    });

  return (
    <div className="space-y-3" data-testid="statement-import">
      <label className="block text-sm">
        <span className="font-medium">{t("file")}</span>
        <input
          type="file"
          accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          className="mt-1 block w-full max-w-full text-sm"
          data-testid="statement-file"
          onChange={async (e) => {
            const picked = e.target.files?.[0];
            setPreview(null);
            setApplied(null);
            setFile(null);
            setTooLarge(false);
            if (!picked) return;
            if (picked.size > MAX_FILE_BYTES) {
              setTooLarge(true);
              return;
            }
            const xlsx = /\.xlsx$/i.test(picked.name);
            const loaded: Loaded = xlsx
              ? { fileName: picked.name, content: toBase64(await picked.arrayBuffer()), format: "xlsx" }
              : { fileName: picked.name, content: csvText(await picked.arrayBuffer()), format: "csv" };
            setFile(loaded);
            check(loaded);
          }}
        />
        <span className="text-xs text-slate-500">{t("fileHelp")}</span>
      </label>
      {tooLarge && (
        <p
          role="alert"
          className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800"
          data-testid="statement-too-large"
        >
          {t("tooLarge", { limit: "700 KB" })}
        </p>
      )}
      {pending && !shown && <p className="text-sm text-slate-500">{t("reading")}</p>}
      <RefusalBox refusal={preview} />

      {shown && (
        <div className="space-y-3" data-testid="statement-preview">
          <p className="text-sm" data-testid="statement-summary">
            {t("summary", {
              rows: shown.rows.length,
              matched: shown.matched.rows,
              amount: groupYuan(shown.matched.amount),
              errors: shown.errors.length,
            })}
          </p>
          {shown.rows.length === 0 ? (
            <p className="text-sm text-slate-600">{t("empty")}</p>
          ) : (
            <div className="max-h-[28rem] overflow-auto rounded-md border border-slate-200">
              <table className="w-full min-w-[760px] text-left text-sm">
                <thead className="sticky top-0 bg-slate-50 text-slate-600">
                  <tr>
                    <th className="px-2 py-2 text-right">{t("columns.line")}</th>
                    <th className="px-2 py-2">{t("columns.reference")}</th>
                    <th className="px-2 py-2 text-right">{t("columns.amount")}</th>
                    <th className="px-2 py-2">{t("columns.date")}</th>
                    <th className="px-2 py-2">{t("columns.transactionId")}</th>
                    <th className="px-2 py-2">{t("columns.person")}</th>
                    <th className="px-2 py-2">{t("columns.problems")}</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.rows.map((r) => {
                    const problems = shown.errors.filter((e) => e.line === r.line);
                    return (
                      <tr
                        key={r.line}
                        className={`border-t border-slate-100 align-top ${problems.length > 0 ? "bg-rose-50/60" : ""}`}
                        data-testid={`statement-row-${r.line}`}
                        data-matched={r.matched ? "true" : "false"}
                        data-problems={problems.length}
                      >
                        <td className="px-2 py-1 text-right tabular">{r.line}</td>
                        <td className="px-2 py-1 break-all">{r.reference ?? "—"}</td>
                        <td className="px-2 py-1 text-right tabular whitespace-nowrap">{groupYuan(r.amount)}</td>
                        <td className="px-2 py-1 tabular whitespace-nowrap">{r.date}</td>
                        <td className="px-2 py-1 tabular break-all">{r.transactionId ?? "—"}</td>
                        <td className="px-2 py-1 whitespace-nowrap" data-testid="statement-person">
                          {r.matched ? `${r.employeeNo} ${r.name ?? ""}` : t("unmatched")}
                        </td>
                        <td className="px-2 py-1">
                          {problems.length === 0 ? (
                            <span className="text-emerald-700">{t("ok")}</span>
                          ) : (
                            <ul className="space-y-1 text-rose-800" data-testid="statement-problems">
                              {problems.map((p, i) => (
                                <li key={i} data-code={p.code}>
                                  <code className="mr-1 text-xs">{p.code}</code>
                                  {text(p.code, p.message, p.details)}
                                </li>
                              ))}
                            </ul>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {shown.errors.length > 0 && (
            <p className="text-sm text-rose-800" data-testid="statement-has-errors">
              {t("hasErrors")}
            </p>
          )}
          <button
            type="button"
            disabled={pending || !canApply || file === null}
            className={button}
            data-testid="statement-apply"
            onClick={() => {
              if (
                !file ||
                !window.confirm(t("ask", { rows: shown.matched.rows, amount: groupYuan(shown.matched.amount) }))
              )
                return;
              start(async () => {
                const r = await importStatementAction({ batchId, ...file, apply: true });
                setApplied(r);
                if (r.ok) router.refresh();
              });
            }}
          >
            {pending ? t("applying") : t("apply")}
          </button>
        </div>
      )}
      <RefusalBox refusal={applied} />
      {applied?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="statement-applied"
        >
          {t("applied", { rows: applied.data.matched.rows, amount: groupYuan(applied.data.matched.amount) })}
        </p>
      )}
    </div>
  );
}
