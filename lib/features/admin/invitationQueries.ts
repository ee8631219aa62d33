import "server-only";
import { db } from "@/lib/platform/db";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { invitableBatches } from "@/lib/features/admin/batchInvitations";

/** The invitation page: every grant batch with how many of its grantees have no login yet. */
export async function invitationPage() {
  await requireUser(...STAFF_READ_ROLES);
  return invitableBatches(await db());
}
