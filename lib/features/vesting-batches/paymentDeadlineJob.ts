import "server-only";
import { db } from "@/lib/platform/db";
import { today } from "@/lib/platform/clock";
import { msUntilNextShanghaiDay } from "@/lib/features/daily/dailyDerivation";
import { closeOverduePayments } from "@/lib/features/vesting-batches/closePayment";

async function closeNow(): Promise<void> {
  try {
    const closed = await closeOverduePayments(await db(), today());
    if (closed > 0) console.info(`[payment] closed ${closed} vesting batch payment(s) past their deadline`);
  } catch (e) {
    console.error("[payment] closing overdue payments failed; retried next day:", e instanceof Error ? e.message : e);
  }
}

/**
 * Closes every vesting batch's payment the day after its deadline (unpaid shares lapse as waived): once
 * when the server starts, then just after each Shanghai midnight. HR may close on the deadline itself.
 */
export function schedulePaymentDeadlines(): void {
  void closeNow();
  const next = () => {
    const timer = setTimeout(async () => {
      await closeNow();
      next();
    }, msUntilNextShanghaiDay(Date.now()));
    timer.unref();
  };
  next();
}
