import { addDays, compareIsoDates, parseIsoDate } from "../calendar/isoDate";
import { assertValidBlackoutRuleSet, type BlackoutRuleSet } from "./blackoutRules";

/** Kind of disclosure (or exchange-set period) that opens a blackout window. */
export type DisclosureKind =
  | "annual_report"
  | "semi_annual_report"
  | "q1_report"
  | "q3_report"
  | "performance_forecast"
  | "performance_express"
  | "major_event"
  | "exchange_window";

/** A disclosure event as entered by the plan administrator. */
export type DisclosureEvent = {
  readonly id: string;
  /** null: company-wide, applies to every plan; otherwise only to that plan. */
  readonly planId: string | null;
  readonly kind: DisclosureKind;
  readonly title?: string;
  /** English title, shown to English readers when given. */
  readonly titleEn?: string;
  readonly fiscalYear?: number;
  /** Originally scheduled (pre-booked) publication date of a periodic report. */
  readonly scheduledDate?: string | null;
  /** Actual publication date; when null the scheduled date is used. */
  readonly actualDate?: string | null;
  /** Major event: when it occurred or its decision process began; exchange window: first day. */
  readonly startDate?: string;
  /** Major event: disclosure date; exchange window: last day. */
  readonly endDate?: string;
};

/** Why a blackout window exists, kept for display and audit. */
export type BlackoutReason = {
  readonly kind: DisclosureKind;
  readonly eventTitle?: string;
  readonly eventTitleEn?: string;
  readonly fiscalYear?: number;
  readonly publicationDate?: string;
  /** Set when a periodic report was postponed past its scheduled date. */
  readonly scheduledDate?: string;
  /** Window length in calendar days for periodic disclosures. */
  readonly days?: number;
};

/** A closed range of calendar days in which shares may not vest; id = the event's id. */
export type BlackoutWindow = {
  readonly id: string;
  readonly planId: string | null;
  readonly kind: DisclosureKind;
  readonly from: string;
  readonly to: string;
  readonly reason: BlackoutReason;
};

/**
 * Blackout windows of disclosure events, in calendar days:
 * annual/semi-annual report on D: [D − A, D − 1], or [O − A, D − 1] when postponed from O;
 * Q1/Q3 report, forecast, express on D: [D − Q, D − 1]; major event: [S, X];
 * exchange window: [from, to]. Sorted by from, to, id; zero-length windows are dropped.
 */
export function deriveBlackoutWindows(events: readonly DisclosureEvent[], ruleSet: BlackoutRuleSet): BlackoutWindow[] {
  assertValidBlackoutRuleSet(ruleSet);
  const out: BlackoutWindow[] = [];
  for (const e of events) {
    const w = windowOf(e, ruleSet);
    if (w !== null && w.from <= w.to) out.push(w);
  }
  return out.sort(compareBlackoutWindows);
}

/** Orders windows by start, end, then id (a stable, deterministic order). */
export function compareBlackoutWindows(a: BlackoutWindow, b: BlackoutWindow): number {
  if (a.from !== b.from) return a.from < b.from ? -1 : 1;
  if (a.to !== b.to) return a.to < b.to ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** The windows that bind one plan: company-wide ones plus that plan's own. */
export function blackoutsForPlan(windows: readonly BlackoutWindow[], planId: string): BlackoutWindow[] {
  return windows.filter((w) => w.planId === null || w.planId === planId);
}

function windowOf(e: DisclosureEvent, rules: BlackoutRuleSet): BlackoutWindow | null {
  const base = { id: e.id, planId: e.planId, kind: e.kind };
  const label = {
    kind: e.kind,
    ...(e.title !== undefined ? { eventTitle: e.title } : {}),
    ...(e.titleEn !== undefined ? { eventTitleEn: e.titleEn } : {}),
    ...(e.fiscalYear !== undefined ? { fiscalYear: e.fiscalYear } : {}),
  };
  switch (e.kind) {
    case "annual_report":
    case "semi_annual_report": {
      const published = publicationDate(e);
      const scheduled = e.scheduledDate ?? null;
      if (scheduled !== null) parseIsoDate(scheduled);
      const postponed = scheduled !== null && compareIsoDates(published, scheduled) > 0;
      const anchor = postponed ? scheduled : published;
      return {
        ...base,
        from: addDays(anchor, -rules.annualDays),
        to: addDays(published, -1),
        reason: {
          ...label,
          publicationDate: published,
          ...(postponed ? { scheduledDate: scheduled } : {}),
          days: rules.annualDays,
        },
      };
    }
    case "q1_report":
    case "q3_report":
    case "performance_forecast":
    case "performance_express": {
      const published = publicationDate(e);
      return {
        ...base,
        from: addDays(published, -rules.quarterlyDays),
        to: addDays(published, -1),
        reason: { ...label, publicationDate: published, days: rules.quarterlyDays },
      };
    }
    case "major_event":
    case "exchange_window": {
      const { startDate, endDate } = e;
      if (startDate === undefined || endDate === undefined) {
        throw new RangeError(`Event ${e.id} (${e.kind}) needs startDate and endDate`);
      }
      if (compareIsoDates(startDate, endDate) > 0) throw new RangeError(`Event ${e.id} ends before it starts`);
      return {
        ...base,
        from: startDate,
        to: endDate,
        reason: e.kind === "major_event" ? { ...label, publicationDate: endDate } : label,
      };
    }
    default: {
      const never: never = e.kind;
      throw new RangeError(`Unknown disclosure kind: ${String(never)}`);
    }
  }
}

function publicationDate(e: DisclosureEvent): string {
  // A missing date must not silently drop a window: vesting inside it would break the rules.
  const d = e.actualDate ?? e.scheduledDate ?? null;
  if (d === null) throw new RangeError(`Event ${e.id} (${e.kind}) has neither actualDate nor scheduledDate`);
  parseIsoDate(d);
  return d;
}
