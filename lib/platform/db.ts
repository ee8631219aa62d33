import "server-only";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { outageObserver, registerDatabaseProbe, reportDatabaseOutage } from "@/lib/platform/databaseOutage";
import { isDatabaseUnavailable } from "@/lib/platform/http/databaseUnavailable";

type Ready = { handle: DatabaseHandle; migrations: number };
const globalForDb = globalThis as unknown as { __vestingDeskDb?: Promise<Ready> };

// While down, proxy.ts checks now and then whether the database is back with a trivial query.
registerDatabaseProbe(async () => {
  await (await database()).handle.db.execute(sql`SELECT 1`);
});

/** The process-wide database, migrated once on first use (idempotent, so a restart is safe). */
export function database(): Promise<Ready> {
  if (!globalForDb.__vestingDeskDb) {
    const opened = (async () => {
      const handle = openDatabase({ observer: outageObserver });
      const migrations = await applyMigrations(handle);
      return { handle, migrations };
    })();
    // A failed start (e.g. PostgreSQL down) must not be cached forever: the next request retries.
    opened.catch((e: unknown) => {
      globalForDb.__vestingDeskDb = undefined;
      if (isDatabaseUnavailable(e)) reportDatabaseOutage();
    });
    globalForDb.__vestingDeskDb = opened;
  }
  return globalForDb.__vestingDeskDb;
}

/** Shorthand for the drizzle handle. */
export async function db() {
  return (await database()).handle.db;
}
