import { route } from "@/lib/auth/procedures/route";
import { systemOperations as api } from "@/lib/features/openapi/operations/system";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { databaseHealth } from "@/lib/features/system/queries";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the database driver in use and the number of applied migrations. */
export const GET = route(api.getHealth, async () => {
  const health = await databaseHealth();
  if (health) return { status: "ok", ...health };
  return jsonPrivate(
    {
      status: "unavailable",
      error: { code: "DATABASE_UNAVAILABLE", message: "The database is not reachable.", details: null },
    },
    503,
  );
});
