import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { openPublicityNotices } from "@/lib/features/publicity/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/publicity-periods: lists open today, with names and positions only. */
export const GET = apiRoute(async () => jsonPrivate({ items: await openPublicityNotices() }));
