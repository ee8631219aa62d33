"use server";
import { action } from "@/lib/auth/procedures/action";
import { changeOwnPassword } from "@/lib/features/me/commands";
import { changePasswordSchema } from "@/lib/features/me/schemas";

/** Result shown by the form: message keys under "account". */
export type ChangePasswordState = { ok: boolean; errors: string[] };

const change = action({ access: "signedIn", input: changePasswordSchema }, async ({ db, user, actor, input }) =>
  changeOwnPassword(db, user, actor, input),
);

/** Changes the signed-in user's password; bumping the session version signs out every other session. */
export async function changePassword(_prev: ChangePasswordState, form: FormData): Promise<ChangePasswordState> {
  const result = await change({ current: form.get("current"), next: form.get("next"), confirm: form.get("confirm") });
  if (result.ok) return { ok: result.data.length === 0, errors: result.data };
  // A form that does not parse (a field missing or far too long) reads as too short, as it always has.
  if (result.code === "BAD_REQUEST") return { ok: false, errors: ["tooShort"] };
  throw new Error(result.message);
}
