import { getTranslations } from "next-intl/server";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import { minusYuan, sumYuan } from "../money";
import { card } from "./batchCells";
import { PaymentForm, type Payer } from "./PaymentForm";
import { StatementImport } from "./StatementImport";

/** Taking the payment while it is open: one payment at a time, or the matches in a bank statement. */
export async function BatchPayment({ batch, today }: { batch: VestingBatchDto; today: string }) {
  const t = await getTranslations("hrVestingBatches");

  // One payment account per grantee: the form offers each once, with what is still open.
  const payers: Payer[] = [];
  for (const l of batch.lines) {
    const p = payers.find((x) => x.employeeNo === l.employeeNo);
    if (p) {
      p.due = sumYuan([p.due, l.amountDue]);
      p.paid = sumYuan([p.paid, l.paid]);
    } else payers.push({ employeeNo: l.employeeNo, name: l.name, due: l.amountDue, paid: l.paid, outstanding: "" });
  }
  for (const p of payers) p.outstanding = minusYuan(p.due, p.paid);

  return (
    <div className="space-y-4">
      <section className={`${card} space-y-3`} data-testid="payment-section">
        <h2 className="font-semibold">{t("payment.title")}</h2>
        <p className="text-sm text-slate-600">
          {t("payment.intro", { start: batch.paymentStart, deadline: batch.paymentDeadline })}
        </p>
        <PaymentForm batchId={batch.id} payers={payers} today={today} />
      </section>
      <section className={`${card} min-w-0 space-y-3`} data-testid="statement-section">
        <h2 className="font-semibold">{t("statement.title")}</h2>
        <p className="text-sm text-slate-600">{t("statement.intro")}</p>
        <StatementImport batchId={batch.id} />
      </section>
    </div>
  );
}
