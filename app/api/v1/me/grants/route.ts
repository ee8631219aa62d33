import { apiRoute, jsonTextPrivate } from "@/lib/server/apiRoute";
import { myGrantsBody } from "@/lib/server/dal/grants";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/grants: the caller's own grants. */
export const GET = apiRoute(async () => jsonTextPrivate(await myGrantsBody()));
