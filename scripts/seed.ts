import { openDatabase } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { seedDemoIfEmpty, DEMO_ACCOUNTS, demoPassword } from "@/db/seed/seedDemo";

/** npm run db:seed: migrates, then seeds the demo company into an empty database only. */
async function main() {
  const handle = openDatabase();
  try {
    await applyMigrations(handle);
    const seeded = await seedDemoIfEmpty(handle.db);
    if (!seeded) console.log("The database already has data; demo data is seeded only into an empty database.");
    else
      console.log(
        `Demo data seeded. Logins (password "${demoPassword()}"): ${DEMO_ACCOUNTS.map((a) => a.email).join(", ")}`,
      );
  } finally {
    await handle.close();
  }
}
main().catch((e) => {
  console.error(e);
  process.exit(1);
});
