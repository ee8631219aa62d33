import { route } from "@/lib/auth/procedures/route";
import { personsOperations as api } from "@/lib/features/openapi/operations/persons";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { portalOrigin } from "@/lib/platform/http/portalOrigin";
import { inviteBatchGrantees } from "@/lib/features/admin/batchInvitations";

export const dynamic = "force-dynamic";

/** POST /api/v1/grant-batches/{batchId}/invitations: one invitation per grantee without a login (201). */
export const POST = route(api.inviteBatchGrantees, async ({ db, actor, params, req }) =>
  jsonPrivate(await inviteBatchGrantees(db, actor, params.batchId, portalOrigin(new URL(req.url).origin)), 201),
);
