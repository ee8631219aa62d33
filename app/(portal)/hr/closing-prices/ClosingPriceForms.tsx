"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox, useRefusalText } from "@/app/(portal)/hr/_components/RefusalBox";
import { enterClosingPriceAction, importClosingPricesAction } from "./actions";

type Entry = Extract<Awaited<ReturnType<typeof enterClosingPriceAction>>, { ok: true }>["data"];
type ImportResult = Extract<Awaited<ReturnType<typeof importClosingPricesAction>>, { ok: true }>["data"];

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const button =
  "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
const secondary =
  "rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60";

/** One day's price: a new trading day, or a correction of the one on record (prefilled from the table's link). */
export function EnterPriceForm({ today, initial }: { today: string; initial?: { tradeDate: string; close: string } }) {
  const t = useTranslations("hrClosingPrices");
  const router = useRouter();
  const [result, setResult] = useState<ActionResult<Entry> | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="grid gap-3 sm:grid-cols-3"
      data-testid="enter-price-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const source = String(f.get("source") ?? "").trim();
        start(async () => {
          const r = await enterClosingPriceAction({
            tradeDate: String(f.get("tradeDate") ?? ""),
            close: String(f.get("close") ?? "").trim(),
            source: source === "" ? undefined : source,
          });
          setResult(r);
          if (r.ok) router.refresh();
        });
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">{t("tradeDate")}</span>
        <input
          type="date"
          name="tradeDate"
          required
          max={today}
          defaultValue={initial?.tradeDate ?? today}
          className={input}
          data-testid="price-date"
        />
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("close")}</span>
        <input
          name="close"
          required
          inputMode="decimal"
          autoComplete="off"
          pattern="\d{1,8}(\.\d{1,4})?"
          defaultValue={initial?.close ?? ""}
          className={`${input} tabular`}
          data-testid="price-close"
        />
        <span className="mt-1 block text-xs text-slate-500">{t("closeHelp")}</span>
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("source")}</span>
        <input name="source" maxLength={200} placeholder={t("sourcePlaceholder")} className={input} />
      </label>
      <div className="space-y-2 sm:col-span-3">
        <button type="submit" disabled={pending} className={`${button} w-full sm:w-auto`} data-testid="price-save">
          {pending ? t("saving") : t("save")}
        </button>
        {result?.ok ? <EntryDone entry={result.data} /> : <RefusalBox refusal={result} />}
      </div>
    </form>
  );
}

function EntryDone({ entry }: { entry: Entry }) {
  const t = useTranslations("hrClosingPrices");
  const values = { date: entry.tradeDate, close: entry.close, previous: entry.previous?.close ?? "" };
  const text = entry.unchanged
    ? t("unchanged", values)
    : entry.previous
      ? t("corrected", values)
      : t("entered", values);
  return (
    <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="price-saved">
      {text}
    </p>
  );
}

/** Reads an uploaded file as UTF-8 (with or without BOM), or as GB18030 as Excel on Chinese Windows saves CSV. */
async function readCsvFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** Paste or upload a file, preview every line, then apply the whole file (only when no line is refused). */
export function ImportPricesForm() {
  const t = useTranslations("hrClosingPrices");
  const router = useRouter();
  const [csv, setCsv] = useState("");
  const [source, setSource] = useState("");
  const [previewed, setPreviewed] = useState<{ csv: string; data: ImportResult } | null>(null);
  const [result, setResult] = useState<ActionResult<ImportResult> | null>(null);
  const [pending, start] = useTransition();
  const run = (apply: boolean) =>
    start(async () => {
      const r = await importClosingPricesAction({
        csv,
        apply,
        source: source.trim() === "" ? undefined : source.trim(),
      });
      setResult(r);
      if (r.ok && !r.data.applied) setPreviewed({ csv, data: r.data });
      if (r.ok && r.data.applied) {
        setPreviewed(null);
        router.refresh();
      }
    });
  const preview = previewed?.data;
  const stale = previewed !== null && previewed.csv !== csv;
  const canApply = preview && !stale && preview.errors.length === 0 && preview.rows.length > 0;
  return (
    <div className="space-y-3" data-testid="import-prices">
      <label className="block text-sm">
        <span className="font-medium">{t("csv")}</span>
        <textarea
          value={csv}
          onChange={(e) => setCsv(e.target.value)}
          rows={6}
          spellCheck={false}
          placeholder={"日期,收盘价\n2026-03-02,45.26"}
          className={`${input} font-mono text-sm`}
          data-testid="import-csv"
        />
      </label>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">{t("file")}</span>
          <input
            type="file"
            accept=".csv,.txt,.tsv,text/csv,text/plain"
            className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
            data-testid="import-file"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (file) setCsv(await readCsvFile(file));
            }}
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("importSource")}</span>
          <input
            value={source}
            onChange={(e) => setSource(e.target.value)}
            maxLength={200}
            placeholder={t("importSourcePlaceholder")}
            className={input}
          />
        </label>
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <button
          type="button"
          className={secondary}
          disabled={pending || csv.trim() === ""}
          onClick={() => run(false)}
          data-testid="import-preview"
        >
          {pending ? t("previewing") : t("preview")}
        </button>
        {canApply && (
          <button
            type="button"
            className={button}
            disabled={pending}
            onClick={() => run(true)}
            data-testid="import-apply"
          >
            {pending ? t("applying") : t("apply", { count: preview.rows.length })}
          </button>
        )}
      </div>
      {result && !result.ok && <RefusalBox refusal={result} />}
      {result?.ok && result.data.applied && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="import-applied"
        >
          {t("applied", { count: result.data.rows.length })}
        </p>
      )}
      {stale && <p className="text-sm text-amber-700">{t("changedSincePreview")}</p>}
      {preview && !stale && <ImportPreview preview={preview} />}
    </div>
  );
}

function ImportPreview({ preview }: { preview: ImportResult }) {
  const t = useTranslations("hrClosingPrices");
  const text = useRefusalText();
  const corrections = preview.rows.filter((r) => r.previous !== null && r.previous !== r.close).length;
  return (
    <div className="space-y-3" data-testid="import-preview-result">
      <p className="text-sm text-slate-700">{t("previewSummary", { rows: preview.rows.length, corrections })}</p>
      {preview.errors.length > 0 && (
        <div
          role="alert"
          className="space-y-2 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
          data-testid="import-errors"
        >
          <p className="font-medium">{t("errorsSummary", { count: preview.errors.length })}</p>
          <ul className="space-y-1">
            {preview.errors.map((e, i) => (
              <li key={i} className="flex flex-wrap gap-x-2" data-testid="import-error" data-code={e.code}>
                <span className="tabular font-medium">
                  {t("line")} {e.line}
                </span>
                <code className="text-xs">{e.code}</code>
                {e.value !== undefined && e.value !== "" && <span className="break-all font-mono">“{e.value}”</span>}
                <span className="basis-full sm:basis-auto">{text(e.code, e.message, e.details)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      {preview.rows.length > 0 && (
        <div className="max-h-80 overflow-auto rounded-md border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="import-rows">
            <thead className="sticky top-0 bg-slate-50 text-slate-600">
              <tr>
                <th className="px-2 py-2 sm:px-3">{t("line")}</th>
                <th className="px-2 py-2 sm:px-3">{t("columns.tradeDate")}</th>
                <th className="px-2 py-2 text-right sm:px-3">{t("columns.close")}</th>
                <th className="px-2 py-2 text-right sm:px-3">{t("previous")}</th>
              </tr>
            </thead>
            <tbody>
              {preview.rows.map((r) => (
                <tr key={r.line} className="border-t border-slate-100">
                  <td className="px-2 py-1.5 sm:px-3 tabular text-slate-500">{r.line}</td>
                  <td className="px-2 py-1.5 sm:px-3 tabular">{r.tradeDate}</td>
                  <td className="px-2 py-1.5 sm:px-3 text-right tabular">{r.close}</td>
                  <td className="px-2 py-1.5 sm:px-3 text-right tabular">
                    {r.previous === null ? (
                      <span className="text-xs text-emerald-700">{t("new")}</span>
                    ) : r.previous === r.close ? (
                      <span className="text-xs text-slate-500">{t("same")}</span>
                    ) : (
                      <span className="text-amber-700">{r.previous}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
