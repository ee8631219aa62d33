"use client";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { setRegistrarLayoutAction } from "./layoutActions";

type Saved = { columns: string[]; updatedAt: string | null };

const iconButton =
  "inline-flex h-9 w-9 shrink-0 items-center justify-center rounded-md border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-40";
const primary =
  "w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";
const secondary =
  "w-full rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60 sm:w-auto";

const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * The registrar list's column order for the plan: the chosen columns in order (move up or down, remove)
 * and the unused ones (add), saved at once for every batch of the plan; read-only without a write role.
 * Headers come from the page in the reader's language (the column set lives in server code).
 */
export function RegistrarLayoutForm({
  planId,
  columns,
  updatedAt,
  allColumns,
  defaultColumns,
  headers,
  canWrite,
}: {
  planId: string;
  /** The plan's stored order (the default while HR has set none). */
  columns: string[];
  /** When HR last set it; null while the plan uses the default. */
  updatedAt: string | null;
  /** Every column the list knows, in their natural order (how unused ones are offered). */
  allColumns: readonly string[];
  defaultColumns: readonly string[];
  headers: Readonly<Record<string, string>>;
  canWrite: boolean;
}) {
  const t = useTranslations("hrVestingBatches.registrarLayout");
  const locale = useLocale() === "en" ? "en" : "zh-CN";
  const [saved, setSaved] = useState<Saved>({ columns, updatedAt });
  const [chosen, setChosen] = useState<string[]>(columns);
  const [result, setResult] = useState<ActionResult<Saved> | null>(null);
  const [pending, start] = useTransition();

  const unused = allColumns.filter((c) => !chosen.includes(c));
  const dirty = !same(chosen, saved.columns);
  const atDefault = same(chosen, defaultColumns);
  const header = (c: string) => headers[c] ?? c;
  const when = saved.updatedAt
    ? new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "Asia/Shanghai" }).format(
        new Date(saved.updatedAt),
      )
    : null;

  const edit = (next: string[]) => {
    setChosen(next);
    setResult(null);
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...chosen];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    edit(next);
  };

  return (
    <form
      className="space-y-4"
      onSubmit={(e) => {
        e.preventDefault();
        if (!canWrite || !dirty || chosen.length === 0) return;
        start(async () => {
          const r = await setRegistrarLayoutAction({ planId, columns: chosen });
          setResult(r);
          if (r.ok) {
            setSaved({ columns: r.data.columns, updatedAt: r.data.updatedAt });
            setChosen(r.data.columns);
          }
        });
      }}
    >
      <p className="text-xs text-slate-500" data-testid="registrar-layout-state">
        {when ? t("customSince", { when }) : t("isDefault")}
      </p>

      <div className="space-y-2">
        <h3 className="text-sm font-medium">{t("chosen")}</h3>
        <ol className="divide-y divide-slate-100 rounded-md border border-slate-200" data-testid="registrar-chosen">
          {chosen.map((c, i) => (
            <li
              key={c}
              className="flex items-center gap-2 px-3 py-2 text-sm"
              data-testid={`registrar-column-${c}`}
              data-position={i + 1}
            >
              <span className="w-6 shrink-0 text-right text-xs text-slate-500 tabular">{i + 1}.</span>
              <span className="min-w-0 flex-1 break-words">
                <span className="font-medium">{header(c)}</span>
                {c === "idNumber" && (
                  <span className="ml-2 inline-block rounded bg-amber-50 px-1.5 py-0.5 text-xs text-amber-800">
                    {t("masked")}
                  </span>
                )}
              </span>
              {canWrite && (
                <span className="flex shrink-0 items-center gap-1">
                  <button
                    type="button"
                    className={iconButton}
                    disabled={pending || i === 0}
                    onClick={() => move(i, -1)}
                    aria-label={t("moveUp", { column: header(c) })}
                    title={t("moveUp", { column: header(c) })}
                    data-testid={`registrar-up-${c}`}
                  >
                    <span aria-hidden="true">↑</span>
                  </button>
                  <button
                    type="button"
                    className={iconButton}
                    disabled={pending || i === chosen.length - 1}
                    onClick={() => move(i, 1)}
                    aria-label={t("moveDown", { column: header(c) })}
                    title={t("moveDown", { column: header(c) })}
                    data-testid={`registrar-down-${c}`}
                  >
                    <span aria-hidden="true">↓</span>
                  </button>
                  <button
                    type="button"
                    className="inline-flex h-9 shrink-0 items-center rounded-md px-2 text-sm text-rose-700 hover:bg-rose-50 disabled:cursor-not-allowed disabled:opacity-40"
                    disabled={pending || chosen.length === 1}
                    onClick={() => edit(chosen.filter((x) => x !== c))}
                    aria-label={t("removeLabel", { column: header(c) })}
                    data-testid={`registrar-remove-${c}`}
                  >
                    {t("remove")}
                  </button>
                </span>
              )}
            </li>
          ))}
        </ol>
        {canWrite && chosen.length === 1 && <p className="text-xs text-slate-500">{t("lastColumn")}</p>}
      </div>

      <div className="space-y-2">
        <h3 className="text-sm font-medium">{t("unused")}</h3>
        {unused.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="registrar-unused-none">
            {t("noneUnused")}
          </p>
        ) : (
          <ul className="flex flex-wrap gap-2" data-testid="registrar-unused">
            {unused.map((c) => (
              <li key={c}>
                {canWrite ? (
                  <button
                    type="button"
                    className="inline-flex min-h-9 items-center gap-1 rounded-full border border-dashed border-slate-300 bg-white px-3 py-1 text-sm text-slate-700 hover:border-brand-600 hover:text-brand-700 disabled:opacity-60"
                    disabled={pending}
                    onClick={() => edit([...chosen, c])}
                    aria-label={t("addLabel", { column: header(c) })}
                    data-testid={`registrar-add-${c}`}
                  >
                    <span aria-hidden="true">+</span>
                    {header(c)}
                  </button>
                ) : (
                  <span
                    className="inline-block rounded-full border border-slate-200 bg-slate-50 px-3 py-1 text-sm text-slate-600"
                    data-testid={`registrar-unused-${c}`}
                  >
                    {header(c)}
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>

      <p
        className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900"
        data-testid="registrar-id-note"
      >
        {t("idNote")}
      </p>

      {canWrite ? (
        <>
          <RefusalBox refusal={result} />
          <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
            <button
              type="submit"
              className={primary}
              disabled={pending || !dirty || chosen.length === 0}
              data-testid="registrar-save"
            >
              {pending ? t("saving") : t("save")}
            </button>
            <button
              type="button"
              className={secondary}
              disabled={pending || atDefault}
              onClick={() => edit([...defaultColumns])}
              data-testid="registrar-reset"
            >
              {t("reset")}
            </button>
            {dirty && !pending && (
              <span className="text-xs text-amber-700 sm:ml-1" data-testid="registrar-unsaved">
                {t("unsaved")}
              </span>
            )}
          </div>
          {result?.ok && !dirty && (
            <p role="status" className="text-sm text-emerald-800" data-testid="registrar-saved">
              {t("saved")}
            </p>
          )}
        </>
      ) : (
        <p className="text-sm text-slate-500" data-testid="registrar-read-only">
          {t("readOnly")}
        </p>
      )}
    </form>
  );
}
