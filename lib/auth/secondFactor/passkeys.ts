import "server-only";
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from "@simplewebauthn/server";

/** The relying party as the browser sees it: the portal's own origin (NEXTAUTH_URL when set). */
export function relyingParty(req: Request): { rpID: string; origin: string } {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    const url = new URL(configured);
    return { rpID: url.hostname, origin: url.origin };
  }
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? new URL(req.url).host;
  const proto = req.headers.get("x-forwarded-proto") ?? new URL(req.url).protocol.replace(":", "");
  const origin = `${proto}://${host}`;
  return { rpID: new URL(origin).hostname, origin };
}

/** A stored passkey, as the verification needs it. */
export interface StoredPasskey {
  credentialId: string;
  publicKey: string;
  signCount: number;
  transports: string[] | null;
}

type Transport = "ble" | "cable" | "hybrid" | "internal" | "nfc" | "smart-card" | "usb";

/** Options for navigator.credentials.create(): the user's existing passkeys are excluded. */
export function passkeyRegistrationOptions(
  req: Request,
  user: { id: string; email: string; displayName: string },
  existing: StoredPasskey[],
) {
  return generateRegistrationOptions({
    rpName: "Vesting Desk 归属台",
    rpID: relyingParty(req).rpID,
    userName: user.email,
    userDisplayName: user.displayName || user.email,
    userID: new TextEncoder().encode(user.id),
    attestationType: "none",
    excludeCredentials: existing.map((p) => ({
      id: p.credentialId,
      transports: (p.transports ?? undefined) as Transport[] | undefined,
    })),
    authenticatorSelection: { residentKey: "preferred", userVerification: "required" },
  });
}

/** The new passkey if the browser's answer is valid for the challenge, else null. */
export async function verifyPasskeyRegistration(
  req: Request,
  response: RegistrationResponseJSON,
  expectedChallenge: string,
): Promise<StoredPasskey | null> {
  const rp = relyingParty(req);
  try {
    const result = await verifyRegistrationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
    });
    if (!result.verified || !result.registrationInfo) return null;
    const { credential } = result.registrationInfo;
    return {
      credentialId: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString("base64url"),
      signCount: credential.counter,
      transports: credential.transports ?? response.response.transports ?? null,
    };
  } catch {
    return null;
  }
}

/** Options for navigator.credentials.get(), limited to the user's passkeys. */
export function passkeyAuthenticationOptions(req: Request, passkeys: StoredPasskey[]) {
  return generateAuthenticationOptions({
    rpID: relyingParty(req).rpID,
    userVerification: "required",
    allowCredentials: passkeys.map((p) => ({
      id: p.credentialId,
      transports: (p.transports ?? undefined) as Transport[] | undefined,
    })),
  });
}

/** The passkey's new signature counter when the assertion is valid for the challenge, else null. */
export async function verifyPasskeyAssertion(
  req: Request,
  response: AuthenticationResponseJSON,
  expectedChallenge: string,
  passkey: StoredPasskey,
): Promise<number | null> {
  const rp = relyingParty(req);
  try {
    const result = await verifyAuthenticationResponse({
      response,
      expectedChallenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpID,
      requireUserVerification: true,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, "base64url")),
        counter: passkey.signCount,
        transports: (passkey.transports ?? undefined) as Transport[] | undefined,
      },
    });
    return result.verified ? result.authenticationInfo.newCounter : null;
  } catch {
    return null;
  }
}
