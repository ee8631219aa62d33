import "server-only";
import crypto from "node:crypto";
import { idNumberKey } from "@/lib/platform/secrets";

/** Encrypts an ID number with AES-256-GCM; output is iv.tag.ciphertext in base64url. */
export function encryptIdNumber(plain: string, key: Buffer = idNumberKey()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), data].map((b) => b.toString("base64url")).join(".");
}

/** Decrypts a value made by encryptIdNumber; throws when it was tampered with. */
export function decryptIdNumber(sealed: string, key: Buffer = idNumberKey()): string {
  const [iv, tag, data] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  if (!iv || !tag || !data) throw new Error("malformed encrypted ID number");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(data), decipher.final()]).toString("utf8");
}

/** Masks an ID number for display: only the last four characters remain. */
export function maskIdNumber(last4: string | null): string {
  return last4 ? `**************${last4}` : "";
}
