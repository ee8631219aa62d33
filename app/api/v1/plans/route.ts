import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { plansForUser } from "@/lib/server/dal/plans";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans: the plans the caller may see. */
export const GET = apiRoute(async () => jsonPrivate({ items: await plansForUser() }));
