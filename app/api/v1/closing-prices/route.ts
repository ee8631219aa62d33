import { route } from "@/lib/auth/procedures/route";
import { taxOperations as api } from "@/lib/features/openapi/operations/tax";
import { listClosingPrices } from "@/lib/features/tax/closingPrices";

export const dynamic = "force-dynamic";

/** GET /api/v1/closing-prices?issuerId=&from=&to=: the prices HR recorded, newest first (staff read roles). */
export const GET = route(api.listClosingPrices, async ({ db, query }) =>
  listClosingPrices(db, query.issuerId ?? null, { from: query.from, to: query.to }),
);
