import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { myNotices } from "@/lib/server/dal/grantee";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/notices: the signed-in user's notices, unread first. */
export const GET = apiRoute(async () => jsonPrivate({ items: await myNotices() }));
