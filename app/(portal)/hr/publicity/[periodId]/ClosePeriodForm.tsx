"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { closePublicityAction } from "../actions";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";

/** Closes the period with a summary of the feedback; the server refuses before the day after the end date. */
export function ClosePeriodForm({ periodId, endDate, ended }: { periodId: string; endDate: string; ended: boolean }) {
  const t = useTranslations("hrPublicity");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [summary, setSummary] = useState("");
  const [error, setError] = useState<{ code: string; message: string } | null>(null);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    startTransition(async () => {
      const r = await closePublicityAction({ periodId, body: { summary } });
      if (r.ok) router.refresh();
      else setError({ code: r.code, message: r.message });
    });
  }

  return (
    <form onSubmit={submit} className="space-y-2" data-testid="publicity-close-form">
      {!ended && <p className="text-sm text-slate-600">{t("close.notYet", { endDate })}</p>}
      <label className="block">
        <span className="text-sm font-medium">{t("close.summary")}</span>
        <textarea
          required
          minLength={2}
          maxLength={4000}
          rows={3}
          value={summary}
          onChange={(e) => setSummary(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base"
          data-testid="publicity-summary"
        />
      </label>
      {error && <RefusalBox refusal={error} />}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-900 disabled:opacity-60"
        data-testid="publicity-close"
      >
        {t("close.submit")}
      </button>
    </form>
  );
}
