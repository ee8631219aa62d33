"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { PersonImportPreview } from "@/lib/features/persons/personImport";
import { RefusalBox, type Refusal } from "@/app/(portal)/hr/_components/RefusalBox";

type Answer = { status: number; body: unknown };

async function send(file: File, dryRun: boolean): Promise<Answer> {
  const form = new FormData();
  form.set("file", file);
  form.set("dryRun", dryRun ? "true" : "false");
  const res = await fetch("/api/v1/persons/import", { method: "POST", body: form });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/** Upload -> preview (every row's change and errors) -> apply, all or nothing. */
export function PersonUpload() {
  const t = useTranslations("hrPeople");
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [preview, setPreview] = useState<PersonImportPreview | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const field = (f: string) =>
    t.has(`fields.${f}`)
      ? t(`fields.${f}` as "fields.name")
      : t.has(`flags.${f}`)
        ? t(`flags.${f}` as "flags.isDirector")
        : f;
  const problemText = (e: PersonImportPreview["rows"][number]["errors"][number]) =>
    t.has(`errors.${e.code}`)
      ? t(`errors.${e.code}` as "errors.MISSING_FIELD", {
          ...(e.details as Record<string, string>),
          field: e.field ? field(e.field) : "",
        })
      : e.message;
  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setRefusal(null);
    setDone(null);
    try {
      const answer = await send(file, dryRun);
      const body = answer.body as { error?: Refusal } | null;
      if (answer.status >= 400) {
        setRefusal(body?.error ?? { code: `HTTP_${answer.status}`, message: t("failed") });
        setPreview(null);
      } else if (dryRun) setPreview(answer.body as PersonImportPreview);
      else {
        setDone(t("applied", answer.body as { created: number; updated: number; unchanged: number }));
        setPreview(null);
      }
    } catch {
      setRefusal({ code: "NETWORK", message: t("failed") });
    } finally {
      setBusy(false);
    }
  }

  const changes = preview ? preview.summary.create + preview.summary.update : 0;
  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="person-upload">
      <div className="flex flex-wrap items-end gap-3">
        <label className="block min-w-0 text-sm font-medium">
          {t("file")}
          <input
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
              setDone(null);
              setRefusal(null);
            }}
            className="mt-1 block w-full max-w-full text-sm"
            data-testid="person-file"
          />
        </label>
        <button
          type="button"
          disabled={!file || busy}
          onClick={() => run(true)}
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
          data-testid="person-check"
        >
          {busy ? t("checking") : t("check")}
        </button>
      </div>
      <RefusalBox refusal={refusal} />
      {done && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="person-import-done"
        >
          {done}
        </p>
      )}
      {preview && (
        <div className="space-y-3" data-testid="person-preview">
          <p className="text-sm" data-testid="person-preview-summary">
            {t("summary", preview.summary)}
          </p>
          {!preview.ok && <p className="text-sm text-rose-700">{t("fixFirst")}</p>}
          <div className="max-h-[28rem] overflow-auto rounded border border-slate-200">
            <table className="min-w-full text-sm">
              <thead className="sticky top-0 bg-slate-50 text-left text-slate-600">
                <tr>
                  <th className="px-2 py-1">{t("line")}</th>
                  <th className="px-2 py-1">{t("columns.employeeNo")}</th>
                  <th className="px-2 py-1">{t("columns.name")}</th>
                  <th className="px-2 py-1">{t("action")}</th>
                  <th className="px-2 py-1">{t("problems")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {preview.rows.map((r) => (
                  <tr key={r.line} className={r.errors.length ? "bg-rose-50" : ""} data-testid="person-preview-row">
                    <td className="px-2 py-1 tabular-nums">{r.line}</td>
                    <td className="px-2 py-1 font-mono">{r.employeeNo}</td>
                    <td className="px-2 py-1">{r.name}</td>
                    <td className="px-2 py-1">
                      {t(`actions.${r.action}`)}
                      {r.action === "update" && (
                        <span className="block text-xs text-slate-500">{r.changes.map(field).join("、")}</span>
                      )}
                    </td>
                    <td className="px-2 py-1 text-rose-800">
                      {r.errors.map((e, i) => (
                        <span key={i} className="block" data-code={e.code}>
                          {problemText(e)}
                        </span>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            disabled={!preview.ok || busy || changes === 0}
            onClick={() => run(false)}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            data-testid="person-apply"
          >
            {t("apply", { count: changes })}
          </button>
        </div>
      )}
    </section>
  );
}
