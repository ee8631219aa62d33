import { openDatabase } from "@/db/client";
import { applyMigrations } from "@/db/migrate";

/** npm run db:migrate: applies pending migrations (idempotent) to DATABASE_URL or the embedded database. */
async function main() {
  const handle = openDatabase();
  try {
    const n = await applyMigrations(handle);
    console.log(`${handle.kind}: ${n} migrations applied.`);
  } finally {
    await handle.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
