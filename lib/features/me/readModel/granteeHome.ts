import "server-only";
import { sql } from "drizzle-orm";
import { grants } from "@/db/schema";
import { personGrantsUnlessKept, type GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { userNoticesJson, type NoticeDto } from "@/lib/features/notices/notices";
import { planBlackoutKeysJson, type BlackoutKeyRow } from "@/lib/features/derivation/blackoutKeys";
import { sessionJoinedRead } from "@/lib/auth/session";
import { keptGrantsTuning } from "@/lib/features/grants/readModel/keptGrantsTuning";
import { paymentsDueJson, type PaymentDue } from "@/lib/features/vesting-batches/paymentsDue";

/** What the grantee's home page reads from the database, for one user. */
export interface GranteeHomeRows {
  /** Null when this server keeps the user's grants at the current version (see grantDtoCache). */
  grants: GrantDto[] | null;
  notices: NoticeDto[];
  /** Blackout fingerprints of the plans the person holds grants in (windows come from the memo by key). */
  blackoutKeys: BlackoutKeyRow[];
  /** The person's vesting batches whose payment is open (the home page's "payment due" card). */
  paymentsDue: PaymentDue[];
}

/**
 * The home page's data as one JSON value that travels with the request's session check: on this
 * hardware a statement costs the server more in its round trip than PostgreSQL spends answering it.
 * The parts are the same SQL the single-purpose reads use (grants, notices, blackout keys, payments due).
 */
export const granteeHomeRead = sessionJoinedRead<GranteeHomeRows>(
  "grantee_home",
  (db, user) =>
    sql<GranteeHomeRows>`json_build_object(
    'grants', ${personGrantsUnlessKept(db, user.personId, "json")},
    'notices', ${userNoticesJson(user.userId)},
    'blackoutKeys', ${planBlackoutKeysJson(sql`(select distinct ${grants.planId} from ${grants} where ${grants.personId} = ${user.personId})`)},
    'paymentsDue', ${paymentsDueJson(user.personId)})`,
  keptGrantsTuning,
);
