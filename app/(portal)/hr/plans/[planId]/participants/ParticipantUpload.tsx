"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ListPreview } from "@/lib/features/participants/validateRows";
import { RefusalBox, useRefusalText, type Refusal } from "@/app/(portal)/hr/_components/RefusalBox";
import { ListWarningsAccept } from "./ListWarningsAccept";

type Phase = { kind: "idle" } | { kind: "uploading"; percent: number } | { kind: "processing" };
type Answer = { status: number; body: unknown };

/** POSTs the file with XMLHttpRequest so the upload progress can be shown; `accepted` are warning codes. */
function upload(
  planId: string,
  file: File,
  batch: string,
  dryRun: boolean,
  accepted: readonly string[],
  createPeople: boolean,
  onPhase: (p: Phase) => void,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.set("file", file);
    form.set("batch", batch);
    form.set("dryRun", dryRun ? "true" : "false");
    for (const code of accepted) form.append("acceptWarnings", code);
    if (createPeople) form.set("createMissingPersons", "true");
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/plans/${planId}/participants`);
    xhr.upload.onprogress = (e) =>
      onPhase(
        e.lengthComputable
          ? { kind: "uploading", percent: Math.round((e.loaded / e.total) * 100) }
          : { kind: "processing" },
      );
    // Once the bytes are sent the server parses and checks the list: an indeterminate bar from here on.
    xhr.upload.onload = () => onPhase({ kind: "processing" });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      resolve({ status: xhr.status, body });
    };
    xhr.onerror = () => reject(new Error("network"));
    onPhase({ kind: "uploading", percent: 0 });
    xhr.send(form);
  });
}

/**
 * Upload -> preview with per-row errors and warnings -> accept each warning -> apply; the version list
 * refreshes after applying. The template links download the list's template with bilingual headers.
 */
export function ParticipantUpload({
  planId,
  categoryLabels,
}: {
  planId: string;
  categoryLabels: Record<string, string>;
}) {
  const t = useTranslations("hrParticipants");
  const text = useRefusalText();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [batch, setBatch] = useState("first");
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [preview, setPreview] = useState<(ListPreview & { newPeople?: string[] }) | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [accepted, setAccepted] = useState<string[]>([]);
  const [createPeople, setCreatePeople] = useState(false);
  const busy = phase.kind !== "idle";
  const warnings = preview?.warnings ?? [];
  const allAccepted = warnings.every((w) => accepted.includes(w.code));
  const showPreview = (next: ListPreview | null) => {
    setPreview(next);
    setAccepted([]);
  };
  const refusedRows = Array.isArray((refusal?.details as { rows?: unknown } | null | undefined)?.rows)
    ? (refusal!.details as { rows: unknown[] }).rows.length
    : null;
  const errorText = (code: string, message: string) =>
    t.has(`errors.${code}`) ? t(`errors.${code}` as "errors.UNKNOWN_PERSON") : text(code, message);

  async function run(dryRun: boolean) {
    if (!file) return;
    setRefusal(null);
    setDone(null);
    try {
      const answer = await upload(planId, file, batch, dryRun, dryRun ? [] : accepted, createPeople, setPhase);
      const body = answer.body as { error?: Refusal } & Record<string, unknown>;
      if (answer.status >= 400) {
        setRefusal(body?.error ?? { code: `HTTP_${answer.status}`, message: t("failed") });
        if (dryRun) showPreview(null);
      } else if (dryRun) showPreview(body as unknown as ListPreview);
      else {
        const r = body as { version: number; unchanged: boolean; peopleCreated?: number };
        setDone(
          (r.unchanged ? t("unchanged", { version: r.version }) : t("applied", { version: r.version })) +
            (r.peopleCreated ? ` ${t("upload.peopleCreated", { count: r.peopleCreated })}` : ""),
        );
        showPreview(null);
        router.refresh();
      }
    } catch {
      setRefusal({ code: "NETWORK", message: t("failed") });
    } finally {
      setPhase({ kind: "idle" });
    }
  }

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="participant-upload">
      <h2 className="font-semibold">{t("upload.title")}</h2>
      <p className="text-sm text-slate-600">{t("upload.help")}</p>
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="upload-template">
        <span className="text-slate-600">{t("upload.template")}</span>
        <a
          href={`/api/v1/plans/${planId}/participants/template?format=xlsx`}
          className="text-brand-700 hover:underline"
          data-testid="template-xlsx"
        >
          {t("upload.templateXlsx")}
        </a>
        <a
          href={`/api/v1/plans/${planId}/participants/template?format=csv`}
          className="text-brand-700 hover:underline"
          data-testid="template-csv"
        >
          {t("upload.templateCsv")}
        </a>
      </p>
      <div className="flex flex-wrap items-end gap-3">
        <label className="block text-sm font-medium">
          {t("upload.batch")}
          <select
            value={batch}
            onChange={(e) => {
              setBatch(e.target.value);
              showPreview(null);
            }}
            className="mt-1 block rounded-md border border-slate-300 px-3 py-2 text-base"
            data-testid="upload-batch"
          >
            <option value="first">{t("batch.first")}</option>
            <option value="reserved">{t("batch.reserved")}</option>
          </select>
        </label>
        <label className="block min-w-0 text-sm font-medium">
          {t("upload.file")}
          <input
            type="file"
            accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              showPreview(null);
              setDone(null);
            }}
            className="mt-1 block w-full max-w-full text-sm"
            data-testid="upload-file"
          />
        </label>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={createPeople}
            onChange={(e) => {
              setCreatePeople(e.target.checked);
              showPreview(null);
            }}
            data-testid="upload-create-people"
          />
          {t("upload.createPeople")}
        </label>
        <button
          type="button"
          disabled={!file || busy}
          onClick={() => run(true)}
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-50"
          data-testid="upload-check"
        >
          {t("upload.check")}
        </button>
      </div>

      {busy && (
        <div className="space-y-1" data-testid="upload-progress">
          <div
            className="h-2 w-full overflow-hidden rounded bg-slate-100"
            role="progressbar"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={phase.kind === "uploading" ? phase.percent : undefined}
          >
            {phase.kind === "uploading" ? (
              <div className="h-full bg-brand-600 transition-all" style={{ width: `${phase.percent}%` }} />
            ) : (
              <div className="h-full w-1/3 animate-pulse bg-brand-600" />
            )}
          </div>
          <p className="text-xs text-slate-500">
            {phase.kind === "uploading" ? t("upload.uploading", { percent: phase.percent }) : t("upload.processing")}
          </p>
        </div>
      )}

      {refusal && <RefusalBox refusal={refusal} />}
      {refusedRows !== null && <p className="text-sm text-rose-700">{t("refusedRows", { count: refusedRows })}</p>}
      {done && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="upload-done"
        >
          {done}
        </p>
      )}

      {preview && (
        <div className="space-y-3" data-testid="upload-preview">
          <p className="text-sm">
            {t("preview.summary", {
              rows: preview.summary.rows,
              people: preview.summary.people,
              total: preview.summary.total,
              limit: preview.summary.limit,
              errors: preview.summary.errorRows,
            })}
          </p>
          {preview.listErrors.map((e, i) => (
            <p key={i} className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="list-error">
              <code className="mr-1 text-xs">{e.code}</code>
              {errorText(e.code, e.message)}
            </p>
          ))}
          {(preview.newPeople?.length ?? 0) > 0 && (
            <p className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="upload-new-people">
              {t("upload.newPeople", {
                count: preview.newPeople!.length,
                numbers: preview.newPeople!.slice(0, 10).join("、"),
              })}
            </p>
          )}
          <ListWarningsAccept warnings={warnings} accepted={accepted} onChange={setAccepted} />
          <div className="max-h-[32rem] overflow-auto rounded-md border border-slate-100">
            <table className="w-full min-w-[720px] text-left text-sm">
              <thead className="sticky top-0 bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-2 py-2">{t("columns.line")}</th>
                  <th className="px-2 py-2">{t("columns.employeeNo")}</th>
                  <th className="px-2 py-2">{t("columns.name")}</th>
                  <th className="px-2 py-2">{t("columns.position")}</th>
                  <th className="px-2 py-2">{t("columns.category")}</th>
                  <th className="px-2 py-2 text-right">{t("columns.quantity")}</th>
                  <th className="px-2 py-2">{t("columns.problems")}</th>
                </tr>
              </thead>
              <tbody>
                {preview.rows.map((r) => (
                  <tr
                    key={r.line}
                    className={
                      r.errors.length > 0 ? "border-t border-rose-100 bg-rose-50" : "border-t border-slate-100"
                    }
                    data-testid={r.errors.length > 0 ? "preview-row-error" : "preview-row"}
                  >
                    <td className="px-2 py-1 tabular">{r.line}</td>
                    <td className="px-2 py-1 tabular">{r.employeeNo}</td>
                    <td className="px-2 py-1">{r.name}</td>
                    <td className="px-2 py-1">{r.position}</td>
                    <td className="px-2 py-1">
                      {r.categoryCode !== null ? (categoryLabels[String(r.categoryCode)] ?? r.categoryCode) : "—"}
                    </td>
                    <td className="px-2 py-1 text-right tabular">{r.quantity ?? "—"}</td>
                    <td className="px-2 py-1 text-rose-800">
                      {r.errors.map((e, i) => (
                        <div key={i}>
                          <code className="mr-1 text-xs">{e.code}</code>
                          {errorText(e.code, e.message)}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button
            type="button"
            disabled={!preview.ok || !allAccepted || busy}
            onClick={() => run(false)}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            data-testid="upload-apply"
          >
            {t("upload.apply")}
          </button>
          {!preview.ok && <p className="text-xs text-slate-500">{t("preview.fixFirst")}</p>}
          {preview.ok && !allAccepted && <p className="text-xs text-slate-500">{t("preview.acceptFirst")}</p>}
        </div>
      )}
    </section>
  );
}
