import { route } from "@/lib/auth/procedures/route";
import { meOperations as api } from "@/lib/features/openapi/operations/me";
import { myNotices } from "@/lib/features/me/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/notices: the signed-in user's notices, unread first. */
export const GET = route(api.listMyNotices, async () => ({ items: await myNotices() }));
