import { apiRoute, jsonPrivate } from "@/lib/server/apiRoute";
import { tradingDays, tradingDaysQuery } from "@/lib/server/dal/calendar";
import { parseQuery } from "@/lib/server/validation/common";

import { requireUser } from "@/lib/server/session";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar/trading-days?from=&to= */
export const GET = apiRoute(async (req: Request) => {
  await requireUser();
  return jsonPrivate(await tradingDays(parseQuery(tradingDaysQuery, req.url)));
});
