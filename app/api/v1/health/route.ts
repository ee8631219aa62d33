import { NextResponse } from "next/server";
import { database } from "@/lib/platform/db";
import { appliedMigrationCount } from "@/db/migrate";

export const dynamic = "force-dynamic";

/** Liveness and readiness: the database driver in use and the number of applied migrations. */
export async function GET() {
  try {
    const { handle } = await database();
    const migrations = await appliedMigrationCount(handle);
    return NextResponse.json({ status: "ok", database: handle.kind, migrations }, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return NextResponse.json({ status: "unavailable", error: { code: "DATABASE_UNAVAILABLE", message: "The database is not reachable.", details: null } }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
