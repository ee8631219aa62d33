import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";

/** The sender of every mail when MAIL_FROM is not set. */
export const DEFAULT_MAIL_FROM = "Vesting Desk <no-reply@localhost>";

/** How queued mail leaves: over SMTP, or not at all (it stays in email_outbox). */
export type MailDeliveryMode = "smtp" | "outbox_only";

/** What the sender needs of a transport: nodemailer's sendMail. Tests may pass any transport. */
export type MailTransport = Pick<Transporter, "sendMail">;

type Env = Record<string, string | undefined>;

/** "smtp" when SMTP_URL is set, otherwise "outbox_only": mail is queued and nothing sends it. */
export function mailDeliveryMode(env: Env = process.env): MailDeliveryMode {
  return env.SMTP_URL?.trim() ? "smtp" : "outbox_only";
}

/** host:port of SMTP_URL for the admin page, without credentials; null when unset or not a valid URL. */
export function smtpServerLabel(env: Env = process.env): string | null {
  const raw = env.SMTP_URL?.trim();
  if (!raw) return null;
  try {
    const options = smtpOptions(raw);
    return `${options.host}:${options.port}`;
  } catch {
    return null;
  }
}

/**
 * nodemailer options from an SMTP URL: `smtp://user:pass@host:587` (STARTTLS when offered) or
 * `smtps://user:pass@host:465` (TLS from the start). User and password are percent-decoded. Query flags
 * `requireTLS=true`, `ignoreTLS=true` and `tls.rejectUnauthorized=false` (a relay with its own certificate)
 * pass through. Timeouts are short so one send always ends well within the sender's lease.
 */
export function smtpOptions(url: string): SMTPTransport.Options & { host: string; port: number } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("SMTP_URL is not a URL (expected smtp://user:password@host:port or smtps://…)");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:")
    throw new Error(`SMTP_URL must start with smtp:// or smtps://, not ${parsed.protocol}//`);
  if (!parsed.hostname) throw new Error("SMTP_URL has no host");
  const secure = parsed.protocol === "smtps:";
  const flag = (name: string) => parsed.searchParams.get(name)?.toLowerCase();
  const options: SMTPTransport.Options & { host: string; port: number } = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, "$1"),
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
  if (parsed.username)
    options.auth = { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) };
  if (flag("requireTLS") === "true") options.requireTLS = true;
  if (flag("ignoreTLS") === "true") options.ignoreTLS = true;
  if (flag("tls.rejectUnauthorized") === "false") options.tls = { rejectUnauthorized: false };
  return options;
}

/** A nodemailer SMTP transport for SMTP_URL, sending as MAIL_FROM (default: DEFAULT_MAIL_FROM). */
export function createSmtpTransport(
  url: string | undefined = process.env.SMTP_URL,
  from: string = process.env.MAIL_FROM?.trim() || DEFAULT_MAIL_FROM,
): Transporter<SMTPTransport.SentMessageInfo> {
  if (!url?.trim()) throw new Error("SMTP_URL is not set");
  return nodemailer.createTransport(smtpOptions(url.trim()), { from });
}
