import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { openPublicityNotices } from "@/lib/server/dal/publicity";

export const dynamic = "force-dynamic";

/** GET /api/v1/publicity-periods: lists open today, with names and positions only. */
export const GET = apiRoute(async () => jsonPrivate({ items: await openPublicityNotices() }));
