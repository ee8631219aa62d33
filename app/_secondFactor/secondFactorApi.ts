"use client";
import { startAuthentication, startRegistration } from "@simplewebauthn/browser";

/** A refused call: the error table's code and the server's English message. */
export class SecondFactorError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** POSTs JSON to the portal's own API and answers the JSON body, or throws its error code. */
export function post<T>(path: string, body?: unknown): Promise<T> {
  return call<T>(path, "POST", body ?? {});
}

/** DELETEs a resource of the portal's own API, or throws its error code. */
export function remove(path: string): Promise<void> {
  return call<void>(path, "DELETE");
}

async function call<T>(path: string, method: "POST" | "DELETE", body?: unknown): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok)
    throw new SecondFactorError(json?.error?.code ?? `HTTP_${res.status}`, json?.error?.message ?? res.statusText);
  return json as T;
}

/** Asks the browser for a passkey assertion against the options from `optionsPath`, then sends it to `verifyPath`. */
export async function passkeyProof(optionsPath: string, verifyPath: string): Promise<void> {
  const optionsJSON = await post<Parameters<typeof startAuthentication>[0]["optionsJSON"]>(optionsPath);
  let response;
  try {
    response = await startAuthentication({ optionsJSON });
  } catch {
    throw new SecondFactorError("PASSKEY_CANCELLED", "The passkey was not used.");
  }
  await post(verifyPath, { method: "passkey", response });
}

/** Creates a passkey in the browser and stores it; answers recovery codes when it is the first factor. */
export async function registerPasskey(label: string): Promise<{ recoveryCodes: string[] | null }> {
  const optionsJSON = await post<Parameters<typeof startRegistration>[0]["optionsJSON"]>(
    "/api/v1/me/factors/passkey-setup",
  );
  let response;
  try {
    response = await startRegistration({ optionsJSON });
  } catch {
    throw new SecondFactorError("PASSKEY_CANCELLED", "The passkey was not created.");
  }
  return post("/api/v1/me/factors/passkey", { response, label: label || undefined });
}
