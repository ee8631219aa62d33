import "server-only";
import { db } from "@/lib/platform/db";
import { isUuid } from "@/lib/platform/validation/common";
import { notFound, unauthenticated } from "@/lib/platform/errors/apiError";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import { grantById, personGrantsUnlessKept, type GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { keepGrantsText, keptGrantsText } from "@/lib/features/grants/readModel/grantDtoCache";
import { keptGrantsTuning } from "@/lib/features/grants/readModel/keptGrantsTuning";
import { reserveStatus } from "@/lib/features/grants/commands";
import { batchesOf, planCategories, planHeader, verifiedList } from "@/lib/features/grants/planGrantsReads";
import { holdsGrantIn, planGrantsPage, unacceptedCount } from "@/lib/features/grants/planGrantList";
import type { PlanGrantsQuery } from "@/lib/features/grants/planGrantListQuery";
import { ApiError } from "@/lib/platform/errors/apiError";
import { DEFAULT_PAGE_SIZE, type Page } from "@/lib/platform/pagination/keysetCursor";
import { currentUserWith, hasRole, requireUser, sessionJoinedRead, STAFF_READ_ROLES } from "@/lib/auth/session";

const ownGrants = sessionJoinedRead(
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

/**
 * One page of a plan's grants, filtered: staff see all; an employee only their own within it (404 for a
 * plan they hold nothing in, whatever the filters).
 */
export async function planGrantsForUser(planId: string, query: PlanGrantsQuery = {}): Promise<Page<GrantDto>> {
  const u = await requireUser();
  if (!isUuid(planId)) throw notFound("Plan");
  const database = await db();
  await ensureDerivedToday(database);
  if (hasRole(u, ...STAFF_READ_ROLES)) return planGrantsPage(database, planId, query);
  if (!u.personId || !(await holdsGrantIn(database, planId, u.personId))) throw notFound("Plan");
  return planGrantsPage(database, planId, query, u.personId);
}

/**
 * The HR grants page of one plan: its header, reserve status, batches, how many grants wait for
 * acceptance, one page of its grants as filtered, the categories for the form and the verified list to
 * prefill a first grant; null for a malformed or unknown id. A cursor the list did not hand out (an
 * edited address) shows the first page rather than an error.
 */
export async function planGrantsOverview(planId: string, grantQuery: PlanGrantsQuery = {}) {
  await requireUser(...STAFF_READ_ROLES);
  if (!isUuid(planId)) return null;
  const database = await db();
  const plan = await planHeader(database, planId);
  if (!plan) return null;
  await ensureDerivedToday(database);
  const query = { ...grantQuery, limit: grantQuery.limit ?? DEFAULT_PAGE_SIZE };
  const grantPage = await planGrantsPage(database, planId, query).catch((e: unknown) => {
    if (e instanceof ApiError && e.code === "BAD_REQUEST" && query.cursor)
      return planGrantsPage(database, planId, { ...query, cursor: undefined });
    throw e;
  });
  const [reserve, batches, pendingAcceptance, categories, list] = [
    await reserveStatus(database, planId),
    await batchesOf(database, planId),
    await unacceptedCount(database, planId),
    await planCategories(database, planId),
    await verifiedList(database, planId),
  ];
  return { plan, reserve, batches, pendingAcceptance, grants: grantPage, categories, list };
}
