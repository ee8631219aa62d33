import { route } from "@/lib/auth/procedures/route";
import { actionsOperations as api } from "@/lib/features/openapi/operations/actions";
import { grantForUser } from "@/lib/features/grants/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/grants/{grantId}: someone else's grant answers 404, exactly like a missing one. */
export const GET = route(api.getGrant, async ({ params }) => grantForUser(params.grantId));
