"use server";
import { action } from "@/lib/auth/procedures/action";
import { setPasswordThroughLink } from "@/lib/features/admin/commands";
import { setPasswordSchema } from "@/lib/features/admin/schemas";
import { requestIp } from "@/lib/platform/http/clientIp";

/** What the set-password form shows: done, or a code its messages translate. */
export type SetPasswordState = { ok: boolean; code?: string };

/**
 * Public on purpose: holding the link (256 random bits, 72 hours, one use) is the proof; no session is
 * needed, and any session the user had ends.
 */
const setPassword = action({ access: "public", input: setPasswordSchema }, async ({ input }) => {
  await setPasswordThroughLink(input, await requestIp());
});

/** Sets a password through a one-time link; refusals come back as codes (BAD_REQUEST for a form that does not parse). */
export async function setPasswordAction(_prev: SetPasswordState, form: FormData): Promise<SetPasswordState> {
  const result = await setPassword({
    token: form.get("token"),
    password: form.get("password"),
    confirm: form.get("confirm"),
  });
  return result.ok ? { ok: true } : { ok: false, code: result.code };
}
