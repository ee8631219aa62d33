"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import {
  addClosuresAction,
  createDisclosureAction,
  deleteDisclosureAction,
  updateDisclosureAction,
  type ChangeSummary,
} from "./actions";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";

const KINDS = [
  "annual_report",
  "semi_annual_report",
  "q1_report",
  "q3_report",
  "performance_forecast",
  "performance_express",
  "major_event",
  "exchange_window",
] as const;
const RANGE_KINDS = new Set<string>(["major_event", "exchange_window"]);
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const button =
  "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";

/** Runs a staff action and keeps its result for display. */
function useStaffAction() {
  const [result, setResult] = useState<ActionResult<ChangeSummary> | null>(null);
  const [pending, start] = useTransition();
  const run = (call: () => Promise<ActionResult<ChangeSummary>>) => start(async () => setResult(await call()));
  return { result, pending, run };
}

function Done({ result }: { result: ActionResult<ChangeSummary> | null }) {
  const t = useTranslations("hrDisclosures");
  if (!result?.ok) return <RefusalBox refusal={result} />;
  return (
    <p
      role="status"
      className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
      data-testid="change-summary"
    >
      {t("changed", { plans: result.data.affectedPlans, tranches: result.data.changedTranches })}
    </p>
  );
}

const opt = (v: FormDataEntryValue | null) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);

/** Form to add a disclosure event; the date fields shown follow the kind. */
export function AddEventForm({ plans }: { plans: { id: string; name: string }[] }) {
  const t = useTranslations("hrDisclosures");
  const [kind, setKind] = useState<string>("annual_report");
  const { result, pending, run } = useStaffAction();
  const ranged = RANGE_KINDS.has(kind);
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      data-testid="add-event-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const fiscalYear = opt(f.get("fiscalYear"));
        run(() =>
          createDisclosureAction({
            kind,
            title: opt(f.get("title")) ?? "",
            titleEn: opt(f.get("titleEn")),
            fiscalYear: fiscalYear ? Number(fiscalYear) : undefined,
            scheduledDate: opt(f.get("scheduledDate")),
            actualDate: opt(f.get("actualDate")),
            startDate: opt(f.get("startDate")),
            endDate: opt(f.get("endDate")),
            planId: opt(f.get("planId")) ?? null,
            note: opt(f.get("note")),
          }),
        );
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">{t("kind")}</span>
        <select
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          className={input}
          data-testid="event-kind"
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("scope")}</span>
        <select name="planId" className={input} data-testid="event-plan">
          <option value="">{t("companyWide")}</option>
          {plans.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("eventTitle")}</span>
        <input name="title" required maxLength={200} className={input} data-testid="event-title" />
      </label>
      <label className="block text-sm">
        <span className="font-medium">{t("eventTitleEn")}</span>
        <input name="titleEn" maxLength={200} className={input} />
      </label>
      {ranged ? (
        <>
          <label className="block text-sm">
            <span className="font-medium">{t("startDate")}</span>
            <input type="date" name="startDate" required className={input} data-testid="event-start" />
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("endDate")}</span>
            <input type="date" name="endDate" required className={input} data-testid="event-end" />
          </label>
        </>
      ) : (
        <>
          <label className="block text-sm">
            <span className="font-medium">{t("fiscalYear")}</span>
            <input type="number" name="fiscalYear" min={2000} max={2100} className={input} />
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("scheduledDate")}</span>
            <input type="date" name="scheduledDate" className={input} data-testid="event-scheduled" />
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("actualDate")}</span>
            <input type="date" name="actualDate" className={input} />
          </label>
        </>
      )}
      <label className="block text-sm sm:col-span-2">
        <span className="font-medium">{t("note")}</span>
        <input name="note" maxLength={2000} className={input} />
      </label>
      <div className="space-y-2 sm:col-span-2">
        <button type="submit" disabled={pending} className={button} data-testid="add-event-submit">
          {t("addEvent")}
        </button>
        <Done result={result} />
      </div>
    </form>
  );
}

/** Inline form to record the actual publication date of a (possibly postponed) periodic report, and to delete the event. */
export function EventRowActions({
  eventId,
  periodic,
  actualDate,
}: {
  eventId: string;
  periodic: boolean;
  actualDate: string | null;
}) {
  const t = useTranslations("hrDisclosures");
  const { result, pending, run } = useStaffAction();
  const [date, setDate] = useState(actualDate ?? "");
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        {periodic && (
          <>
            <input
              type="date"
              value={date}
              onChange={(e) => setDate(e.target.value)}
              aria-label={t("actualDate")}
              className="rounded-md border border-slate-300 px-2 py-1 text-sm"
              data-testid="actual-date-input"
            />
            <button
              type="button"
              disabled={pending || date === ""}
              onClick={() => run(() => updateDisclosureAction({ eventId, patch: { actualDate: date } }))}
              className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50"
              data-testid="actual-date-save"
            >
              {t("recordActual")}
            </button>
          </>
        )}
        <button
          type="button"
          disabled={pending}
          onClick={() => {
            if (window.confirm(t("confirmDelete"))) run(() => deleteDisclosureAction({ eventId }));
          }}
          className="rounded-md border border-red-200 px-2 py-1 text-xs text-red-700 hover:bg-red-50"
          data-testid="event-delete"
        >
          {t("delete")}
        </button>
      </div>
      <Done result={result} />
    </div>
  );
}

/** Form to add the SSE closures of a future year, one "yyyy-mm-dd reason" per line, and declare the list complete. */
export function ClosuresForm({ nextYear }: { nextYear: number }) {
  const t = useTranslations("hrDisclosures");
  const { result, pending, run } = useStaffAction();
  return (
    <form
      className="grid gap-3 sm:grid-cols-2"
      data-testid="closures-form"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        const closures = String(f.get("closures") ?? "")
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean)
          .map((l) => {
            const [date = "", ...rest] = l.split(/[\s,;]+/);
            return { date, reason: rest.join(" ") || "SSE closure" };
          });
        const republishReason = String(f.get("republishReason") ?? "").trim();
        run(() =>
          addClosuresAction({
            year: Number(f.get("year")),
            closures,
            published: f.get("published") === "on",
            ...(republishReason ? { republishReason } : {}),
          }),
        );
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">{t("year")}</span>
        <input
          type="number"
          name="year"
          defaultValue={nextYear}
          min={2015}
          max={2100}
          required
          className={input}
          data-testid="closures-year"
        />
      </label>
      <label className="flex items-center gap-2 self-end text-sm">
        <input type="checkbox" name="published" className="h-4 w-4" data-testid="closures-published" />
        {t("publishedLabel")}
      </label>
      <label className="block text-sm sm:col-span-2">
        <span className="font-medium">{t("closuresLines")}</span>
        <span className="block text-xs text-slate-500">{t("closuresHelp")}</span>
        <textarea
          name="closures"
          rows={6}
          className={`${input} font-mono`}
          placeholder={`${nextYear}-01-01 元旦`}
          data-testid="closures-lines"
        />
      </label>
      <label className="block text-sm sm:col-span-2">
        <span className="font-medium">{t("republishReason")}</span>
        <span className="block text-xs text-slate-500">{t("republishHelp")}</span>
        <input name="republishReason" maxLength={500} className={input} data-testid="closures-republish-reason" />
      </label>
      <div className="space-y-2 sm:col-span-2">
        <button type="submit" disabled={pending} className={button} data-testid="closures-submit">
          {t("addClosures")}
        </button>
        <Done result={result} />
      </div>
    </form>
  );
}
