/** What a database offers for the check: PGlite itself, or the thread that speaks for it. */
interface TransactionalDatabase {
  query<T>(text: string, params?: unknown[]): Promise<{ rows: T[] }>;
  transaction<T>(run: (tx: { query(text: string): Promise<unknown> }) => Promise<T>): Promise<T>;
}

/**
 * Runs `insert` in a transaction that is held open, reads `count` while it is open, then rolls the
 * transaction back. Reports what the read had answered while the transaction was still open (null: it
 * waited), the error the rollback ended with, and what the read answered in the end.
 */
export async function readDuringOpenTransaction(db: TransactionalDatabase, insert: string, count: string) {
  const read = () => db.query<{ c: number }>(count).then((r) => r.rows[0]!.c);
  // Named statements are prepared from the second execution on: the check must read through one.
  for (let i = 0; i < 3; i++) await read();
  let release!: () => void;
  let inserted!: () => void;
  const wrote = new Promise<void>((r) => (inserted = r));
  const rolledBack = db
    .transaction(async (tx) => {
      await tx.query(insert);
      inserted();
      await new Promise<void>((r) => (release = r));
      throw new Error("rolled back on purpose");
    })
    .catch((e: Error) => e.message);
  await wrote;
  let whileOpen: number | null = null;
  const during = read().then((c) => (whileOpen = c));
  await new Promise((r) => setTimeout(r, 50));
  const answeredWhileOpen = whileOpen;
  release();
  return { answeredWhileOpen, rollback: await rolledBack, answered: await during };
}
