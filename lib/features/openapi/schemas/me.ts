import "server-only";
import { z } from "zod";
import { isoInstant, rowId } from "@/lib/features/openapi/schemas/primitives";

/** An in-app notice; the payload's fields depend on the kind (window_opening, grant_adjusted...). */
export const noticeSchema = z.object({
  id: rowId,
  kind: z.string(),
  payload: z.record(z.string(), z.unknown()),
  readAt: isoInstant.nullable(),
  createdAt: isoInstant,
});

/** POST /api/v1/me/calendar-feed: the secret feed URL, shown once. */
export const calendarFeedSchema = z.object({ url: z.url() });
