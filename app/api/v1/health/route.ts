import { route } from "@/lib/auth/procedures/route";
import { systemOperations as api } from "@/lib/features/openapi/operations/system";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { databaseHealth } from "@/lib/features/system/queries";
import { isTodayPinned, today } from "@/lib/platform/clock";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the database driver, the applied migrations, and the effective date (pinned or not). */
export const GET = route(api.getHealth, async () => {
  const health = await databaseHealth();
  if (health) return { status: "ok", ...health, today: today(), todayPinned: isTodayPinned() };
  return jsonPrivate(
    {
      status: "unavailable",
      error: { code: "DATABASE_UNAVAILABLE", message: "The database is not reachable.", details: null },
    },
    503,
  );
});
