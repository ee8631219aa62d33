import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { blackoutQuery, blackoutWindowsForUser } from "@/lib/features/calendar/queries";
import { parseQuery } from "@/lib/platform/validation/common";

import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/blackout-windows?from=&to=&planId= */
export const GET = apiRoute(async (req: Request) => {
  // Authenticate before validating, so an anonymous caller learns nothing about the parameters.
  await requireUser();
  return jsonPrivate({ items: await blackoutWindowsForUser(parseQuery(blackoutQuery, req.url)) });
});
