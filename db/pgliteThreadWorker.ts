import { parentPort, workerData } from "node:worker_threads";
import { PGlite, type Results, type Transaction } from "@electric-sql/pglite";
import { withPreparedStatements } from "./pglitePreparedQueries";
import type { ThreadErrorShape, ThreadReply, ThreadRequest } from "./pgliteThreadProtocol";

/**
 * The database thread: one PGlite (with its named prepared statements) and the transactions the other
 * side has open on it. Requests are handled as they come, not one after another: PGlite's own locks
 * order them, so a statement outside a transaction waits for an open one as it would in one thread.
 */
const port = parentPort!;
const client = withPreparedStatements(new PGlite((workerData as { dir: string }).dir));
const open = new Map<number, { tx: Transaction; end: (commit: boolean) => void; done: Promise<unknown> }>();
let nextTx = 1;

const ROLLBACK = Symbol("rollback");

// One parsers object per list of types (drizzle sends the same few lists): not rebuilt for every query.
const textParsers = new Map<string, Record<number, (value: string) => string>>();

/** Leaves the listed types as text: drizzle's parsers for dates and times, which could not cross threads. */
function asText(types: number[] | undefined) {
  if (!types) return undefined;
  const key = types.join(",");
  let parsers = textParsers.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(types.map((oid) => [oid, (value: string) => value]));
    textParsers.set(key, parsers);
  }
  return parsers;
}

/** Only a result's plain parts cross back: rows, fields and the affected count. */
function plain(result: Results): Results {
  return { rows: result.rows, fields: result.fields, affectedRows: result.affectedRows };
}

function errorShape(error: unknown): ThreadErrorShape {
  const e = error instanceof Error ? error : new Error(String(error));
  const fields: ThreadErrorShape["fields"] = {};
  for (const [key, value] of Object.entries(e))
    if (value === null || ["string", "number", "boolean"].includes(typeof value))
      fields[key] = value as string | number | boolean | null;
  return { name: e.name, message: e.message, fields };
}

function on(tx: number | undefined) {
  if (tx === undefined) return client;
  const entry = open.get(tx);
  if (!entry) throw new Error(`transaction ${tx} is not open`);
  return entry.tx;
}

/** Opens a transaction and answers once BEGIN ran; it stays open until the other side ends it. */
function begin(): Promise<number> {
  const id = nextTx++;
  return new Promise<number>((began, failed) => {
    let end!: (commit: boolean) => void;
    const ended = new Promise<boolean>((r) => (end = r));
    const done = client.transaction(async (tx) => {
      open.set(id, { tx, end, done });
      began(id);
      if (!(await ended)) throw ROLLBACK;
    });
    done.catch((e: unknown) => {
      if (!open.has(id)) failed(e);
    });
  });
}

async function finish(id: number, commit: boolean): Promise<null> {
  const entry = open.get(id);
  if (!entry) throw new Error(`transaction ${id} is not open`);
  entry.end(commit);
  try {
    await entry.done;
  } catch (e) {
    if (e !== ROLLBACK) throw e;
  } finally {
    open.delete(id);
  }
  return null;
}

async function answer(request: ThreadRequest): Promise<unknown> {
  switch (request.kind) {
    case "query": {
      const options = { rowMode: request.rowMode, parsers: asText(request.rawTypes) };
      return plain(await on(request.tx).query(request.text, request.params, options));
    }
    case "exec":
      return (await on(request.tx).exec(request.text)).map(plain);
    case "begin":
      return begin();
    case "end":
      return finish(request.tx, request.commit);
    case "dump":
      return new Uint8Array(await (await client.dumpDataDir(request.compression)).arrayBuffer());
    case "close":
      await client.close();
      return null;
  }
}

port.on("message", (request: ThreadRequest) => {
  answer(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies ThreadReply),
    (error: unknown) => port.postMessage({ id: request.id, ok: false, error: errorShape(error) } satisfies ThreadReply),
  );
});
