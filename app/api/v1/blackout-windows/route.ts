import { route } from "@/lib/auth/procedures/route";
import { calendarOperations as api } from "@/lib/features/openapi/operations/calendar";
import { blackoutWindowsForUser } from "@/lib/features/calendar/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/blackout-windows?from=&to=&planId= (the caller is checked before the query, so an anonymous one learns nothing from it). */
export const GET = route(api.listBlackoutWindows, async ({ query }) => ({
  items: await blackoutWindowsForUser(query),
}));
