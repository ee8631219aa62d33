import path from "node:path";
import fs from "node:fs";
import { Pool } from "pg";
import { asPGlite, openPGliteThread } from "./pgliteThread";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The drizzle database, whichever driver is behind it: app code speaks PostgreSQL only. */
export type Database = PgDatabase<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A transaction handle, usable wherever a Database is. */
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
export type DatabaseKind = "postgres" | "pglite";

/** An open database with its driver kind and a way to close it. */
export interface DatabaseHandle {
  db: Database;
  kind: DatabaseKind;
  close: () => Promise<void>;
}

/** Options for opening a database; by default read from the environment. */
export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent the embedded PGlite database is used. */
  url?: string;
  /** PGlite data folder; "memory://" for an in-memory database. */
  pgliteDir?: string;
  poolSize?: number;
  /** Told about every query's outcome on PostgreSQL, so the server can tell when its database is down or back. */
  observer?: QueryObserver;
}

/** Receives the outcome of each query: success, or the error as the driver raised it. */
export interface QueryObserver {
  succeeded(): void;
  failed(error: unknown): void;
}

/**
 * Reports every query and connection of the pool to the observer, leaving results untouched. Drizzle
 * calls pool.query outside transactions and pool.connect for them, both in their promise forms.
 */
function observePool(pool: Pool, observer: QueryObserver): void {
  const watch = <T>(result: T): T => {
    if (result instanceof Promise)
      result.then(
        () => observer.succeeded(),
        (e: unknown) => observer.failed(e),
      );
    return result;
  };
  const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  pool.query = ((...args: unknown[]) => watch(query(...args))) as typeof pool.query;
  pool.connect = ((...args: unknown[]) => watch(connect(...args))) as typeof pool.connect;
  pool.on("error", (err) => observer.failed(err));
}

/** The data folder for the embedded database and generated secrets. */
export function dataDir(): string {
  // Run-time path: the comment keeps Next's build from tracing the whole project for it.
  return path.resolve(/*turbopackIgnore: true*/ process.env.DATA_DIR || ".data");
}

/** Opens PostgreSQL through a pg Pool when a URL is given, otherwise PGlite persisted under DATA_DIR. */
export function openDatabase(options: DatabaseOptions = {}): DatabaseHandle {
  const url = options.url ?? process.env.DATABASE_URL;
  if (url) {
    // Fail fast when the network hangs, so requests answer 503 instead of waiting on a dead socket.
    const pool = new Pool({
      connectionString: url,
      max: options.poolSize ?? 10,
      connectionTimeoutMillis: 3000,
      keepAlive: true,
    });
    // A dropped idle connection must not crash the server; the next query reconnects.
    pool.on("error", (err) => console.error("[db] idle client error:", err.message));
    if (options.observer) observePool(pool, options.observer);
    return { db: drizzlePg(pool, { schema }) as unknown as Database, kind: "postgres", close: () => pool.end() };
  }
  const dir = options.pgliteDir ?? path.join(dataDir(), "pglite");
  if (!dir.startsWith("memory://")) fs.mkdirSync(dir, { recursive: true });
  // On a thread of its own, so that PostgreSQL's work does not stall the server's requests (db/pgliteThread.ts).
  const thread = openPGliteThread(dir);
  return {
    db: drizzlePglite(asPGlite(thread), { schema }) as unknown as Database,
    kind: "pglite",
    close: () => thread.close(),
  };
}
