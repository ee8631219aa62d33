/**
 * Throw-away databases for the benchmarks: a fresh PostgreSQL database created next to
 * BENCH_DATABASE_URL's (and dropped afterwards), or PGlite in a fresh temporary folder.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "pg";
import { openDatabase, type DatabaseHandle, type DatabaseKind } from "@/db/client";
import { applyMigrations } from "@/db/migrate";

/** Where a bench database lives, so a server process can open the same one. */
export interface BenchDatabaseLocation {
  kind: DatabaseKind;
  /** PostgreSQL URL, or "" for PGlite. */
  url: string;
  /** DATA_DIR holding the PGlite database (and, for either kind, the generated secrets). */
  dataDir: string;
  drop: () => Promise<void>;
}

/** The backends to measure: PGlite always, PostgreSQL when BENCH_DATABASE_URL names a server to create databases on. */
export function benchBackends(): DatabaseKind[] {
  const all: DatabaseKind[] = process.env.BENCH_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
  // BENCH_BACKENDS=postgres (or pglite) runs one of them only.
  const only = process.env.BENCH_BACKENDS?.split(",").map((s) => s.trim());
  return only ? all.filter((k) => only.includes(k)) : all;
}

/** Creates an empty database of the kind; `drop` removes it and its folder. */
export async function createBenchDatabase(kind: DatabaseKind, label: string): Promise<BenchDatabaseLocation> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `vd-bench-${label}-`));
  if (kind === "pglite")
    return { kind, url: "", dataDir, drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }) };
  const adminUrl = process.env.BENCH_DATABASE_URL;
  if (!adminUrl) throw new Error("BENCH_DATABASE_URL is not set");
  const name = `vd_bench_${label}_${process.pid}_${crypto.randomBytes(3).toString("hex")}`.replace(/[^a-z0-9_]/g, "_");
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    dataDir,
    drop: async () => {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Opens and migrates the database at a location (PGlite under its DATA_DIR, as the server would). */
export async function openBenchDatabase(location: BenchDatabaseLocation): Promise<DatabaseHandle> {
  const handle =
    location.kind === "postgres"
      ? openDatabase({ url: location.url, poolSize: 4 })
      : openDatabase({ url: "", pgliteDir: path.join(location.dataDir, "pglite") });
  await applyMigrations(handle);
  return handle;
}

// Database names are made here from the pid and random hex, never from input.
async function adminQuery(adminUrl: string, statement: string) {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Secrets for a bench run, shared by the seed and the server it starts, never written into the repository's .data. */
export function ensureBenchSecrets(): void {
  process.env.ID_ENCRYPTION_KEY ||= crypto.randomBytes(32).toString("base64url");
  process.env.NEXTAUTH_SECRET ||= crypto.randomBytes(32).toString("base64url");
}
