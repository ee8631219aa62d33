import "server-only";
import { eq } from "drizzle-orm";
import { grants } from "@/db/schema";
import { db } from "@/lib/platform/db";
import { isUuid } from "@/lib/platform/validation/common";
import { notFound, unauthenticated } from "@/lib/platform/errors/apiError";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import {
  grantById,
  grantsOfPerson,
  loadGrants,
  personGrantsUnlessKept,
  type GrantDto,
} from "@/lib/features/grants/readModel/grantReads";
import { keepGrantsText, keptGrantsText } from "@/lib/features/grants/readModel/grantDtoCache";
import { keptGrantsTuning } from "@/lib/features/grants/readModel/keptGrantsTuning";
import { reserveStatus } from "@/lib/features/grants/commands";
import { batchesOf, planCategories, planHeader, unaccepted, verifiedList } from "@/lib/features/grants/planGrantsReads";
import { currentUserWith, hasRole, requireUser, sessionCompanion, STAFF_READ_ROLES } from "@/lib/auth/session";

const ownGrants = sessionCompanion(
  "own_grants",
  (database, user) => personGrantsUnlessKept(database, user.personId, "text"),
  keptGrantsTuning,
);

/**
 * The signed-in user's own grants as the API's JSON body, `{"items": [...]}`: the session check and the
 * grants in one statement, PostgreSQL's JSON sent on as it is, and while nothing they are built from has
 * changed, the text this server kept from the user's last request. Same answer as myGrants().
 */
export async function myGrantsBody(): Promise<string> {
  const database = await db();
  await ensureDerivedToday(database);
  const found = await currentUserWith(ownGrants);
  if (!found) throw unauthenticated();
  const { user, value, version: grantDtoVersion } = found;
  if (!user.personId) return `{"items":${value ?? "[]"}}`;
  const text = value !== null ? value : keptGrantsText(user.id, user.personId, grantDtoVersion ?? -1);
  if (value !== null && grantDtoVersion !== null) keepGrantsText(user.id, user.personId, grantDtoVersion, value);
  // Left out as kept, but no longer kept (another request of this user replaced it): read them again.
  return `{"items":${text ?? (await ownGrants.byUser(database).execute({ uid: user.id }))[0]?.value ?? "[]"}}`;
}

/** One grant: staff see any, an employee only their own; anything else is 404, never 403. */
export async function grantForUser(grantId: string): Promise<GrantDto> {
  const u = await requireUser();
  if (!isUuid(grantId)) throw notFound("Grant");
  const database = await db();
  await ensureDerivedToday(database);
  const staff = hasRole(u, ...STAFF_READ_ROLES);
  if (!staff && !u.personId) throw notFound("Grant");
  const grant = await grantById(database, grantId, staff ? undefined : u.personId!);
  if (!grant) throw notFound("Grant");
  return grant;
}

/** Grants of a plan: staff see all; an employee sees only their own within it. */
export async function planGrantsForUser(planId: string): Promise<GrantDto[]> {
  const u = await requireUser();
  if (!isUuid(planId)) throw notFound("Plan");
  const database = await db();
  await ensureDerivedToday(database);
  if (hasRole(u, ...STAFF_READ_ROLES)) return loadGrants(database, eq(grants.planId, planId));
  if (!u.personId) throw notFound("Plan");
  const own = (await grantsOfPerson(database, u.personId)).filter((g) => g.planId === planId);
  if (own.length === 0) throw notFound("Plan");
  return own;
}

/**
 * The HR grants page of one plan: its header, reserve status, batches, the grants not yet accepted, the
 * categories for the form and the verified list to prefill a first grant; null for a malformed or unknown id.
 */
export async function planGrantsOverview(planId: string) {
  await requireUser(...STAFF_READ_ROLES);
  if (!isUuid(planId)) return null;
  const database = await db();
  const plan = await planHeader(database, planId);
  if (!plan) return null;
  const [reserve, batches, pendingAcceptance, categories, list] = [
    await reserveStatus(database, planId),
    await batchesOf(database, planId),
    await unaccepted(database, planId),
    await planCategories(database, planId),
    await verifiedList(database, planId),
  ];
  return { plan, reserve, batches, pendingAcceptance, categories, list };
}
