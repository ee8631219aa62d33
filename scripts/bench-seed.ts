/**
 * npm run bench:seed -- --employees 10000 --grants 50000 [--users N] [--database-url URL] [--as-of yyyy-mm-dd]
 * Builds the synthetic bench company into an empty database (PostgreSQL from --database-url or
 * DATABASE_URL, else the embedded PGlite under DATA_DIR), or tops up an existing bench company to more
 * grants. Prints the timings. Logins: grantee@bench.local, admin@bench.local, hr@bench.local and one
 * employee in ten (e00010@bench.local, ...), password BENCH_PASSWORD or "vesting-bench-2026".
 */
import { parseArgs } from "node:util";
import { openDatabase } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { today } from "@/lib/platform/clock";
import { BENCH_GRANTEE_EMAIL, benchPassword } from "@/bench/seed/benchAccounts";
import { seedBenchCompany } from "@/bench/seed/seedBench";

async function main() {
  const { values } = parseArgs({
    options: {
      employees: { type: "string", default: "10000" },
      grants: { type: "string", default: "50000" },
      users: { type: "string" },
      "database-url": { type: "string" },
      "as-of": { type: "string" },
    },
  });
  const url = values["database-url"] ?? process.env.DATABASE_URL ?? "";
  const handle = openDatabase({ url });
  try {
    await applyMigrations(handle);
    const asOf = values["as-of"] ?? today();
    console.log(`[bench:seed] ${handle.kind}: ${values.employees} employees, ${values.grants} grants, as of ${asOf}…`);
    const result = await seedBenchCompany(handle.db, {
      employees: Number(values.employees),
      grants: Number(values.grants),
      users: values.users ? Number(values.users) : undefined,
      asOf,
    });
    console.log(
      `[bench:seed] ${result.toppedUp ? "topped up" : "seeded"} ${result.addedGrants} grants over ${result.plansTouched} plans in ${result.seconds.total} s`,
      JSON.stringify(result.seconds),
    );
    console.log(`[bench:seed] log in as ${BENCH_GRANTEE_EMAIL} / "${benchPassword()}"`);
  } finally {
    await handle.close();
  }
}

main().catch((e) => {
  console.error("[bench:seed] failed:", e instanceof Error ? e.message : e);
  process.exit(1);
});
