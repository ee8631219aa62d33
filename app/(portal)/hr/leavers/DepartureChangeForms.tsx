"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { correctDepartureAction, withdrawDepartureAction } from "./actions";
import { ReasonSelect, type ReasonOption } from "./ReasonSelect";

type Done = { lapsedTranches: number; restoredTranches: number };

const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/** Corrects the date and/or reason of the departure in force; the server refuses a correction that changes nothing. */
export function CorrectDepartureForm({
  personId,
  leaveDate: current,
  reasons,
}: {
  personId: string;
  leaveDate: string;
  reasons: ReasonOption[];
}) {
  const t = useTranslations("hrGrants.leavers");
  const [leaveDate, setLeaveDate] = useState(current);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [result, setResult] = useState<ActionResult<Done> | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="correct-departure-form"
      onSubmit={(e) => {
        e.preventDefault();
        const body = {
          ...(leaveDate !== current ? { leaveDate } : {}),
          ...(reason ? { reason } : {}),
          note,
        };
        start(async () => setResult(await correctDepartureAction({ personId, body })));
      }}
    >
      <h3 className="font-medium">{t("correct.title")}</h3>
      <p className="text-sm text-slate-600">{t("correct.help")}</p>
      <label className="block text-sm">
        <span className="font-medium">{t("leaveDate")}</span>
        <input
          type="date"
          required
          value={leaveDate}
          onChange={(e) => setLeaveDate(e.target.value)}
          className={`${field} sm:w-56`}
          data-testid="correct-date"
        />
      </label>
      <ReasonSelect
        label={t("reason")}
        placeholder={t("correct.keepReason")}
        options={reasons}
        value={reason}
        onChange={setReason}
        testId="correct-reason"
      />
      <label className="block text-sm">
        <span className="font-medium">{t("correct.note")}</span>
        <input
          required
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          className={field}
          data-testid="correct-note"
        />
      </label>
      <RefusalBox refusal={result} />
      {result?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="correct-done"
        >
          {t("correct.done", { lapsed: result.data.lapsedTranches, restored: result.data.restoredTranches })}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || note.trim() === ""}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="correct-submit"
      >
        {t("correct.submit")}
      </button>
    </form>
  );
}

/** Withdraws the departure in force, with a reason and an explicit confirmation. */
export function WithdrawDepartureForm({ personId, name }: { personId: string; name: string }) {
  const t = useTranslations("hrGrants.leavers");
  const [note, setNote] = useState("");
  const [sure, setSure] = useState(false);
  const [result, setResult] = useState<ActionResult<Done> | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="withdraw-departure-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => setResult(await withdrawDepartureAction({ personId, body: { note } })));
      }}
    >
      <h3 className="font-medium">{t("withdraw.title")}</h3>
      <p className="text-sm text-slate-600">{t("withdraw.help")}</p>
      <label className="block text-sm">
        <span className="font-medium">{t("withdraw.note")}</span>
        <input
          required
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          className={field}
          data-testid="withdraw-note"
        />
      </label>
      <label className="flex items-start gap-2 text-sm">
        <input
          type="checkbox"
          checked={sure}
          onChange={(e) => setSure(e.target.checked)}
          className="mt-1"
          data-testid="withdraw-confirm"
        />
        <span>{t("withdraw.confirm", { name })}</span>
      </label>
      <RefusalBox refusal={result} />
      {result?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="withdraw-done"
        >
          {t("withdraw.done", { restored: result.data.restoredTranches })}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || !sure || note.trim() === ""}
        className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60"
        data-testid="withdraw-submit"
      >
        {t("withdraw.submit")}
      </button>
    </form>
  );
}
