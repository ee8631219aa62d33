"use server";
import { ZodError } from "zod";
import { ApiError } from "@/lib/platform/errors/apiError";
import { setPasswordSchema, setPasswordWithLink } from "@/lib/features/admin/passwordSetup";
import { requestIp } from "@/lib/platform/http/clientIp";
import { db } from "@/lib/platform/db";

/** What the set-password form shows: done, or a code its messages translate. */
export type SetPasswordState = { ok: boolean; code?: string };

/**
 * Sets a password through a one-time link. Public on purpose: holding the link (256 random bits, 72 hours,
 * one use) is the proof; no session is needed, and any session the user had ends.
 */
export async function setPasswordAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  try {
    const input = setPasswordSchema.parse({ token: form.get("token"), password: form.get("password"), confirm: form.get("confirm") });
    await setPasswordWithLink(await db(), input, await requestIp());
    return { ok: true };
  } catch (e) {
    if (e instanceof ZodError) return { ok: false, code: "BAD_REQUEST" };
    if (e instanceof ApiError && e.status < 500) return { ok: false, code: e.code };
    throw e;
  }
}
