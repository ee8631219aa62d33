import path from "node:path";
import { sql } from "drizzle-orm";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import type { DatabaseHandle } from "./client";

/** Folder of the drizzle-kit migrations, the same for both drivers. */
const migrationsFolder = path.join(process.cwd(), "db", "migrations");

// Any constant works; it only has to be the same for every instance migrating the same database.
const MIGRATION_LOCK_KEY = 7_311_020_221;

/** Applies pending migrations (idempotent); on PostgreSQL under an advisory lock so instances can start together. */
export async function applyMigrations(handle: DatabaseHandle): Promise<number> {
  if (handle.kind === "postgres") {
    const db = handle.db as unknown as NodePgDatabase;
    const pool = (db as unknown as { $client: import("pg").Pool }).$client;
    const client = await pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
      await migratePg(db, { migrationsFolder });
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]).catch(() => undefined);
      client.release();
    }
  } else {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  }
  return appliedMigrationCount(handle);
}

/** Number of migrations recorded as applied. */
export async function appliedMigrationCount(handle: DatabaseHandle): Promise<number> {
  const result = await handle.db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`,
  );
  const rows = (result as unknown as { rows: { n: number }[] }).rows;
  return Number(rows[0]?.n ?? 0);
}
