import { apiRoute, jsonTextPrivate } from "@/lib/platform/http/apiResponse";
import { myGrantsBody } from "@/lib/features/grants/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/grants: the caller's own grants. */
export const GET = apiRoute(async () => jsonTextPrivate(await myGrantsBody()));
