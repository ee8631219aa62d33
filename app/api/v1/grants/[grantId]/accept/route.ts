import { route } from "@/lib/auth/procedures/route";
import { actionsOperations as api } from "@/lib/features/openapi/operations/actions";
import { clientIp } from "@/lib/platform/http/apiResponse";
import { acceptGrant } from "@/lib/features/me/commands";

export const dynamic = "force-dynamic";

/** POST /api/v1/grants/{grantId}/accept: the grantee confirms the grant (idempotent). */
export const POST = route(api.acceptGrant, async ({ params, req }) => acceptGrant(params.grantId, clientIp(req)));
