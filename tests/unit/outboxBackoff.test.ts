import { describe, expect, it } from "vitest";
import { MAX_ATTEMPTS, messageIdFor, retryDelayMs } from "@/lib/platform/mail/outboxSender";
import { DEFAULT_MAIL_FROM, mailDeliveryMode, smtpOptions, smtpServerLabel } from "@/lib/platform/mail/smtpTransport";

const MINUTE = 60_000;

describe("outbox retry back-off", () => {
  it("doubles from one minute and stops at six hours", () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([1, 2, 4, 8, 16].map((m) => m * MINUTE));
    expect(retryDelayMs(9)).toBe(256 * MINUTE);
    expect(retryDelayMs(10)).toBe(360 * MINUTE);
    expect(retryDelayMs(1_000)).toBe(360 * MINUTE);
    expect(retryDelayMs(0)).toBe(MINUTE);
  });

  it("spreads the attempts over several hours before a mail is given up", () => {
    const total = Array.from({ length: MAX_ATTEMPTS - 1 }, (_, i) => retryDelayMs(i + 1)).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(6 * 60 * MINUTE);
    expect(total).toBeLessThan(24 * 60 * MINUTE);
  });

  it("gives each row one Message-ID for every attempt", () => {
    const id = "7d0f3a52-8b1e-4c57-9a1d-2f9a3c1b5e60";
    expect(messageIdFor(id)).toBe(`<${id}@vesting-desk>`);
    expect(messageIdFor(id)).toBe(messageIdFor(id));
  });
});

describe("SMTP_URL", () => {
  it("is optional: without it mail stays in the outbox", () => {
    expect(mailDeliveryMode({})).toBe("outbox_only");
    expect(mailDeliveryMode({ SMTP_URL: " " })).toBe("outbox_only");
    expect(mailDeliveryMode({ SMTP_URL: "smtp://mail.example.com" })).toBe("smtp");
    expect(smtpServerLabel({})).toBeNull();
    expect(DEFAULT_MAIL_FROM).toMatch(/<.+@.+>/);
  });

  it("reads smtp:// and smtps:// with credentials, and never shows them", () => {
    expect(smtpOptions("smtps://desk%40example.com:p%3Ass@mail.example.com")).toMatchObject({
      host: "mail.example.com",
      port: 465,
      secure: true,
      auth: { user: "desk@example.com", pass: "p:ss" },
    });
    const plain = smtpOptions("smtp://relay.internal:25?requireTLS=true&tls.rejectUnauthorized=false");
    expect(plain).toMatchObject({ host: "relay.internal", port: 25, secure: false, requireTLS: true });
    expect(plain.tls).toEqual({ rejectUnauthorized: false });
    expect(plain.auth).toBeUndefined();
    expect(smtpOptions("smtp://mail.example.com").port).toBe(587);
    expect(smtpServerLabel({ SMTP_URL: "smtps://user:secret@mail.example.com:2465" })).toBe("mail.example.com:2465");
  });

  it("refuses anything but an smtp:// or smtps:// URL", () => {
    expect(() => smtpOptions("mail.example.com")).toThrow(/not a URL/);
    expect(() => smtpOptions("https://mail.example.com")).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(smtpServerLabel({ SMTP_URL: "http://x" })).toBeNull();
  });
});
