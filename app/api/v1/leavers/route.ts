import { route } from "@/lib/auth/procedures/route";
import { leaversOperations as api } from "@/lib/features/openapi/operations/leavers";
import { listLeavers } from "@/lib/features/persons/departureReads";

export const dynamic = "force-dynamic";

/** GET /api/v1/leavers[?q=&reason=&from=&to=&cursor=&limit=]: one page of past leavers. */
export const GET = route(api.listLeavers, async ({ db, query }) => listLeavers(db, query));
