"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { changeGeneralMeetingDateAction } from "./actions";
import { RefusalBox, type Refusal } from "@/app/(portal)/hr/_components/RefusalBox";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/**
 * The explicit change of the plan's general meeting date, with the reason the audit trail keeps. The
 * server refuses it once the plan has grants (their dates were checked against the meeting).
 */
export function GeneralMeetingDateForm({ planId, current }: { planId: string; current: string | null }) {
  const t = useTranslations("hrPlans");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [date, setDate] = useState(current ?? "");
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    if (date === "" || reason.trim() === "") return setMissing(true);
    setMissing(false);
    startTransition(async () => {
      const result = await changeGeneralMeetingDateAction({
        planId,
        body: { generalMeetingDate: date, reason: reason.trim() },
      });
      if (result.ok) {
        setRefusal(null);
        setReason("");
        router.refresh();
      } else setRefusal(result);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-2" data-testid="meeting-date-form">
      <h3 className="text-sm font-semibold">{t("meetingDate.title")}</h3>
      <p className="text-xs text-slate-500">{t("meetingDate.help")}</p>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm font-medium">
          {t("meetingDate.date")}
          <input
            type="date"
            className={input}
            value={date}
            onChange={(e) => setDate(e.target.value)}
            data-testid="meeting-date-input"
          />
        </label>
        <label className="block text-sm font-medium sm:col-span-2">
          {t("meetingDate.reason")}
          <input
            className={input}
            maxLength={1000}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="meeting-date-reason"
          />
        </label>
      </div>
      {missing && (
        <p className="text-sm text-rose-700" role="alert">
          {t("meetingDate.missing")}
        </p>
      )}
      {refusal && <RefusalBox refusal={refusal} />}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50 disabled:opacity-60"
        data-testid="meeting-date-submit"
      >
        {pending ? t("form.saving") : t("meetingDate.submit")}
      </button>
    </form>
  );
}
