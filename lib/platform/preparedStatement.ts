import "server-only";
import type { Database } from "@/db/client";

/**
 * A query built and prepared once per database handle instead of on every request. Building a drizzle
 * query costs more CPU than PostgreSQL spends answering these small lookups, and the grantee pages run a
 * handful of them per request; prepared once, each costs about a quarter. Parameters go through
 * sql.placeholder(), so nothing user-supplied is ever baked into the statement.
 */
export function preparedStatement<T>(prepare: (db: Database) => T): (db: Database) => T {
  const byDatabase = new WeakMap<Database, T>();
  return (db) => {
    let statement = byDatabase.get(db);
    if (statement === undefined) {
      statement = prepare(db);
      byDatabase.set(db, statement);
    }
    return statement;
  };
}
