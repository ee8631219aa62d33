import "server-only";
import crypto from "node:crypto";
import { asc, inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { calendarClosures, calendarPublishedYears, plans } from "@/db/schema";
import { isWeekend } from "@/lib/domain/calendar/isoDate";
import { SSE_CALENDAR_LAST_YEAR } from "@/lib/domain/calendar/sseClosures.data";
import { ApiError } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import type { Actor } from "@/lib/auth/actor";
import { rederiveWithNotices, type ChangedTranche } from "@/lib/features/notices/grantNotices";
import { closuresBody } from "@/lib/features/calendar/schemas";

/** Extra closures and the years declared complete. */
export interface ClosuresListing {
  bundledLastYear: number;
  publishedYears: number[];
  closures: { date: string; reason: string }[];
}

/** Closures added beyond the bundled SSE list, and the years whose list an admin declared complete. */
export async function listClosures(db: Database): Promise<ClosuresListing> {
  const closures = await db
    .select({ date: calendarClosures.date, reason: calendarClosures.reason })
    .from(calendarClosures)
    .orderBy(asc(calendarClosures.date));
  const years = await db
    .select({ year: calendarPublishedYears.year })
    .from(calendarPublishedYears)
    .orderBy(asc(calendarPublishedYears.year));
  return { bundledLastYear: SSE_CALENDAR_LAST_YEAR, publishedYears: years.map((y) => y.year), closures };
}

/**
 * Adds SSE closures for a year the bundled list does not cover and, when `published`, declares the year
 * complete: the trading calendar then covers it, so every plan is re-derived (pending windows get dates).
 * A year already declared complete takes new closures only as a re-publication with a reason.
 */
export async function addClosures(
  db: Database,
  actor: Actor,
  input: z.infer<typeof closuresBody>,
): Promise<{
  year: number;
  added: number;
  published: boolean;
  republished: boolean;
  affectedPlans: string[];
  changedTranches: ChangedTranche[];
}> {
  if (input.year <= SSE_CALENDAR_LAST_YEAR) {
    throw new ApiError(
      "YEAR_ALREADY_PUBLISHED",
      `The bundled SSE calendar already covers ${input.year} (through ${SSE_CALENDAR_LAST_YEAR}); its closures cannot be changed here.`,
      { year: input.year, bundledLastYear: SSE_CALENDAR_LAST_YEAR },
    );
  }
  for (const c of input.closures) {
    if (!c.date.startsWith(`${input.year}-`))
      throw new ApiError("INVALID_CLOSURE", `${c.date} is not in ${input.year}.`, { date: c.date });
    // Weekends are closed anyway: listing one would hide a typo in the date.
    if (isWeekend(c.date))
      throw new ApiError("INVALID_CLOSURE", `${c.date} is a weekend; list weekday closures only.`, { date: c.date });
  }
  const dates = input.closures.map((c) => c.date);
  const repeated = dates.filter((d, i) => dates.indexOf(d) !== i);
  if (repeated.length > 0)
    throw new ApiError("DUPLICATE_CLOSURE", `${repeated[0]} is listed twice.`, { dates: [...new Set(repeated)] });
  return db.transaction(async (tx) => {
    if (dates.length > 0) {
      const existing = await tx
        .select({ date: calendarClosures.date })
        .from(calendarClosures)
        .where(inArray(calendarClosures.date, dates));
      if (existing.length > 0)
        throw new ApiError("DUPLICATE_CLOSURE", `${existing[0]!.date} is already recorded as a closure.`, {
          dates: existing.map((e) => e.date),
        });
    }
    const years = (await tx.select({ year: calendarPublishedYears.year }).from(calendarPublishedYears)).map(
      (y) => y.year,
    );
    const alreadyPublished = years.includes(input.year);
    if (alreadyPublished && input.closures.length > 0 && !input.republishReason)
      throw new ApiError(
        "YEAR_REPUBLISH_REQUIRED",
        `${input.year} was declared complete: adding closures changes its trading days. Re-publish it explicitly, with a reason (republishReason).`,
        { year: input.year },
      );
    const lastCovered = Math.max(SSE_CALENDAR_LAST_YEAR, ...years);
    // Coverage is contiguous: declaring a later year complete would silently cover the gap without its holidays.
    if (input.published && input.year > lastCovered + 1) {
      throw new ApiError("YEAR_GAP", `Publish ${lastCovered + 1} first: the calendar covers years in order.`, {
        year: input.year,
        nextYear: lastCovered + 1,
      });
    }
    if (input.closures.length > 0)
      await tx
        .insert(calendarClosures)
        .values(input.closures.map((c) => ({ date: c.date, reason: c.reason, createdBy: actor.userId })));
    const newlyPublished = input.published && !years.includes(input.year);
    if (newlyPublished) await tx.insert(calendarPublishedYears).values({ year: input.year, publishedBy: actor.userId });
    const republished = alreadyPublished && input.closures.length > 0;
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: republished ? "calendar.republish" : "calendar.closures_add",
      entityType: "calendar_year",
      entityId: String(input.year),
      before: { published: alreadyPublished },
      after: {
        closures: input.closures,
        published: input.published || alreadyPublished,
        ...(republished ? { reason: input.republishReason } : {}),
      },
      ip: actor.ip,
    });
    const planIds = (await tx.select({ id: plans.id }).from(plans).orderBy(asc(plans.createdAt))).map((p) => p.id);
    const changedTranches = await rederiveWithNotices(
      tx,
      planIds,
      `calendar:${input.year}:${crypto
        .createHash("sha256")
        .update(`${dates.join(",")}|${newlyPublished}`)
        .digest("hex")
        .slice(0, 16)}`,
    );
    return {
      year: input.year,
      added: input.closures.length,
      published: input.published || alreadyPublished,
      republished,
      affectedPlans: planIds,
      changedTranches,
    };
  });
}
