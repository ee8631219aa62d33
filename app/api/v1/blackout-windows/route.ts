import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { blackoutQuery, blackoutWindowsForUser } from "@/lib/server/dal/calendar";
import { parseQuery } from "@/lib/server/validation/common";

import { requireUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/blackout-windows?from=&to=&planId= */
export const GET = apiRoute(async (req: Request) => {
  // Authenticate before validating, so an anonymous caller learns nothing about the parameters.
  await requireUser();
  return jsonPrivate({ items: await blackoutWindowsForUser(parseQuery(blackoutQuery, req.url)) });
});
