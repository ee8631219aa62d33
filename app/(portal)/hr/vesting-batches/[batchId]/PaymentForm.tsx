"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import { recordPaymentAction } from "../actions";
import { groupYuan, minusYuan } from "../money";

/** One grantee of the batch as the payment form offers them: what is due, paid so far and still open. */
export type Payer = { employeeNo: string; name: string; due: string; paid: string; outstanding: string };

type Recorded = { employeeNo: string; paid: string; due: string };

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
const button =
  "w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";

/** Records one payment received (a negative amount corrects an earlier entry); the amount starts at what is still due. */
export function PaymentForm({ batchId, payers, today }: { batchId: string; payers: Payer[]; today: string }) {
  const t = useTranslations("hrVestingBatches.payment");
  const router = useRouter();
  const first = payers.find((p) => p.outstanding !== "0.00") ?? payers[0];
  const [employeeNo, setEmployeeNo] = useState(first?.employeeNo ?? "");
  const [amount, setAmount] = useState(first?.outstanding ?? "");
  const [paidOn, setPaidOn] = useState(today);
  const [transactionId, setTransactionId] = useState("");
  const [result, setResult] = useState<ActionResult<Recorded> | null>(null);
  const [pending, start] = useTransition();
  const payer = payers.find((p) => p.employeeNo === employeeNo);

  return (
    <form
      className="space-y-3"
      data-testid="payment-form"
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const r = await recordPaymentAction({
            batchId,
            employeeNo,
            amount: amount.trim(),
            paidOn,
            transactionId: transactionId.trim() === "" ? undefined : transactionId.trim(),
          });
          setResult(r);
          if (r.ok) {
            setTransactionId("");
            setAmount(minusYuan(r.data.due, r.data.paid));
            router.refresh();
          }
        });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
        <label className="block text-sm sm:col-span-2 lg:col-span-1">
          <span className="font-medium">{t("employee")}</span>
          <select
            value={employeeNo}
            onChange={(e) => {
              setEmployeeNo(e.target.value);
              const p = payers.find((x) => x.employeeNo === e.target.value);
              if (p) setAmount(p.outstanding);
            }}
            className={input}
            data-testid="payment-employee"
          >
            {payers.map((p) => (
              <option key={p.employeeNo} value={p.employeeNo}>
                {p.employeeNo} {p.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("amount")}</span>
          <input
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            required
            inputMode="decimal"
            pattern="-?\d+(\.\d{1,2})?"
            className={`${input} tabular`}
            data-testid="payment-amount"
          />
          <span className="text-xs text-slate-500">{t("amountHelp")}</span>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("date")}</span>
          <input
            type="date"
            value={paidOn}
            max={today}
            onChange={(e) => setPaidOn(e.target.value)}
            required
            className={input}
            data-testid="payment-date"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">
            {t("transactionId")} <span className="font-normal text-slate-500">({t("optional")})</span>
          </span>
          <input
            value={transactionId}
            onChange={(e) => setTransactionId(e.target.value)}
            maxLength={100}
            className={input}
            data-testid="payment-transaction"
          />
        </label>
      </div>
      {payer && (
        <p className="text-sm text-slate-600" data-testid="payment-payer">
          {t("payer", {
            due: groupYuan(payer.due),
            paid: groupYuan(payer.paid),
            outstanding: groupYuan(payer.outstanding),
          })}
        </p>
      )}
      <button type="submit" disabled={pending || payers.length === 0} className={button} data-testid="payment-submit">
        {pending ? t("submitting") : t("submit")}
      </button>
      <RefusalBox refusal={result} />
      {result?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="payment-recorded"
        >
          {t("recorded", {
            employeeNo: result.data.employeeNo,
            paid: groupYuan(result.data.paid),
            due: groupYuan(result.data.due),
          })}
        </p>
      )}
    </form>
  );
}
