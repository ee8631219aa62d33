"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { voidBatchAction } from "./actions";

type Done = { grants: number; planStatus: string };

/**
 * Voiding one batch recorded by mistake: a button opens the reason field; submitting asks for
 * confirmation. Refusals (BATCH_HAS_VESTED_TRANCHES, BATCH_ALREADY_VOIDED) show their code and text.
 */
export function VoidBatchForm({
  planId,
  batchId,
  summary,
  statusLabels,
}: {
  planId: string;
  batchId: string;
  /** The batch as the confirmation names it. */
  summary: { batch: string; date: string; grantees: string; quantity: string };
  statusLabels: Record<string, string>;
}) {
  const t = useTranslations("hrGrants.void");
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [result, setResult] = useState<ActionResult<Done> | null>(null);
  const [pending, start] = useTransition();
  if (result?.ok)
    return (
      <p role="status" className="text-xs text-emerald-800" data-testid="void-done">
        {t("done", {
          grants: result.data.grants,
          status: statusLabels[result.data.planStatus] ?? result.data.planStatus,
        })}
      </p>
    );
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="rounded-md border border-rose-300 px-2 py-1 text-xs text-rose-800 hover:bg-rose-50"
        data-testid="void-open"
      >
        {t("button")}
      </button>
    );
  return (
    <form
      className="w-72 space-y-2"
      data-testid="void-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!window.confirm(t("confirm", summary))) return;
        start(async () => setResult(await voidBatchAction({ planId, batchId, reason: reason.trim() })));
      }}
    >
      <p className="text-xs text-slate-600">{t("help")}</p>
      <label className="block text-xs">
        <span className="font-medium">{t("reason")}</span>
        <textarea
          required
          maxLength={1000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          className="mt-1 block w-full rounded-md border border-slate-300 px-2 py-1 text-sm"
          data-testid="void-reason"
        />
      </label>
      <RefusalBox refusal={result} />
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending || reason.trim() === ""}
          className="rounded-md bg-rose-700 px-3 py-1 text-xs font-medium text-white hover:bg-rose-800 disabled:opacity-60"
          data-testid="void-submit"
        >
          {pending ? t("submitting") : t("submit")}
        </button>
        <button type="button" onClick={() => setOpen(false)} className="text-xs text-slate-600 hover:underline">
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
