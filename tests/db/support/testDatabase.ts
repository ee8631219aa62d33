import crypto from "node:crypto";
import { Client } from "pg";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { applyMigrations } from "@/db/migrate";

/** Backends every DB test runs on: PGlite always, PostgreSQL when the test runner found one. */
export const BACKENDS: ("pglite" | "postgres")[] = [
  "pglite",
  ...(process.env.VD_TEST_PG_URL ? (["postgres"] as const) : []),
];

/** A migrated, empty database of the given kind; PostgreSQL gets a fresh database dropped on close. */
export async function freshDatabase(kind: "pglite" | "postgres"): Promise<DatabaseHandle> {
  if (kind === "pglite") {
    const handle = openDatabase({ url: "", pgliteDir: "memory://" });
    await applyMigrations(handle);
    return handle;
  }
  const adminUrl = process.env.VD_TEST_PG_URL!;
  const name = `vd_test_${process.pid}_${crypto.randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = openDatabase({ url: url.toString(), poolSize: 5 });
  await applyMigrations(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const drop = new Client({ connectionString: adminUrl });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await drop.end();
    },
  };
}

/** Rows of a raw query, whichever driver. */
export async function rows<T = Record<string, unknown>>(
  handle: DatabaseHandle,
  query: Parameters<DatabaseHandle["db"]["execute"]>[0],
): Promise<T[]> {
  return ((await handle.db.execute(query)) as unknown as { rows: T[] }).rows;
}
