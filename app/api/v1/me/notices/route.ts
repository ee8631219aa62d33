import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { myNotices } from "@/lib/features/me/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/notices: the signed-in user's notices, unread first. */
export const GET = apiRoute(async () => jsonPrivate({ items: await myNotices() }));
