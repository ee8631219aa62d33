import "server-only";
import { z } from "zod";
import { describeBlackoutWindow } from "@/lib/domain/blackout/describeBlackoutWindow";
import { daysBetween } from "@/lib/domain/calendar/isoDate";
import { RuleError } from "@/lib/domain/errors";
import { toLocale } from "@/i18n/locales";
import { badRequest } from "../apiError";
import { db } from "../db";
import { loadPlanBlackouts, loadTradingCalendar } from "../planInputs";
import { isoDate, uuid } from "../validation/common";
import { requireUser } from "../session";
import { plansForUser } from "./plans";

/** Query of GET /api/v1/blackout-windows. */
export const blackoutQuery = z.object({ from: isoDate.optional(), to: isoDate.optional(), planId: uuid.optional() });

/** A blackout window as the API returns it. */
export interface BlackoutWindowDto {
  id: string;
  planId: string | null;
  kind: string;
  from: string;
  to: string;
  reason: string;
}

/** Blackout windows of the plans the user may see, overlapping [from, to], with the reason in the user's language. */
export async function blackoutWindowsForUser(query: z.infer<typeof blackoutQuery>): Promise<BlackoutWindowDto[]> {
  const user = await requireUser();
  const locale = toLocale(user.locale);
  const visible = await plansForUser();
  const planIds = query.planId ? visible.filter((p) => p.id === query.planId).map((p) => p.id) : visible.map((p) => p.id);
  if (query.planId && planIds.length === 0) return [];
  const database = await db();
  const seen = new Set<string>();
  const out: BlackoutWindowDto[] = [];
  for (const planId of planIds) {
    const { windows } = await loadPlanBlackouts(database, planId);
    for (const w of windows) {
      if ((query.from && w.to < query.from) || (query.to && w.from > query.to)) continue;
      // Plans under the same rule set give the same window for a company-wide event: list it once.
      const key = `${w.id}/${w.from}/${w.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ id: w.id, planId: w.planId, kind: w.kind, from: w.from, to: w.to, reason: describeBlackoutWindow(w, locale) });
    }
  }
  return out.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : a.id < b.id ? -1 : 1));
}

/** Query of GET /api/v1/calendar/trading-days. */
export const tradingDaysQuery = z.object({ from: isoDate, to: isoDate });

/** Trading days and closures in [from, to] (at most 3 years); dates past published coverage are refused, never guessed. */
export async function tradingDays(query: z.infer<typeof tradingDaysQuery>) {
  await requireUser();
  if (query.to < query.from) throw badRequest("`to` must not be before `from`.");
  if (daysBetween(query.from, query.to) > 366 * 3) throw badRequest("Ask for at most three years at a time.");
  const calendar = await loadTradingCalendar(await db());
  if (!calendar.coversDate(query.from) || !calendar.coversDate(query.to)) {
    throw new RuleError("CALENDAR_NOT_PUBLISHED", { lastPublishedYear: calendar.lastPublishedYear, from: query.from, to: query.to }, "Exchange calendar not yet published for part of this range.");
  }
  const days = calendar.tradingDaysBetween(query.from, query.to);
  return { from: query.from, to: query.to, lastPublishedYear: calendar.lastPublishedYear, items: days };
}
