"use client";
import { useTranslations } from "next-intl";
import { ReasonedCorrectionForm, type CorrectionTexts } from "@/app/(portal)/hr/_components/ReasonedCorrectionForm";
import { voidBatchAction } from "./actions";

type Done = { grants: number; planStatus: string };

/**
 * Voiding one batch recorded by mistake, with its reason and a confirmation. Refusals
 * (BATCH_HAS_VESTED_TRANCHES, BATCH_ALREADY_VOIDED) show their code and text.
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
  const texts: CorrectionTexts = {
    button: t("button"),
    help: t("help"),
    reason: t("reason"),
    submit: t("submit"),
    submitting: t("submitting"),
    cancel: t("cancel"),
    confirm: t("confirm", summary),
  };
  return (
    <ReasonedCorrectionForm<Done>
      texts={texts}
      testId="void"
      submit={(reason) => voidBatchAction({ planId, batchId, reason })}
      done={(d) => t("done", { grants: d.grants, status: statusLabels[d.planStatus] ?? d.planStatus })}
    />
  );
}
