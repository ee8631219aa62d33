import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { listEntriesPage } from "@/lib/features/participants/listEntryPages";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/plans/{planId}/participants/entries[?batch=&version=&q=&categoryId=&cursor=&limit=]: one page
 * of one list version's entries (the batch's latest by default), in employee-number order.
 */
export const GET = route(api.listParticipantEntries, async ({ db, params, query }) =>
  listEntriesPage(db, params.planId, query),
);
