import "server-only";
import { db } from "@/lib/platform/db";
import { BATCH_SIZE, sendPendingMail } from "@/lib/platform/mail/outboxSender";
import { createSmtpTransport, smtpServerLabel } from "@/lib/platform/mail/smtpTransport";

/** Pause between runs; a full batch is followed at once (after a breath) by the next. */
const INTERVAL_MS = 15_000;
const BACKLOG_PAUSE_MS = 1_000;

const started = globalThis as unknown as { __vestingDeskOutboxSender?: boolean };

/**
 * Drains the outbox over SMTP_URL in the background, once per process: one run at a time (the next is
 * scheduled when the last has finished), timers that never keep the process alive, and failures logged,
 * never thrown. Several processes may run it on one database: rows are leased (outboxSender.ts).
 */
export function scheduleOutboxSender(): void {
  if (started.__vestingDeskOutboxSender) return;
  let transport: ReturnType<typeof createSmtpTransport>;
  try {
    transport = createSmtpTransport();
  } catch (e) {
    console.error("[mail] not sending e-mail:", e instanceof Error ? e.message : e);
    return;
  }
  started.__vestingDeskOutboxSender = true;
  console.info(`[mail] sending the e-mail outbox over SMTP (${smtpServerLabel()})`);
  const run = async () => {
    let pause = INTERVAL_MS;
    try {
      const { sent, failed, dead } = await sendPendingMail(await db(), transport);
      if (failed > 0 || dead > 0)
        console.warn(`[mail] ${sent} sent, ${failed} failed and will be retried, ${dead} given up`);
      if (sent + failed + dead >= BATCH_SIZE) pause = BACKLOG_PAUSE_MS;
    } catch (e) {
      console.error("[mail] outbox run failed; the next run retries:", e instanceof Error ? e.message : e);
    }
    setTimeout(run, pause).unref();
  };
  setTimeout(run, BACKLOG_PAUSE_MS).unref();
}
