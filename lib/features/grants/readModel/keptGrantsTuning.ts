import "server-only";
import type { JoinedReadTuning } from "@/lib/auth/session";
import { grantDtoVersion } from "@/lib/features/grants/readModel/grantReads";
import { keptGrantVersion } from "@/lib/features/grants/readModel/grantDtoCache";

/**
 * The tuning of a read joined to the session check, built on personGrantsUnlessKept: the check reads the person's grant
 * DTO version and leaves the grants out while this server keeps them for the user at that version. Read alone
 * (after the check left), nothing counts as kept.
 */
export const keptGrantsTuning: JoinedReadTuning = {
  version: (_database, user) => grantDtoVersion(user.personId),
  params: keptGrantVersion,
  readAlone: { gv: -1, gp: null },
};
