import "server-only";
import type { DatabaseKind } from "@/db/client";
import { appliedMigrationCount } from "@/db/migrate";
import { database } from "@/lib/platform/db";

/** What GET /api/v1/health reports while the database answers. */
export interface DatabaseHealth {
  database: DatabaseKind;
  migrations: number;
}

/**
 * The database driver in use and the number of applied migrations, or null when the database is not
 * reachable: the health check answers that itself (503), so an outage is never thrown from here.
 */
export async function databaseHealth(): Promise<DatabaseHealth | null> {
  try {
    const { handle } = await database();
    return { database: handle.kind, migrations: await appliedMigrationCount(handle) };
  } catch {
    return null;
  }
}
