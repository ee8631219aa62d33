/** Runs once per server process (Next.js instrumentation hook). */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { scheduleDailyDerivation } = await import("@/lib/features/daily/dailyDerivation");
  scheduleDailyDerivation();
  const { schedulePaymentDeadlines } = await import("@/lib/features/vesting-batches/paymentDeadlineJob");
  schedulePaymentDeadlines();
  // Without SMTP_URL mail only queues in email_outbox (the admin users page says so).
  const { mailDeliveryMode } = await import("@/lib/platform/mail/smtpTransport");
  if (mailDeliveryMode() === "smtp") {
    const { scheduleOutboxSender } = await import("@/lib/platform/mail/outboxScheduler");
    scheduleOutboxSender();
  }
}
