import "server-only";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { applyMigrations } from "@/db/migrate";

type Ready = { handle: DatabaseHandle; migrations: number };
const globalForDb = globalThis as unknown as { __vestingDeskDb?: Promise<Ready> };

/** The process-wide database, migrated once on first use (idempotent, so a restart is safe). */
export function database(): Promise<Ready> {
  if (!globalForDb.__vestingDeskDb) {
    const opened = (async () => {
      const handle = openDatabase();
      const migrations = await applyMigrations(handle);
      return { handle, migrations };
    })();
    // A failed start (e.g. PostgreSQL down) must not be cached forever: the next request retries.
    opened.catch(() => {
      globalForDb.__vestingDeskDb = undefined;
    });
    globalForDb.__vestingDeskDb = opened;
  }
  return globalForDb.__vestingDeskDb;
}

/** Shorthand for the drizzle handle. */
export async function db() {
  return (await database()).handle.db;
}
