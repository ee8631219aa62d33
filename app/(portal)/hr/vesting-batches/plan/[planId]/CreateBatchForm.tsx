"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import type { BlackoutWindow } from "@/lib/domain/blackout/blackoutWindows";
import { describeBlackoutWindow } from "@/lib/domain/blackout/describeBlackoutWindow";
import { RefusalBox, useRefusalText } from "@/app/(portal)/hr/_components/RefusalBox";
import { createBatchAction } from "../../actions";

/** A period the form offers, with its texts already in the reader's language. */
export type PeriodChoice = {
  grantBatchId: string;
  categoryId: string;
  trancheIndex: number;
  label: string;
  /** Window, earliest day, holders: one line of facts. */
  facts: string;
  /** The vesting run recorded for it, if any ("recorded on …"), or that none is. */
  runText: string;
  hasRun: boolean;
  /** "Already in batch N" when the period belongs to another batch (then it cannot be chosen). */
  takenText: string | null;
};

export type CreateDefaults = {
  payeeName: string;
  payeeBank: string;
  payeeAccount: string;
  referenceTemplate: string;
  shareSource: "new_issue" | "buyback";
};

type Violation = { code: string; message: string; details?: Record<string, unknown> & { period?: PeriodRef } };
type PeriodRef = { grantBatchId: string; categoryId: string; trancheIndex: number };

const keyOf = (p: PeriodRef) => `${p.grantBatchId}-${p.categoryId}-${p.trancheIndex}`;
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const button =
  "w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";

/** The reference a grantee would write, for the form's example (the server renders the real ones). */
function example(template: string, batchNo: number, name: string): string {
  return template.replaceAll("{employeeNo}", "E00123").replaceAll("{name}", name).replaceAll("{batchNo}", `${batchNo}`);
}

/** The problems a refusal names per period: each date violation carries its period; a taken period is listed. */
function problemsByPeriod(result: ActionResult<unknown> | null): Map<string, Violation[]> {
  const out = new Map<string, Violation[]>();
  if (!result || result.ok) return out;
  const details = result.details as { violations?: Violation[]; periods?: PeriodRef[] } | null | undefined;
  for (const v of details?.violations ?? []) {
    const p = v.details?.period;
    if (p) out.set(keyOf(p), [...(out.get(keyOf(p)) ?? []), v]);
  }
  if (result.code === "VESTING_BATCH_PERIOD_TAKEN")
    for (const p of details?.periods ?? [])
      out.set(keyOf(p), [...(out.get(keyOf(p)) ?? []), { code: result.code, message: result.message }]);
  return out;
}

/**
 * A new vesting batch as a draft: its tranche periods, the registration date (checked against every
 * period), the payment window, the account and reference grantees pay to, and where the shares come from.
 * The form keeps what was typed when the server refuses it, and shows each date problem by its period.
 */
export function CreateBatchForm({
  planId,
  periods,
  defaults,
  nextBatchNo,
  today,
}: {
  planId: string;
  periods: PeriodChoice[];
  defaults: CreateDefaults;
  nextBatchNo: number;
  today: string;
}) {
  const t = useTranslations("hrVestingBatches.create");
  const locale = useLocale() === "en" ? "en" : "zh-CN";
  const text = useRefusalText();
  const router = useRouter();
  const [chosen, setChosen] = useState<string[]>([]);
  const [registrationDate, setRegistrationDate] = useState("");
  const [paymentStart, setPaymentStart] = useState(today);
  const [paymentDeadline, setPaymentDeadline] = useState("");
  const [payeeName, setPayeeName] = useState(defaults.payeeName);
  const [payeeBank, setPayeeBank] = useState(defaults.payeeBank);
  const [payeeAccount, setPayeeAccount] = useState(defaults.payeeAccount);
  const [referenceTemplate, setReferenceTemplate] = useState(defaults.referenceTemplate);
  const [shareSource, setShareSource] = useState(defaults.shareSource);
  const [result, setResult] = useState<ActionResult<{ id: string; batchNo: number }> | null>(null);
  const [pending, start] = useTransition();
  const byPeriod = problemsByPeriod(result);

  return (
    <form
      className="space-y-4"
      data-testid="create-batch-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (chosen.length === 0) return;
        const picked = periods.filter((p) => chosen.includes(keyOf(p)));
        start(async () => {
          const r = await createBatchAction({
            planId,
            input: {
              periods: picked.map((p) => ({
                batch: p.grantBatchId,
                categoryId: p.categoryId,
                trancheIndex: p.trancheIndex,
              })),
              registrationDate,
              paymentStart,
              paymentDeadline,
              payeeName: payeeName.trim(),
              payeeBank: payeeBank.trim(),
              payeeAccount: payeeAccount.trim(),
              referenceTemplate: referenceTemplate.trim(),
              shareSource,
            },
          });
          setResult(r);
          if (r.ok) router.push(`/hr/vesting-batches/${r.data.id}`);
        });
      }}
    >
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium">{t("periods")}</legend>
        <p className="text-xs text-slate-500">{t("periodsHelp")}</p>
        <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
          {periods.map((p) => {
            const key = keyOf(p);
            const problems = byPeriod.get(key) ?? [];
            return (
              <li key={key} className={`px-3 py-2 ${problems.length > 0 ? "bg-rose-50" : ""}`}>
                <label className={`flex items-start gap-3 text-sm ${p.takenText ? "opacity-60" : ""}`}>
                  <input
                    type="checkbox"
                    className="mt-1 h-4 w-4 shrink-0"
                    disabled={p.takenText !== null}
                    checked={chosen.includes(key)}
                    onChange={(e) => setChosen(e.target.checked ? [...chosen, key] : chosen.filter((k) => k !== key))}
                    data-testid={`period-${key}`}
                  />
                  <span className="min-w-0 space-y-0.5">
                    <span className="block font-medium">{p.label}</span>
                    <span className="block text-xs text-slate-600">{p.facts}</span>
                    <span className={`block text-xs ${p.hasRun ? "text-emerald-700" : "text-slate-500"}`}>
                      {p.runText}
                      {p.takenText && <span className="ml-2 font-medium text-slate-700">{p.takenText}</span>}
                    </span>
                  </span>
                </label>
                {problems.length > 0 && (
                  <ul className="mt-1 space-y-0.5 pl-7 text-xs text-rose-800" data-testid={`period-problems-${key}`}>
                    {problems.map((v, i) => (
                      <li key={i} data-code={v.code}>
                        <code className="mr-1">{v.code}</code>
                        {text(v.code, v.message, v.details)}
                        {v.code === "IN_BLACKOUT" &&
                          ((v.details?.windows ?? []) as BlackoutWindow[]).map((w) => (
                            <span key={`${w.id}-${w.from}`} className="block">
                              {describeBlackoutWindow(w, locale)}
                            </span>
                          ))}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
        {chosen.length === 0 && (
          <p className="text-xs text-amber-700" data-testid="create-pick-period">
            {t("pickPeriod")}
          </p>
        )}
      </fieldset>

      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("registrationDate")}</span>
          <input
            type="date"
            required
            value={registrationDate}
            onChange={(e) => setRegistrationDate(e.target.value)}
            className={input}
            data-testid="create-registration-date"
          />
          <span className="text-xs text-slate-500">{t("registrationHelp")}</span>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("paymentStart")}</span>
          <input
            type="date"
            required
            value={paymentStart}
            onChange={(e) => setPaymentStart(e.target.value)}
            className={input}
            data-testid="create-payment-start"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("paymentDeadline")}</span>
          <input
            type="date"
            required
            value={paymentDeadline}
            min={paymentStart || undefined}
            onChange={(e) => setPaymentDeadline(e.target.value)}
            className={input}
            data-testid="create-payment-deadline"
          />
          <span className="text-xs text-slate-500">{t("deadlineHelp")}</span>
        </label>
      </div>

      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("payeeName")}</span>
          <input
            required
            maxLength={200}
            value={payeeName}
            onChange={(e) => setPayeeName(e.target.value)}
            className={input}
            data-testid="create-payee-name"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("payeeBank")}</span>
          <input
            required
            maxLength={200}
            value={payeeBank}
            onChange={(e) => setPayeeBank(e.target.value)}
            className={input}
            data-testid="create-payee-bank"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("payeeAccount")}</span>
          <input
            required
            inputMode="numeric"
            autoComplete="off"
            value={payeeAccount}
            onChange={(e) => setPayeeAccount(e.target.value)}
            className={`${input} tabular`}
            data-testid="create-payee-account"
          />
          <span className="text-xs text-slate-500">{t("accountHelp")}</span>
        </label>
      </div>

      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm sm:col-span-2">
          <span className="font-medium">{t("referenceTemplate")}</span>
          <input
            required
            maxLength={100}
            value={referenceTemplate}
            onChange={(e) => setReferenceTemplate(e.target.value)}
            className={`${input} font-mono`}
            data-testid="create-reference-template"
          />
          <span className="mt-1 block text-xs text-slate-500">{t("referenceHelp")}</span>
          <span
            className="mt-1 flex flex-wrap gap-x-3 gap-y-0.5 text-xs text-slate-600"
            data-testid="reference-placeholders"
          >
            {(["employeeNo", "name", "batchNo"] as const).map((ph) => (
              <span key={ph}>
                <code className="rounded bg-slate-100 px-1">{`{${ph}}`}</code> {t(`placeholders.${ph}`)}
              </span>
            ))}
          </span>
          <span className="mt-1 block text-xs text-slate-700" data-testid="create-reference-example">
            {t("referenceExample", { example: example(referenceTemplate, nextBatchNo, t("exampleName")) })}
          </span>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("shareSource")}</span>
          <select
            value={shareSource}
            onChange={(e) => setShareSource(e.target.value as CreateDefaults["shareSource"])}
            className={input}
            data-testid="create-share-source"
          >
            <option value="new_issue">{t("shareSources.new_issue")}</option>
            <option value="buyback">{t("shareSources.buyback")}</option>
          </select>
        </label>
      </div>

      <RefusalBox refusal={result} />
      <button type="submit" disabled={pending || chosen.length === 0} className={button} data-testid="create-submit">
        {pending ? t("submitting") : t("submit")}
      </button>
      {result?.ok && (
        <p role="status" className="text-sm text-emerald-800" data-testid="create-done">
          {t("created", { n: result.data.batchNo })}
        </p>
      )}
    </form>
  );
}
