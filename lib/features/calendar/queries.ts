import "server-only";
import { gt, max } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { calendarPublishedYears } from "@/db/schema";
import { daysBetween, parseIsoDate } from "@/lib/domain/calendar/isoDate";
import { SSE_CALENDAR_LAST_YEAR } from "@/lib/domain/calendar/sseClosures.data";
import { RuleError } from "@/lib/domain/errors";
import { toLocale } from "@/i18n/locales";
import { badRequest } from "@/lib/platform/errors/apiError";
import { db } from "@/lib/platform/db";
import { loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import { listClosures } from "@/lib/features/calendar/commands";
import { blackoutWindowsForPlans, type BlackoutWindowDto } from "@/lib/features/calendar/blackoutsForPerson";
import { hasRole, requireUser, STAFF_READ_ROLES, STAFF_WRITE_ROLES } from "@/lib/auth/session";
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

/** The next year whose SSE closures nobody has supplied yet, and the page where they are added. */
export interface CalendarYearWarning {
  year: number;
  publishHref: string;
}

/**
 * From 1 November: the next year when its closures are neither shipped (the chinese-days package or the
 * bundled list) nor published by an admin; null otherwise. The State Council announces the next year's
 * holidays in late autumn and the calendar never guesses, so without them vesting dates into January stay
 * pending. Should even the current year be missing, the first missing year is named all year round.
 */
export async function calendarYearWarning(handle: Database, today: string): Promise<CalendarYearWarning | null> {
  const { year, month } = parseIsoDate(today);
  const needed = month >= 11 ? year + 1 : year;
  if (needed <= SSE_CALENDAR_LAST_YEAR) return null;
  // Published years are contiguous (addClosures refuses a gap); the calendar covers through the latest one.
  const [latest] = await handle
    .select({ year: max(calendarPublishedYears.year) })
    .from(calendarPublishedYears)
    .where(gt(calendarPublishedYears.year, SSE_CALENDAR_LAST_YEAR));
  const lastCovered = Math.max(SSE_CALENDAR_LAST_YEAR, latest?.year ?? 0);
  if (needed <= lastCovered) return null;
  return { year: lastCovered + 1, publishHref: `/hr/disclosures?year=${lastCovered + 1}` };
}

/** The next-year calendar warning for HR and admins, who can publish the year; null for everyone else. */
export async function nextYearCalendarWarning(today: string): Promise<CalendarYearWarning | null> {
  const user = await requireUser();
  if (!hasRole(user, ...STAFF_WRITE_ROLES)) return null;
  return calendarYearWarning(await db(), today);
}
