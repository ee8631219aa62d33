"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import {
  announceBatchAction,
  closePaymentAction,
  confirmConditionsAction,
  openPaymentAction,
  registerBatchAction,
} from "../actions";

const STATUSES = [
  "draft",
  "conditions_confirmed",
  "payment_open",
  "payment_closed",
  "registered",
  "announced",
] as const;
type Status = (typeof STATUSES)[number];

/** The step each status leads to, by the name its button and test id carry. */
const NEXT: Record<Exclude<Status, "announced">, "confirm" | "open" | "close" | "register" | "announce"> = {
  draft: "confirm",
  conditions_confirmed: "open",
  payment_open: "close",
  payment_closed: "register",
  registered: "announce",
};

const button =
  "w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";
const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/**
 * The batch's six statuses as a stepper, and the next step: what it does, its button and a confirmation.
 * Each button calls the step's server action; a refusal shows its code and text in the reader's language.
 */
export function BatchSteps({
  batchId,
  batchNo,
  status,
  canWrite,
  registrationDate,
  paymentDeadline,
  registrationClose,
  today,
  periodLabels,
  children,
}: {
  batchId: string;
  batchNo: number;
  status: Status;
  canWrite: boolean;
  registrationDate: string;
  paymentDeadline: string;
  /** The closing price of the registration date, when entered. */
  registrationClose: string | null;
  today: string;
  /** "grantBatchId/categoryId/trancheIndex" → the period as the page names it (for VESTING_BATCH_RUN_MISSING). */
  periodLabels: Record<string, string>;
  /** What the page shows under the next step (the draft's periods and their runs). */
  children?: React.ReactNode;
}) {
  const t = useTranslations("hrVestingBatches");
  const router = useRouter();
  const [pending, start] = useTransition();
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [listingDate, setListingDate] = useState("");
  const at = STATUSES.indexOf(status);
  const next = status === "announced" ? null : NEXT[status];

  function run<T>(call: () => Promise<ActionResult<T>>, doneText: (d: T) => string) {
    start(async () => {
      const r = await call();
      setResult(r);
      if (r.ok) {
        setDone(doneText(r.data));
        router.refresh();
      } else setDone(null);
    });
  }

  const go = () => {
    if (!next) return;
    if (next === "register" && listingDate === "") return;
    const question = t(`steps.ask.${next}`, { batchNo, registrationDate, deadline: paymentDeadline, listingDate });
    if (!window.confirm(question)) return;
    if (next === "confirm")
      run(
        () => confirmConditionsAction({ batchId }),
        (d: { lines: number; shares: number }) => t("steps.done.confirm", d),
      );
    else if (next === "open")
      run(
        () => openPaymentAction({ batchId }),
        (d: { people: number }) => t("steps.done.open", d),
      );
    else if (next === "close")
      run(
        () => closePaymentAction({ batchId }),
        (d: { paidShares: number; waivedShares: number; refund: string }) => t("steps.done.close", d),
      );
    else if (next === "register")
      run(
        () => registerBatchAction({ batchId, listingDate }),
        (d: { shares: number; tax: string; closingPrice: string }) => t("steps.done.register", d),
      );
    else
      run(
        () => announceBatchAction({ batchId }),
        () => t("steps.done.announce"),
      );
  };

  const missing =
    result && !result.ok && result.code === "VESTING_BATCH_RUN_MISSING"
      ? ((result.details as { periods?: { grantBatchId: string; categoryId: string; trancheIndex: number }[] })
          ?.periods ?? [])
      : [];
  const beforeDeadline = status === "payment_open" && today < paymentDeadline;

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" data-testid="batch-steps">
      <ol className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-6" data-testid="batch-stepper">
        {STATUSES.map((s, i) => {
          const state = i < at ? "done" : i === at ? "current" : "todo";
          return (
            <li
              key={s}
              className={`flex items-center gap-2 rounded-md border px-2 py-2 text-sm ${
                state === "current"
                  ? "border-brand-600 bg-brand-50 font-medium text-brand-900"
                  : state === "done"
                    ? "border-emerald-200 bg-emerald-50 text-emerald-800"
                    : "border-slate-200 text-slate-500"
              }`}
              data-testid={`step-${s}`}
              data-state={state}
              aria-current={state === "current" ? "step" : undefined}
            >
              <span
                className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs ${
                  state === "current"
                    ? "bg-brand-600 text-white"
                    : state === "done"
                      ? "bg-emerald-600 text-white"
                      : "bg-slate-200 text-slate-600"
                }`}
                aria-hidden
              >
                {state === "done" ? "✓" : i + 1}
              </span>
              <span className="min-w-0 leading-tight">{t(`status.${s}`)}</span>
            </li>
          );
        })}
      </ol>

      {next === null ? (
        <p className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="steps-finished">
          {t("steps.finished")}
        </p>
      ) : (
        <div className="space-y-3" data-testid="next-step">
          <h2 className="font-semibold">
            {t("steps.next")}: {t(`steps.button.${next}`)}
          </h2>
          <p className="text-sm text-slate-700">
            {t(`steps.help.${next}`, { registrationDate, deadline: paymentDeadline, today })}
          </p>
          {children}
          {next === "register" && (
            <div className="space-y-2">
              {registrationClose === null ? (
                <p
                  className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900"
                  data-testid="registration-price-missing"
                >
                  {t("register.priceMissing", { date: registrationDate })}{" "}
                  <Link href="/hr/closing-prices" className="font-medium text-brand-700 underline">
                    {t("register.priceLink")}
                  </Link>
                </p>
              ) : (
                <p
                  className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
                  data-testid="registration-price"
                >
                  {t("register.priceOk", { date: registrationDate, close: registrationClose })}
                </p>
              )}
              {canWrite && (
                <label className="block max-w-xs text-sm">
                  <span className="font-medium">{t("register.listingDate")}</span>
                  <input
                    type="date"
                    value={listingDate}
                    min={registrationDate}
                    onChange={(e) => setListingDate(e.target.value)}
                    required
                    className={input}
                    data-testid="listing-date"
                  />
                  <span className="text-xs text-slate-500">{t("register.listingHelp")}</span>
                </label>
              )}
            </div>
          )}
          {beforeDeadline && (
            <p className="text-sm text-amber-800" data-testid="close-before-deadline">
              {t("steps.beforeDeadline", { deadline: paymentDeadline })}
            </p>
          )}
          {canWrite ? (
            <button
              type="button"
              disabled={pending || (next === "register" && listingDate === "")}
              onClick={go}
              className={button}
              data-testid={`batch-step-${next}`}
            >
              {pending ? t("steps.working") : t(`steps.button.${next}`)}
            </button>
          ) : (
            <p className="text-sm text-slate-500">{t("readOnly")}</p>
          )}
        </div>
      )}

      <RefusalBox refusal={result} />
      {missing.length > 0 && (
        <ul className="list-disc space-y-1 pl-5 text-sm text-rose-800" data-testid="missing-runs">
          {missing.map((p) => {
            const key = `${p.grantBatchId}/${p.categoryId}/${p.trancheIndex}`;
            return <li key={key}>{periodLabels[key] ?? key}</li>;
          })}
        </ul>
      )}
      {done && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="step-done"
        >
          {done}
        </p>
      )}
    </section>
  );
}
