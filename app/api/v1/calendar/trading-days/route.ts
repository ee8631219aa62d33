import { route } from "@/lib/auth/procedures/route";
import { calendarOperations as api } from "@/lib/features/openapi/operations/calendar";
import { tradingDays } from "@/lib/features/calendar/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/calendar/trading-days?from=&to= */
export const GET = route(api.listTradingDays, async ({ query }) => tradingDays(query));
