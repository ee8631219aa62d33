import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { blackoutQuery, blackoutWindowsForUser } from "@/lib/server/dal/calendar";
import { parseQuery } from "@/lib/server/validation/common";

export const dynamic = "force-dynamic";

/** GET /api/v1/blackout-windows?from=&to=&planId= */
export const GET = apiRoute(async (req: Request) => jsonPrivate({ items: await blackoutWindowsForUser(parseQuery(blackoutQuery, req.url)) }));
