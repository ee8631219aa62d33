"use client";
import { useTranslations } from "next-intl";
import { ReasonedCorrectionForm, type CorrectionTexts } from "@/app/(portal)/hr/_components/ReasonedCorrectionForm";
import { reverseRunAction } from "./actions";

/**
 * Reversing one vesting run, with its reason and a confirmation. A refusal (RUN_ALREADY_REVERSED)
 * shows its code and text.
 */
export function ReverseRunForm({
  planId,
  runId,
  summary,
}: {
  planId: string;
  runId: string;
  /** The run as the confirmation names it. */
  summary: { date: string; tranche: number; vested: string };
}) {
  const t = useTranslations("hrVesting.reverse");
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
    <ReasonedCorrectionForm<{ vestedBefore: number }>
      texts={texts}
      testId="reverse"
      formClassName="w-72 space-y-2 text-left"
      submit={(reason) => reverseRunAction({ planId, runId, reason })}
      done={(d) => t("done", { vested: d.vestedBefore })}
    />
  );
}
