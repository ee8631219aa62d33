import "server-only";
import { asc } from "drizzle-orm";
import type { Database } from "@/db/client";
import { plans } from "@/db/schema";
import { addDays, compareIsoDates, daysBetween } from "@/lib/domain/calendar/isoDate";
import { reserveDeadline } from "@/lib/domain/caps/planCaps";
import { verificationDeadline } from "@/lib/domain/process/processRules";
import type { Locale } from "@/i18n/locales";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import {
  openObjectionsInClosedPeriods,
  openPublicity,
  plansAwaitingVerification,
  plansWithReserveLeft,
  trancheWindowsBetween,
  tranchesToVest,
  unacceptedGrants,
} from "@/lib/features/agenda/agendaItems";
import { blackoutWindowsForPlans } from "@/lib/features/calendar/blackoutsForPerson";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import { today as clockToday } from "@/lib/platform/clock";
import { db as database } from "@/lib/platform/db";

/** How far ahead the agenda looks for windows and blackouts, in days. */
export const AGENDA_HORIZON_DAYS = 30;

/** What one agenda line is about. */
export type AgendaKind =
  | "publicity_ends"
  | "publicity_to_close"
  | "objections_open"
  | "verification_due"
  | "reserve_deadline"
  | "window_opens"
  | "window_closes"
  | "vesting_to_run"
  | "blackout_starts"
  | "grants_unaccepted";

/** One thing HR has to do (or watch), by when, and where to do it. */
export interface AgendaItem {
  kind: AgendaKind;
  /** The date it is due or happens; null when it has no date of its own (unaccepted grants). */
  date: string | null;
  /** True when the date has passed and the step is still open. */
  overdue: boolean;
  planId: string | null;
  planName: string | null;
  planNameEn: string | null;
  href: string;
  /** Figures the line shows (counts, shares, the earliest permissible day, the blackout's reason...). */
  details: Record<string, string | number | boolean | null>;
}

/** GET /api/v1/hr/agenda and the /hr page. */
export interface AgendaDto {
  asOf: string;
  horizonDays: number;
  items: AgendaItem[];
}

/**
 * What needs doing and by when, company-wide: publicity periods ending or to close, objections to answer,
 * verifications due before a meeting (5 days before it), reserved grants' 12-month deadline, tranche
 * windows opening or closing within 30 days with their earliest permissible day, blackout windows
 * starting within 30 days, tranches open now that still need their vesting run, and grants not yet accepted. Overdue items first, then by date.
 */
export async function hrAgenda(db: Database, locale: Locale, asOf = clockToday()): Promise<AgendaDto> {
  await ensureDerivedToday(db);
  const horizon = addDays(asOf, AGENDA_HORIZON_DAYS);
  const planRows = await db
    .select({ id: plans.id, name: plans.name, nameEn: plans.nameEn })
    .from(plans)
    .orderBy(asc(plans.createdAt));
  const planOf = new Map(planRows.map((p) => [p.id, p]));
  const [publicity, lateObjections, awaiting, reserves, windows, toVest, unaccepted, blackouts] = await Promise.all([
    openPublicity(db),
    openObjectionsInClosedPeriods(db),
    plansAwaitingVerification(db),
    plansWithReserveLeft(db),
    trancheWindowsBetween(db, asOf, horizon),
    tranchesToVest(db),
    unacceptedGrants(db),
    blackoutWindowsForPlans(
      db,
      planRows.map((p) => p.id),
      locale,
      { from: asOf, to: horizon },
    ),
  ]);

  const items: AgendaItem[] = [];
  const push = (
    kind: AgendaKind,
    date: string | null,
    planId: string | null,
    href: string,
    details: AgendaItem["details"],
  ) => {
    const plan = planId ? planOf.get(planId) : undefined;
    items.push({
      kind,
      date,
      overdue: date !== null && compareIsoDates(date, asOf) < 0,
      planId,
      planName: plan?.name ?? null,
      planNameEn: plan?.nameEn ?? null,
      href,
      details,
    });
  };

  for (const p of publicity) {
    const href = `/hr/publicity/${p.periodId}`;
    if (compareIsoDates(p.endDate, asOf) < 0) push("publicity_to_close", p.endDate, p.planId, href, {});
    else if (compareIsoDates(p.endDate, horizon) <= 0)
      push("publicity_ends", p.endDate, p.planId, href, { daysLeft: daysBetween(asOf, p.endDate) });
    if (p.openObjections > 0) push("objections_open", null, p.planId, href, { count: p.openObjections });
  }
  for (const o of lateObjections)
    push("objections_open", null, o.planId, `/hr/publicity/${o.periodId}`, { count: o.count });
  for (const v of awaiting) {
    if (compareIsoDates(v.generalMeetingDate, asOf) < 0) continue;
    push(
      "verification_due",
      verificationDeadline(v.generalMeetingDate),
      v.planId,
      `/hr/publicity/verification/${v.planId}`,
      {
        generalMeetingDate: v.generalMeetingDate,
      },
    );
  }
  for (const r of reserves) {
    const deadline = reserveDeadline(r.generalMeetingDate);
    if (compareIsoDates(deadline, asOf) < 0) continue;
    push("reserve_deadline", deadline, r.planId, `/hr/grants/${r.planId}`, { remaining: r.remaining });
  }
  for (const w of windows) {
    const details = {
      batch: w.batch,
      grantDate: w.grantDate,
      category: w.categoryCode,
      tranche: w.trancheIndex,
      grants: w.grants,
      shares: w.shares,
      windowOpen: w.windowOpen,
      windowClose: w.windowClose,
      earliestVestingDate: w.earliestVestingDate,
      deferred: w.deferred,
    };
    const href = `/hr/vesting/${w.planId}`;
    if (w.windowOpen && compareIsoDates(w.windowOpen, asOf) >= 0 && compareIsoDates(w.windowOpen, horizon) <= 0)
      push("window_opens", w.windowOpen, w.planId, href, details);
    if (w.windowClose && compareIsoDates(w.windowClose, asOf) >= 0 && compareIsoDates(w.windowClose, horizon) <= 0)
      push("window_closes", w.windowClose, w.planId, href, details);
  }
  for (const v of toVest) {
    // A window closing within the horizon already has its window_closes line, which says the same.
    if (v.windowClose !== null && compareIsoDates(v.windowClose, horizon) <= 0) continue;
    // Dated by the window's close: the day by which the run must have happened.
    push("vesting_to_run", v.windowClose, v.planId, `/hr/vesting/${v.planId}`, {
      batch: v.batch,
      grantDate: v.grantDate,
      category: v.categoryCode,
      tranche: v.trancheIndex,
      grants: v.grants,
      shares: v.shares,
      windowClose: v.windowClose,
      earliestVestingDate: v.earliestVestingDate,
    });
  }
  for (const b of blackouts) {
    if (compareIsoDates(b.from, asOf) < 0) continue;
    push("blackout_starts", b.from, b.planId, "/blackouts", { to: b.to, reason: b.reason });
  }
  for (const u of unaccepted) push("grants_unaccepted", null, u.planId, `/hr/grants/${u.planId}`, { count: u.count });

  items.sort((a, b) => {
    if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
    if (a.date === null || b.date === null) return a.date === b.date ? 0 : a.date === null ? 1 : -1;
    return compareIsoDates(a.date, b.date);
  });
  return { asOf, horizonDays: AGENDA_HORIZON_DAYS, items };
}

/** The /hr page: staff only, texts in the reader's language. */
export async function hrAgendaPage(locale: Locale): Promise<AgendaDto> {
  await requireUser(...STAFF_READ_ROLES);
  return hrAgenda(await database(), locale);
}
