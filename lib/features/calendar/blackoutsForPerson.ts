import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grants } from "@/db/schema";
import { describeBlackoutWindow } from "@/lib/domain/blackout/describeBlackoutWindow";
import type { BlackoutWindow } from "@/lib/domain/blackout/blackoutWindows";
import type { Locale } from "@/i18n/locales";
import { loadBlackoutsForPlans } from "@/lib/features/derivation/planInputs";

/** A blackout window as the API returns it, with its reason in words. */
export interface BlackoutWindowDto {
  id: string;
  planId: string | null;
  kind: string;
  from: string;
  to: string;
  reason: string;
}

/** Blackout windows of the given plans overlapping [from, to], each listed once, in date order. */
export async function blackoutWindowsForPlans(
  db: Database,
  planIds: string[],
  locale: Locale,
  range: { from?: string; to?: string } = {},
): Promise<BlackoutWindowDto[]> {
  return describeBlackoutWindows(planIds, await loadBlackoutsForPlans(db, planIds), locale, range);
}

/** The windows of the plans (as loaded) overlapping [from, to], each listed once, in date order, with their reasons in words. */
export function describeBlackoutWindows(
  planIds: string[],
  byPlan: Map<string, BlackoutWindow[]>,
  locale: Locale,
  range: { from?: string; to?: string } = {},
): BlackoutWindowDto[] {
  const seen = new Set<string>();
  const out: BlackoutWindowDto[] = [];
  for (const planId of planIds) {
    for (const w of byPlan.get(planId) ?? []) {
      if ((range.from && w.to < range.from) || (range.to && w.from > range.to)) continue;
      // Plans under the same rule set give the same window for a company-wide event: list it once.
      const key = `${w.id}/${w.from}/${w.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({
        id: w.id,
        planId: w.planId,
        kind: w.kind,
        from: w.from,
        to: w.to,
        reason: describeBlackoutWindow(w, locale),
      });
    }
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id < b.id ? -1 : 1));
}

/** Blackout windows of every plan the person holds grants in, from a date on. */
export async function blackoutWindowsForPerson(
  db: Database,
  personId: string,
  locale: Locale,
  from?: string,
): Promise<BlackoutWindowDto[]> {
  const own = await db.selectDistinct({ planId: grants.planId }).from(grants).where(eq(grants.personId, personId));
  return blackoutWindowsForPlans(
    db,
    own.map((r) => r.planId),
    locale,
    { from },
  );
}
