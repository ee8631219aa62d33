import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { SSE_CALENDAR_LAST_YEAR } from "@/lib/domain/calendar/sseClosures.data";
import { holidayYearsCovered } from "@/lib/domain/calendar/holidayCalendarSource";
import { addClosures } from "@/lib/features/calendar/commands";
import { calendarYearWarning } from "@/lib/features/calendar/queries";
import { loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import { seedAdminCompany } from "./support/adminSeed";
import { BACKENDS, freshDatabase } from "./support/testDatabase";

// chinese-days 1.5.7 ships holidays through 2026; 2027's are not announced yet.
const LAST = 2026;
const NEXT = LAST + 1;

describe.each(BACKENDS)("next year's calendar warning on %s", (kind) => {
  let h: DatabaseHandle;
  let admin: string;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    admin = (await seedAdminCompany(h.db)).admin;
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`the package covers ${LAST} but not ${NEXT}`, () => {
    expect(SSE_CALENDAR_LAST_YEAR).toBe(LAST);
    expect(holidayYearsCovered()).toContain(LAST);
    expect(holidayYearsCovered()).not.toContain(NEXT);
  });

  it(`none before 1 November; on 1 November a warning for ${NEXT} with the link to add its closures`, async () => {
    expect(await calendarYearWarning(h.db, `${LAST}-06-01`)).toBeNull();
    expect(await calendarYearWarning(h.db, `${LAST}-10-31`)).toBeNull();
    const warning = { year: NEXT, publishHref: `/hr/disclosures?year=${NEXT}` };
    expect(await calendarYearWarning(h.db, `${LAST}-11-01`)).toEqual(warning);
    expect(await calendarYearWarning(h.db, `${LAST}-12-31`)).toEqual(warning);
    // A year earlier the package already had the next year's closures.
    expect(await calendarYearWarning(h.db, `${LAST - 1}-11-01`)).toBeNull();
  });

  it("names the first missing year when even the current one is not covered", async () => {
    expect(await calendarYearWarning(h.db, `${NEXT}-03-01`)).toEqual({
      year: NEXT,
      publishHref: `/hr/disclosures?year=${NEXT}`,
    });
  });

  it(`an admin publishing ${NEXT} (an override of the package) ends the warning`, async () => {
    const unpublished = { date: `${NEXT}-01-01`, reason: "New Year's Day" };
    // Closures alone, not declared complete, do not cover the year.
    await addClosures(
      h.db,
      { userId: admin, ip: "10.0.0.1" },
      { year: NEXT, closures: [unpublished], published: false },
    );
    expect(await calendarYearWarning(h.db, `${LAST}-11-01`)).toEqual({
      year: NEXT,
      publishHref: `/hr/disclosures?year=${NEXT}`,
    });
    const result = await addClosures(
      h.db,
      { userId: admin, ip: "10.0.0.1" },
      { year: NEXT, closures: [], published: true },
    );
    expect(result.published).toBe(true);
    expect(await calendarYearWarning(h.db, `${LAST}-11-01`)).toBeNull();
    expect(await calendarYearWarning(h.db, `${LAST}-12-31`)).toBeNull();
    // The trading calendar agrees: the package's years plus the admin's year and closures.
    const calendar = await loadTradingCalendar(h.db);
    expect(calendar.lastPublishedYear).toBe(NEXT);
    expect(calendar.closureReason(`${NEXT}-01-01`)).toBe("New Year's Day");
    expect(calendar.closureReason(`${LAST}-10-01`)).toBe("National Day");
    // From 1 November of the admin's year, the year after it is the one missing.
    expect(await calendarYearWarning(h.db, `${NEXT}-11-01`)).toEqual({
      year: NEXT + 1,
      publishHref: `/hr/disclosures?year=${NEXT + 1}`,
    });
  });
});
