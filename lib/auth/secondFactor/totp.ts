import "server-only";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/** The issuer shown in authenticator apps. */
const ISSUER = "Vesting Desk";

/** A new base32 TOTP secret (160 bits, RFC 6238 with SHA-1, 6 digits, 30 s: what every app reads). */
export function newTotpSecret(): string {
  return generateSecret();
}

/** The otpauth:// URI an authenticator app scans, and the same as an SVG QR code. */
export async function totpEnrolment(secret: string, account: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = generateURI({ issuer: ISSUER, label: account, secret });
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 1, errorCorrectionLevel: "M" });
  return { uri, qrSvg };
}

/**
 * The time step a code matches (one step of clock drift either way), or null. A code at or before
 * `afterStep` (the last one accepted) is refused: each code works once.
 */
export async function matchTotp(secret: string, code: string, afterStep: number | null): Promise<number | null> {
  const token = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(token)) return null;
  try {
    const result = await verify({
      secret,
      token,
      epochTolerance: 30,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    return result.valid && "timeStep" in result ? result.timeStep : null;
  } catch {
    // otplib throws when the last accepted step lies ahead of the clock (a clock stepped back): no match.
    return null;
  }
}
