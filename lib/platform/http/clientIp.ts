import "server-only";
import { headers } from "next/headers";

/** The first address of an X-Forwarded-For value (the client as the proxy saw it), or null. */
export function firstForwardedIp(value: string | null | undefined): string | null {
  return value?.split(",")[0]?.trim() || null;
}

/** The caller's IP for the audit trail, inside a server action or server component. */
export async function requestIp(): Promise<string | null> {
  return firstForwardedIp((await headers()).get("x-forwarded-for"));
}
