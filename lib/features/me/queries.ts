import "server-only";

import { db } from "@/lib/platform/db";
import { unauthenticated } from "@/lib/platform/errors/apiError";
import { grantTotals, type GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { noticesOf } from "@/lib/features/notices/notices";
import { granteeHomeRead } from "@/lib/features/me/readModel/granteeHome";
import { grantsAnswered } from "@/lib/features/grants/readModel/keptGrantsRead";
import { blackoutsFromKeys } from "@/lib/features/derivation/planInputs";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import { currentUserWith, requireUser } from "@/lib/auth/session";
import { describeBlackoutWindows } from "@/lib/features/calendar/blackoutsForPerson";
import { toLocale } from "@/i18n/locales";
import { today as clockToday } from "@/lib/platform/clock";

/** The next thing that will happen to the grantee's shares: the earliest date among unvested tranches. */
export interface NextVestingEvent {
  grantId: string;
  planName: string;
  planNameEn: string;
  trancheIndex: number;
  windowOpen: string | null;
  windowClose: string | null;
  earliestVestingDate: string | null;
  plannedQuantity: number;
  deferredBy: GrantDto["tranches"][number]["deferredBy"];
}

/**
 * Everything the grantee's home page shows, for the signed-in user only. Its data is part of the request's
 * session check when asked for before the page awaits anything else (see sessionBatch).
 */
export async function granteeOverview() {
  const database = await db();
  // Statuses and earliest dates depend on today: a new day's derivation comes before the read.
  await ensureDerivedToday(database);
  const found = await currentUserWith(granteeHomeRead);
  if (!found) throw unauthenticated();
  const { user, value, version: grantDtoVersion } = found;
  const {
    grants: answered,
    notices,
    blackoutKeys,
    paymentsDue,
  } = value ?? { grants: [], notices: [], blackoutKeys: [], paymentsDue: [] };
  const list = await grantsAnswered(database, user, answered, grantDtoVersion);
  const today = clockToday();
  // A grantee's plans are exactly those of their grants, so no separate visibility query is needed.
  const planIds = [...new Set(list.map((g) => g.planId))];
  const windows = describeBlackoutWindows(
    planIds,
    await blackoutsFromKeys(database, blackoutKeys),
    toLocale(user.locale),
    { from: today },
  );
  return {
    today,
    grants: list,
    totals: grantTotals(list),
    nextEvent: nextVestingEvent(list),
    blackoutToday: windows.find((w) => w.from <= today && w.to >= today) ?? null,
    upcomingBlackouts: windows.filter((w) => w.from > today).slice(0, 3),
    notices,
    paymentsDue: paymentsDue ?? [],
  };
}

/** The unvested tranche with the earliest (earliest vesting or window-open) date. */
export function nextVestingEvent(list: GrantDto[]): NextVestingEvent | null {
  let best: NextVestingEvent | null = null;
  for (const g of list) {
    for (const t of g.tranches) {
      if (t.status !== "pending" && t.status !== "vestable") continue;
      const date = t.earliestVestingDate ?? t.windowOpen;
      const bestDate = best ? (best.earliestVestingDate ?? best.windowOpen) : null;
      if (date && (!bestDate || date < bestDate)) {
        best = {
          grantId: g.id,
          planName: g.planName,
          planNameEn: g.planNameEn,
          trancheIndex: t.index,
          windowOpen: t.windowOpen,
          windowClose: t.windowClose,
          earliestVestingDate: t.earliestVestingDate,
          plannedQuantity: t.plannedQuantity,
          deferredBy: t.deferredBy,
        };
      }
    }
  }
  return best;
}

/** The signed-in user's notices. */
export async function myNotices() {
  const user = await requireUser();
  return noticesOf(await db(), user.id, 100);
}
