import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";

/**
 * Runs one register page query with PostgreSQL's JIT compiler off. A page is a few thousand rows read
 * through indexes, but the lateral aggregates make the planner's cost estimate large enough to cross
 * jit_above_cost, and then compiling the plan takes longer than running it (measured on 100k grants:
 * 0.15 to 1.4 s of compilation for a page that runs in about 50 ms, paid again for every page).
 * `SET LOCAL` lasts only for the page's own short transaction, so pooled connections are untouched.
 */
export async function readRegisterPage<Row>(db: Database, query: SQL): Promise<Row[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL jit = off`);
    return ((await tx.execute(query)) as unknown as { rows: Row[] }).rows;
  });
}

/**
 * Keyset pages with the next page already being read while the caller works on the current one, so
 * the database and the encoding of rows run side by side instead of taking turns. At most two pages
 * are held: the one handed out and the one in flight. `fetchPage(null)` reads the first page; a page
 * shorter than `pageSize` is the last.
 */
export async function* prefetchedPages<Row, Cursor>(
  fetchPage: (after: Cursor | null) => Promise<Row[]>,
  cursorAfter: (last: Row) => Cursor,
  pageSize: number,
): AsyncGenerator<Row[]> {
  // A page read ahead may fail while the caller is still busy with the one before: marked as handled
  // at once, its error is thrown where it is awaited instead of crashing the process as unhandled.
  const read = (after: Cursor | null) => {
    const page = fetchPage(after);
    page.catch(() => undefined);
    return page;
  };
  let next: Promise<Row[]> | null = read(null);
  try {
    while (next !== null) {
      const page: Row[] = await next;
      const last = page[page.length - 1];
      next = last === undefined || page.length < pageSize ? null : read(cursorAfter(last));
      if (page.length > 0) yield page;
    }
  } finally {
    // A cancelled download can leave a page in flight: let it settle so its connection goes back to the pool.
    await next?.catch(() => undefined);
  }
}

/**
 * A page's rows converted one at a time as they are read (driver rows into register rows, register
 * rows into cells). The page itself (the driver's rows) is held anyway; converting it whole would
 * hold a second copy of every row, and the cells a third, for as long as the page takes to write:
 * long enough for the garbage collector to move them all to the old generation, whose garbage then
 * grows the heap. Converted one by one they die young.
 */
export function* eachMapped<Row, Out>(
  rows: Iterable<Row>,
  convert: (row: Row) => Out,
): Generator<Out, void, undefined> {
  for (const row of rows) yield convert(row);
}
