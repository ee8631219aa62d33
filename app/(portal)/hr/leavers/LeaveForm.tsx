"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { recordLeaverAction } from "./actions";
import { ReasonSelect, type ReasonOption } from "./ReasonSelect";

type Done = { unchanged: boolean; lapsedTranches: number; lapsedQuantity: number };

/** Leave date and reason with an explicit confirmation: the unvested quantity lapses from that date. */
export function LeaveForm({
  personId,
  name,
  unvested,
  today,
  reasons,
}: {
  personId: string;
  name: string;
  unvested: number;
  today: string;
  reasons: ReasonOption[];
}) {
  const t = useTranslations("hrGrants.leavers");
  const [leaveDate, setLeaveDate] = useState(today);
  const [reason, setReason] = useState("");
  const [note, setNote] = useState("");
  const [sure, setSure] = useState(false);
  const [result, setResult] = useState<ActionResult<Done> | null>(null);
  const [pending, start] = useTransition();
  const reasonLabel = reasons.find((r) => r.code === reason)?.label ?? "—";
  return (
    <form
      className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4"
      data-testid="leave-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () =>
          setResult(await recordLeaverAction({ personId, body: { leaveDate, reason, note: note || null } })),
        );
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">{t("leaveDate")}</span>
        <input
          type="date"
          required
          value={leaveDate}
          onChange={(e) => {
            setLeaveDate(e.target.value);
            setSure(false);
          }}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base sm:w-56"
          data-testid="leave-date"
        />
      </label>
      <ReasonSelect
        label={t("reason")}
        placeholder={t("reasonPick")}
        options={reasons}
        value={reason}
        onChange={(v) => {
          setReason(v);
          setSure(false);
        }}
        required
        testId="leave-reason"
      />
      <label className="block text-sm">
        <span className="font-medium">{t("note")}</span>
        <input
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          data-testid="leave-note"
        />
      </label>
      <label className="flex items-start gap-2 text-sm text-amber-900">
        <input
          type="checkbox"
          checked={sure}
          onChange={(e) => setSure(e.target.checked)}
          className="mt-1"
          data-testid="leave-confirm"
        />
        <span>{t("confirmText", { name, date: leaveDate, reason: reasonLabel, unvested })}</span>
      </label>
      <RefusalBox refusal={result} />
      {result?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="leave-done"
        >
          {result.data.unchanged
            ? t("unchanged")
            : t("done", { tranches: result.data.lapsedTranches, quantity: result.data.lapsedQuantity })}
        </p>
      )}
      <button
        type="submit"
        disabled={pending || !sure || reason === ""}
        className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
        data-testid="leave-submit"
      >
        {t("submit")}
      </button>
    </form>
  );
}
