import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { emailOutbox } from "@/db/schema";
import {
  LEASE_MS,
  MAX_ATTEMPTS,
  claimPendingMail,
  messageIdFor,
  outboxCounts,
  sendPendingMail,
} from "@/lib/platform/mail/outboxSender";
import { createSmtpTransport } from "@/lib/platform/mail/smtpTransport";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";
import { startSmtpServer } from "./support/smtpServer";

/** A port nothing listens on: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

const SUBJECT = "归属台账户邀请 / Your Vesting Desk account";
const BODY =
  "张三，您好：\n\n管理员已为您开通归属台账户。请通过以下链接设置密码：\nhttps://desk.example/setup/abc\n\n— Hello Zhang San.\n";

describe.each(BACKENDS)("the e-mail outbox sender on %s", (kind) => {
  let h: DatabaseHandle;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let goodUrl: string;
  let refusedUrl: string;

  type OutboxRow = {
    id: string;
    to_address: string;
    attempts: number;
    sent_at: string | null;
    next_attempt_at: string | null;
    last_error: string | null;
    dead_at: string | null;
    claimed_until: string | null;
  };
  const outbox = () =>
    rows<OutboxRow>(
      h,
      sql`SELECT id, to_address, attempts, sent_at::text, next_attempt_at::text, last_error, dead_at::text, claimed_until::text FROM email_outbox ORDER BY created_at, to_address`,
    );
  const queue = async (...to: string[]) =>
    h.db
      .insert(emailOutbox)
      .values(to.map((address) => ({ toAddress: address, subject: SUBJECT, body: BODY })))
      .returning({ id: emailOutbox.id });

  beforeAll(async () => {
    h = await freshDatabase(kind);
    smtp = await startSmtpServer();
    goodUrl = `smtp://127.0.0.1:${smtp.port}`;
    refusedUrl = `smtp://127.0.0.1:${await closedPort()}`;
  });
  afterAll(async () => {
    await smtp?.close();
    await h?.close();
  });
  beforeEach(async () => {
    await h.db.execute(sql`DELETE FROM email_outbox`);
    smtp.received.length = 0;
  });

  it("delivers queued mail over SMTP with its UTF-8 subject and body, and records sent_at", async () => {
    // Two statements, so the second is queued later and is sent second.
    const [a] = await queue("employee@example.com");
    const [b] = await queue("hr@example.com");
    const result = await sendPendingMail(h.db, createSmtpTransport(goodUrl, "Vesting Desk <desk@example.com>"));
    expect(result).toEqual({ sent: 2, failed: 0, dead: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([["employee@example.com"], ["hr@example.com"]]);
    for (const m of smtp.received) {
      expect(m.from).toBe("desk@example.com");
      expect(m.subject).toBe(SUBJECT);
      expect(m.text.trimEnd()).toBe(BODY.trimEnd());
    }
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageIdFor(a!.id), messageIdFor(b!.id)]);
    const stored = await outbox();
    expect(stored.every((r) => r.sent_at !== null && r.claimed_until === null && r.attempts === 0)).toBe(true);
    expect(await outboxCounts(h.db)).toEqual({ pending: 0, dead: 0 });
    // A sender started afterwards (a restart) finds nothing to send.
    expect(await sendPendingMail(h.db, createSmtpTransport(goodUrl))).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(smtp.received).toHaveLength(2);
  });

  it("retries after a refused connection once the back-off has passed, and delivers once", async () => {
    await queue("employee@example.com");
    const t0 = new Date();
    const refused = await sendPendingMail(h.db, createSmtpTransport(refusedUrl), { now: t0 });
    expect(refused).toEqual({ sent: 0, failed: 1, dead: 0 });
    const [row] = await outbox();
    expect(row!.attempts).toBe(1);
    expect(row!.sent_at).toBeNull();
    expect(row!.dead_at).toBeNull();
    expect(row!.claimed_until).toBeNull();
    expect(row!.last_error).toMatch(/ECONNREFUSED/);
    expect(new Date(row!.next_attempt_at!).getTime()).toBe(t0.getTime() + 60_000);
    expect(await outboxCounts(h.db)).toEqual({ pending: 1, dead: 0 });

    // Not yet due: the server is back, but the back-off holds the mail.
    const good = createSmtpTransport(goodUrl);
    expect(await sendPendingMail(h.db, good, { now: new Date(t0.getTime() + 59_000) })).toEqual({
      sent: 0,
      failed: 0,
      dead: 0,
    });
    expect(smtp.received).toHaveLength(0);

    const later = new Date(t0.getTime() + 61_000);
    expect(await sendPendingMail(h.db, good, { now: later })).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(await sendPendingMail(h.db, good, { now: later })).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(smtp.received.map((m) => m.to)).toEqual([["employee@example.com"]]);
    const [sent] = await outbox();
    expect(sent!.sent_at).not.toBeNull();
    expect(sent!.attempts).toBe(1);
  });

  it("gives a mail up after the last allowed attempt, and at once when the server refuses the recipient", async () => {
    await queue("employee@example.com");
    await h.db.execute(sql`UPDATE email_outbox SET attempts = ${MAX_ATTEMPTS - 1}`);
    const now = new Date();
    expect(await sendPendingMail(h.db, createSmtpTransport(refusedUrl), { now })).toEqual({
      sent: 0,
      failed: 0,
      dead: 1,
    });
    const [dead] = await outbox();
    expect(dead!.attempts).toBe(MAX_ATTEMPTS);
    expect(dead!.dead_at).not.toBeNull();
    expect(dead!.next_attempt_at).toBeNull();
    // A dead letter is never picked up again, however late.
    const muchLater = new Date(now.getTime() + 7 * 86_400_000);
    expect(await sendPendingMail(h.db, createSmtpTransport(goodUrl), { now: muchLater })).toEqual({
      sent: 0,
      failed: 0,
      dead: 0,
    });
    expect(smtp.received).toHaveLength(0);

    await queue("reject-me@example.com");
    expect(await sendPendingMail(h.db, createSmtpTransport(goodUrl), { now })).toEqual({
      sent: 0,
      failed: 0,
      dead: 1,
    });
    const rejected = (await outbox()).find((r) => r.to_address === "reject-me@example.com")!;
    expect(rejected.attempts).toBe(1);
    expect(rejected.dead_at).not.toBeNull();
    expect(rejected.last_error).toMatch(/550/);
    expect(await outboxCounts(h.db)).toEqual({ pending: 0, dead: 2 });
  });

  it("does not send a row another sender holds a lease on (a crash mid-send), and sends it once the lease ends", async () => {
    const [row] = await queue("employee@example.com");
    const t0 = new Date();
    // The first process claims the row and dies before sending it.
    const claimed = await claimPendingMail(h.db, { now: t0 });
    expect(claimed.map((c) => c.id)).toEqual([row!.id]);
    expect(await claimPendingMail(h.db, { now: t0 })).toEqual([]);

    // The restarted process does not touch it while the lease runs…
    const good = createSmtpTransport(goodUrl);
    expect(await sendPendingMail(h.db, good, { now: new Date(t0.getTime() + LEASE_MS - 1_000) })).toEqual({
      sent: 0,
      failed: 0,
      dead: 0,
    });
    expect(smtp.received).toHaveLength(0);
    // …and sends it exactly once after.
    const after = new Date(t0.getTime() + LEASE_MS + 1_000);
    expect(await sendPendingMail(h.db, good, { now: after })).toEqual({ sent: 1, failed: 0, dead: 0 });
    expect(await sendPendingMail(h.db, good, { now: after })).toEqual({ sent: 0, failed: 0, dead: 0 });
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageIdFor(row!.id)]);
  });

  it("delivers every message exactly once when two senders run at the same time", async () => {
    const ids = (await queue(...Array.from({ length: 30 }, (_, i) => `employee${i}@example.com`))).map((r) => r.id);
    const [first, second] = await Promise.all([
      sendPendingMail(h.db, createSmtpTransport(goodUrl), { batchSize: 50 }),
      sendPendingMail(h.db, createSmtpTransport(goodUrl), { batchSize: 50 }),
    ]);
    expect(first!.sent + second!.sent).toBe(30);
    // They really ran side by side: each sent a share.
    expect(first!.sent).toBeGreaterThan(0);
    expect(second!.sent).toBeGreaterThan(0);
    expect(first!.failed + second!.failed + first!.dead + second!.dead).toBe(0);
    const messageIds = smtp.received.map((m) => m.messageId);
    expect(messageIds).toHaveLength(30);
    expect(new Set(messageIds)).toEqual(new Set(ids.map(messageIdFor)));
    expect((await outbox()).every((r) => r.sent_at !== null)).toBe(true);
  });

  it("never hands the same row to two claims racing each other", async () => {
    const ids = (await queue(...Array.from({ length: 30 }, (_, i) => `employee${i}@example.com`))).map((r) => r.id);
    const now = new Date();
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimPendingMail(h.db, { now, limit: 5 })));
    const claimed = claims.flat().map((c) => c.id);
    expect(claimed).toHaveLength(30);
    expect(new Set(claimed)).toEqual(new Set(ids));
  });
});
