import "server-only";
import { db } from "@/lib/platform/db";
import { requiresSecondFactor } from "@/lib/domain/access/secondFactorPolicy";
import { factorsOf } from "./factorStore";
import { enrolmentDeadlineOf } from "./signInFlow";

/** Which kinds of factor a pending sign-in's user can give (for the second-factor page). */
export async function pendingFactorsOf(userId: string): Promise<{ totp: boolean; passkey: boolean }> {
  const { factors } = await factorsOf(await db(), userId);
  return { totp: factors.some((f) => f.kind === "totp"), passkey: factors.some((f) => f.kind === "webauthn") };
}

/**
 * The account page's view: the user's factors, recovery codes left, and — for a role that requires a
 * second factor and has none yet — the day enrolment becomes compulsory.
 */
export async function accountFactorsOf(user: { id: string; roles: string[] }) {
  const database = await db();
  const { factors, recoveryCodesLeft } = await factorsOf(database, user.id);
  const deadline =
    factors.length === 0 && requiresSecondFactor(user.roles) ? await enrolmentDeadlineOf(database, user.id) : null;
  return { factors, recoveryCodesLeft, enrolBy: deadline ? deadline.toISOString().slice(0, 10) : null };
}
