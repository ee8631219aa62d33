import { defineConfig } from "drizzle-kit";

// Migrations are generated from the schema and applied by db/migrate.ts to PostgreSQL and PGlite alike.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  strict: true,
  verbose: true,
});
