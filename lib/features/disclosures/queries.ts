import "server-only";
import { db } from "@/lib/platform/db";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { listDisclosures } from "@/lib/features/disclosures/commands";

/** The HR disclosure calendar of one year: the plans, and the events with the blackout window each opens per plan. */
export async function disclosuresOfYear(year: number) {
  await requireUser(...STAFF_READ_ROLES);
  return listDisclosures(await db(), { from: `${year}-01-01`, to: `${year}-12-31` });
}
