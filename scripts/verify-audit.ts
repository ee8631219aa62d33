/**
 * npm run audit:verify: walks the hash-chained audit log of DATABASE_URL (or the embedded database
 * under DATA_DIR) and reports the first row whose hash does not follow from the one before.
 *
 *   audit chain ok: N rows                 exit 0
 *   audit chain broken at row #ID (...)    exit 1
 *   anything else (no database, no table)  exit 2
 *
 * The embedded database is a folder one process may open at a time: stop the portal before
 * verifying it (or use the admin audit page). PostgreSQL can be verified while the portal runs.
 */
import fs from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { dataDir, openDatabase } from "@/db/client";
import { verifyAuditChain } from "@/lib/platform/auditTrail";

async function main(): Promise<number> {
  if (process.argv.includes("--help") || process.argv.includes("-h")) {
    console.log(
      "usage: npx tsx scripts/verify-audit.ts   (reads DATABASE_URL, else the embedded database under DATA_DIR)",
    );
    return 0;
  }
  if (!process.env.DATABASE_URL) {
    // Opening a missing PGlite folder would create an empty database and "verify" nothing.
    const dir = path.join(dataDir(), "pglite");
    if (!fs.existsSync(dir)) {
      console.error(`no database: DATABASE_URL is not set and ${dir} does not exist`);
      return 2;
    }
  }
  const handle = openDatabase();
  try {
    const table = await handle.db.execute(sql`SELECT to_regclass('public.audit_log') IS NOT NULL AS present`);
    if (!(table as unknown as { rows: { present: boolean }[] }).rows[0]?.present) {
      console.error("no audit_log table: is this a migrated Vesting Desk database?");
      return 2;
    }
    const check = await verifyAuditChain(handle.db);
    if (check.ok) {
      console.log(`audit chain ok: ${check.rows} rows`);
      return 0;
    }
    console.log(
      `audit chain broken at row #${check.brokenAtId} (row ${check.rows} in order; every row from there on is unverified)`,
    );
    return 1;
  } finally {
    await handle.close();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error("audit verification failed:", e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
