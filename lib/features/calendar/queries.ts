import "server-only";
import { z } from "zod";
import { daysBetween } from "@/lib/domain/calendar/isoDate";
import { RuleError } from "@/lib/domain/errors";
import { toLocale } from "@/i18n/locales";
import { badRequest } from "@/lib/platform/errors/apiError";
import { db } from "@/lib/platform/db";
import { loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import { listClosures } from "@/lib/features/calendar/commands";
import { blackoutWindowsForPlans, type BlackoutWindowDto } from "@/lib/features/calendar/blackoutsForPerson";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { visiblePlanIds } from "@/lib/features/plans/queries";
import { blackoutQuery, tradingDaysQuery } from "@/lib/features/calendar/schemas";

export type { BlackoutWindowDto };

/** Blackout windows of the plans the user may see, overlapping [from, to], with the reason in the user's language. */
export async function blackoutWindowsForUser(query: z.infer<typeof blackoutQuery>): Promise<BlackoutWindowDto[]> {
  const user = await requireUser();
  const visible = await visiblePlanIds(user);
  const planIds = query.planId ? visible.filter((id) => id === query.planId) : visible;
  return blackoutWindowsForPlans(await db(), planIds, toLocale(user.locale), query);
}

/** Trading days and closures in [from, to] (at most 3 years); dates past published coverage are refused, never guessed. */
export async function tradingDays(query: z.infer<typeof tradingDaysQuery>) {
  await requireUser();
  if (query.to < query.from) throw badRequest("`to` must not be before `from`.");
  if (daysBetween(query.from, query.to) > 366 * 3) throw badRequest("Ask for at most three years at a time.");
  const calendar = await loadTradingCalendar(await db());
  if (!calendar.coversDate(query.from) || !calendar.coversDate(query.to)) {
    throw new RuleError(
      "CALENDAR_NOT_PUBLISHED",
      { lastPublishedYear: calendar.lastPublishedYear, from: query.from, to: query.to },
      "Exchange calendar not yet published for part of this range.",
    );
  }
  const days = calendar.tradingDaysBetween(query.from, query.to);
  return { from: query.from, to: query.to, lastPublishedYear: calendar.lastPublishedYear, items: days };
}

/** Extra exchange closures beyond the bundled SSE list and the years declared complete, as the HR disclosures page shows them. */
export async function exchangeClosures() {
  await requireUser(...STAFF_READ_ROLES);
  return listClosures(await db());
}
