import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { tradingDays, tradingDaysQuery } from "@/lib/features/calendar/queries";
import { parseQuery } from "@/lib/platform/validation/common";

import { requireUser } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar/trading-days?from=&to= */
export const GET = apiRoute(async (req: Request) => {
  await requireUser();
  return jsonPrivate(await tradingDays(parseQuery(tradingDaysQuery, req.url)));
});
