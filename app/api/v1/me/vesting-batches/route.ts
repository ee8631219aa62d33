import { route } from "@/lib/auth/procedures/route";
import { meOperations as api } from "@/lib/features/openapi/operations/me";
import { myVestingBatches } from "@/lib/features/me/vestingBatches";

export const dynamic = "force-dynamic";

/** GET /api/v1/me/vesting-batches[?price=50.00]: the caller's own vesting batches, the tax estimated at ?price=. */
export const GET = route(api.listMyVestingBatches, async ({ query }) => ({
  items: await myVestingBatches(query.price),
}));
