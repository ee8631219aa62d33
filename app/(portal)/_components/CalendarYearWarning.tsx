import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { today } from "@/lib/platform/clock";
import { nextYearCalendarWarning } from "@/lib/features/calendar/queries";

/**
 * The amber banner of the HR and administration layouts: from 1 November, when next year's SSE closures are
 * neither shipped with the holiday package nor published by an admin, with the link to the form that adds them.
 * Shown to HR and admins only (the query answers null for everyone else).
 */
export async function CalendarYearWarning() {
  const warning = await nextYearCalendarWarning(today());
  if (!warning) return null;
  const t = await getTranslations("hrCommon");
  return (
    <div
      role="status"
      className="mb-4 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      data-testid="calendar-year-warning"
      data-year={warning.year}
    >
      <p>
        {t("calendarYearWarning", { year: warning.year, lastDay: `${warning.year - 1}-12-31` })}{" "}
        <Link
          href={warning.publishHref}
          className="font-medium underline hover:text-amber-700"
          data-testid="calendar-year-warning-link"
        >
          {t("calendarYearWarningLink", { year: warning.year })}
        </Link>
      </p>
    </div>
  );
}
