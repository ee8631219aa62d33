import "server-only";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import type { MailTransport } from "@/lib/platform/mail/smtpTransport";

/** Attempts before a mail is given up (dead letter): with the back-off below, about eight and a half hours. */
export const MAX_ATTEMPTS = 10;
/** How long a claimed row is a sender's alone. One send ends well within it (see smtpOptions' timeouts). */
export const LEASE_MS = 2 * 60_000;
/** Rows one run sends at most. */
export const BATCH_SIZE = 20;

const FIRST_RETRY_MS = 60_000;
const MAX_RETRY_MS = 6 * 3_600_000;
const MAX_ERROR_LENGTH = 1_000;

/** Wait before the next attempt after `attempts` failed ones (1 → 1 min, 2 → 2 min, 4 min, … at most 6 h). */
export function retryDelayMs(attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  // 2^30 minutes is far past the cap; the exponent is bounded so the number stays finite.
  return Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.min(n - 1, 30));
}

/**
 * The Message-ID of an outbox row: the same on every attempt, so if a sender stops after the SMTP server
 * accepted a mail but before sent_at was written, the repeat that follows when the lease ends carries the
 * same id and the receiving side can recognise it as a duplicate. That window (one SMTP "250 OK" to one
 * UPDATE) is the only way a mail can go out twice.
 */
export function messageIdFor(outboxId: string): string {
  return `<${outboxId}@vesting-desk>`;
}

/** A row leased to one sender until `claimedUntil`. */
export interface ClaimedMail {
  id: string;
  toAddress: string;
  subject: string;
  body: string;
  attempts: number;
  createdAt: Date;
  claimedUntil: Date;
}

/** What one run did: delivered, failed and to be retried, failed and given up. */
export interface SendResult {
  sent: number;
  failed: number;
  dead: number;
}

interface RunOptions {
  /** The time of the run; by default the clock at each step. */
  now?: Date;
  batchSize?: number;
}

/**
 * Leases up to `limit` due rows (unsent, not dead, past their back-off, not leased to a live sender) to the
 * caller until now + LEASE_MS, oldest first. Rows another transaction is claiming at the same moment are
 * skipped (FOR UPDATE SKIP LOCKED), so concurrent senders never get the same row; a sender that dies
 * holding a lease leaves its rows to whoever runs after the lease ends.
 */
export async function claimPendingMail(
  db: Database,
  options: { now?: Date; limit?: number } = {},
): Promise<ClaimedMail[]> {
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const due = db
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(
      and(
        isNull(emailOutbox.sentAt),
        isNull(emailOutbox.deadAt),
        or(isNull(emailOutbox.nextAttemptAt), lte(emailOutbox.nextAttemptAt, now)),
        or(isNull(emailOutbox.claimedUntil), lt(emailOutbox.claimedUntil, now)),
      ),
    )
    .orderBy(asc(emailOutbox.createdAt), asc(emailOutbox.id))
    .limit(options.limit ?? BATCH_SIZE)
    .for("update", { skipLocked: true });
  const rows = await db
    .update(emailOutbox)
    .set({ claimedUntil: leaseUntil })
    .where(inArray(emailOutbox.id, due))
    .returning({
      id: emailOutbox.id,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      body: emailOutbox.body,
      attempts: emailOutbox.attempts,
      createdAt: emailOutbox.createdAt,
    });
  return rows
    .map((r) => ({ ...r, createdAt: new Date(r.createdAt), claimedUntil: leaseUntil }))
    .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1));
}

/**
 * Sends due mail over the transport, one row at a time: claim it (a fresh lease for each send, so a slow
 * server never lets a lease lapse mid-batch), send it with its fixed Message-ID, then record the outcome.
 * Delivered: sent_at. Failed: attempts + 1, the error, and the next attempt after the back-off — or dead_at
 * when the attempts are used up or the server refused the recipient for good (5xx to RCPT TO). Database
 * errors are thrown; the row's lease then simply runs out and a later run takes it again.
 */
export async function sendPendingMail(
  db: Database,
  transport: MailTransport,
  options: RunOptions = {},
): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0, dead: 0 };
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const clock = () => options.now ?? new Date();
  for (let i = 0; i < batchSize; i++) {
    const [mail] = await claimPendingMail(db, { now: clock(), limit: 1 });
    if (!mail) break;
    let failure: unknown = null;
    try {
      await transport.sendMail({
        to: mail.toAddress,
        subject: mail.subject,
        text: mail.body,
        messageId: messageIdFor(mail.id),
      });
    } catch (e) {
      failure = e ?? new Error("send failed");
    }
    if (failure === null) {
      // Recorded even if the lease ran out meanwhile: the mail is out, and nobody may send it again.
      await db
        .update(emailOutbox)
        .set({ sentAt: clock(), claimedUntil: null })
        .where(and(eq(emailOutbox.id, mail.id), isNull(emailOutbox.sentAt)));
      result.sent++;
      continue;
    }
    const now = clock();
    const attempts = mail.attempts + 1;
    const dead = attempts >= MAX_ATTEMPTS || isPermanentRejection(failure);
    await db
      .update(emailOutbox)
      .set({
        attempts,
        lastError: describeError(failure),
        nextAttemptAt: dead ? null : new Date(now.getTime() + retryDelayMs(attempts)),
        deadAt: dead ? now : null,
        claimedUntil: null,
      })
      // Only while the lease is still this sender's: after it lapsed, the row is someone else's to record.
      .where(and(eq(emailOutbox.id, mail.id), eq(emailOutbox.claimedUntil, mail.claimedUntil)));
    if (dead) result.dead++;
    else result.failed++;
  }
  return result;
}

/** Mail waiting to be sent, and mail given up, for the admin page. */
export async function outboxCounts(db: Database): Promise<{ pending: number; dead: number }> {
  const [row] = await db
    .select({
      pending: sql<number>`count(*) filter (where ${emailOutbox.deadAt} is null)::int`,
      dead: sql<number>`count(*) filter (where ${emailOutbox.deadAt} is not null)::int`,
    })
    .from(emailOutbox)
    .where(isNull(emailOutbox.sentAt));
  return { pending: Number(row?.pending ?? 0), dead: Number(row?.dead ?? 0) };
}

/** The recipient was refused for good (5xx to RCPT TO): retrying cannot help. Anything else may pass later. */
function isPermanentRejection(e: unknown): boolean {
  const err = e as { code?: unknown; command?: unknown; responseCode?: unknown };
  return (
    err?.code === "EENVELOPE" &&
    err.command === "RCPT TO" &&
    typeof err.responseCode === "number" &&
    err.responseCode >= 500 &&
    err.responseCode < 600
  );
}

function describeError(e: unknown): string {
  const err = e as { code?: unknown; message?: unknown };
  const message = typeof err?.message === "string" ? err.message : String(e);
  const text = typeof err?.code === "string" && !message.includes(err.code) ? `${err.code}: ${message}` : message;
  return text.slice(0, MAX_ERROR_LENGTH);
}
