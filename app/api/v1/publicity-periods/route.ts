import { route } from "@/lib/auth/procedures/route";
import { publicityOperations as api } from "@/lib/features/openapi/operations/publicity";
import { openPublicityNotices } from "@/lib/features/publicity/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/publicity-periods: lists open today, with names and positions only. */
export const GET = route(api.listOpenPublicity, async () => ({ items: await openPublicityNotices() }));
