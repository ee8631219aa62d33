import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PGlite, QueryOptions, Results } from "@electric-sql/pglite";
import type { ThreadReply, ThreadRequest, ThreadRequestBody } from "./pgliteThreadProtocol";

/**
 * The embedded database on a thread of its own. PGlite runs PostgreSQL as WebAssembly in the thread that
 * opened it, so on the server's one JavaScript thread every statement's execution stalled every other
 * request while it ran (about 2 ms of the home page's 19 ms of server time at 10,000 grants). Here PGlite
 * lives in a worker thread (db/pgliteThreadWorker.ts) and this object speaks for it with the part of
 * PGlite's interface the app uses: query, exec, transaction, dumpDataDir and close. Statements keep
 * PGlite's own order and locking there: one connection, a read waits for an open transaction.
 */
export interface PGliteThread {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string): Promise<Results[]>;
  transaction<T>(run: (tx: ThreadTransaction) => Promise<T>): Promise<T>;
  dumpDataDir(compression?: "none" | "gzip" | "auto"): Promise<Blob>;
  close(): Promise<void>;
}

/** A transaction's handle: its statements run inside it, in the order given. */
export interface ThreadTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptions): Promise<Results<T>>;
  exec(text: string): Promise<Results[]>;
}

const WORKER_FILE = "pgliteThreadWorker.ts";

/**
 * The worker runs the TypeScript file beside this one through tsx's require hook (tsx is a runtime
 * dependency: `npm start` runs through it). That holds in every process that opens the database: tsx
 * scripts, vitest and the Next server, where Turbopack reports this module's URL as its source file.
 * (Turbopack's own `new Worker(new URL(…))` bundling was not used: it also copies the source file into
 * the public static assets.)
 */
function startWorker(dir: string): Worker {
  const file = path.join(path.dirname(fileURLToPath(import.meta.url)), WORKER_FILE);
  return new Worker(`require("tsx/cjs"); require(${JSON.stringify(file)});`, { eval: true, workerData: { dir } });
}

const probedParsers = new WeakMap<NonNullable<QueryOptions["parsers"]>, number[]>();

/**
 * drizzle hands PGlite parsers that return the text as it came, for dates, timestamps and intervals; a
 * function cannot cross threads, so the worker is told which types to leave as text, and anything else
 * is refused rather than silently parsed differently.
 */
function rawTypes(options?: QueryOptions): number[] | undefined {
  if (!options?.parsers) return undefined;
  // Probed once per parsers object: drizzle gives each query object its own, reused by prepared statements.
  const known = probedParsers.get(options.parsers);
  if (known) return known;
  const probe = "\u0000vd-probe";
  const types = Object.entries(options.parsers).map(([oid, parser]) => {
    if (parser(probe, Number(oid)) !== probe)
      throw new Error(`only parsers that keep the text can cross to the database thread (type ${oid})`);
    return Number(oid);
  });
  probedParsers.set(options.parsers, types);
  return types;
}

function queryBody(text: string, params: unknown[] | undefined, options: QueryOptions | undefined, tx?: number) {
  if (options?.serializers || options?.blob || options?.paramTypes || options?.onNotice)
    throw new Error("the database thread takes a query's text, parameters, row mode and text parsers only");
  return {
    kind: "query",
    text,
    params: params ?? [],
    rowMode: options?.rowMode,
    rawTypes: rawTypes(options),
    tx,
  } as const;
}

/** Rebuilds the database's error on this side with its fields (code, constraint, detail, …) for the app's checks. */
function threadError(reply: Extract<ThreadReply, { ok: false }>): Error {
  const error = new Error(reply.error.message);
  Object.assign(error, reply.error.fields);
  error.name = reply.error.name;
  return error;
}

export function openPGliteThread(dir: string): PGliteThread {
  const worker = startWorker(dir);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let broken: Error | null = null;
  // An idle worker must not keep a finished script alive; one with statements in flight must.
  worker.unref();
  worker.on("message", (reply: ThreadReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (pending.size === 0) worker.unref();
    if (reply.ok) waiter.resolve(reply.value);
    else waiter.reject(threadError(reply));
  });
  const fail = (error: Error) => {
    broken ??= error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  };
  worker.on("error", fail);
  worker.on("exit", (code) => fail(new Error(`the database thread stopped (exit code ${code})`)));

  const ask = <T>(body: ThreadRequestBody): Promise<T> => {
    if (broken) return Promise.reject(broken);
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      if (pending.size === 1) worker.ref();
      worker.postMessage({ ...body, id } satisfies ThreadRequest);
    });
  };
  const handle = (tx?: number): ThreadTransaction => ({
    // async: a refused option answers as a rejected promise, as PGlite's own query does.
    query: async <T>(text: string, params?: unknown[], options?: QueryOptions) =>
      ask<Results<T>>(queryBody(text, params, options, tx)),
    exec: (text: string) => ask<Results[]>({ kind: "exec", text, tx }),
  });

  return {
    ...handle(),
    async transaction<T>(run: (tx: ThreadTransaction) => Promise<T>): Promise<T> {
      const tx = await ask<number>({ kind: "begin" });
      let result: T;
      try {
        result = await run(handle(tx));
      } catch (error) {
        // The caller's error is the one that explains the failure, not a rollback's on a broken thread.
        await ask({ kind: "end", tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await ask({ kind: "end", tx, commit: true });
      return result;
    },
    async dumpDataDir(compression = "none") {
      const bytes = await ask<Uint8Array<ArrayBuffer>>({ kind: "dump", compression });
      return new Blob([bytes]);
    },
    async close() {
      if (broken) return;
      await ask({ kind: "close" });
      broken = new Error("the database is closed");
      await worker.terminate();
    },
  };
}

/** The thread as drizzle's PGlite driver sees it: it calls query and transaction only. */
export function asPGlite(thread: PGliteThread): PGlite {
  return thread as unknown as PGlite;
}
