import { parse, protocol, type PGlite } from "@electric-sql/pglite";

/**
 * Named prepared statements for the embedded database. drizzle's PGlite driver sends every query as an
 * unnamed statement, so PGlite parses and plans it on each execution; for the session check that carries
 * the home page's data, planning took about as long as running it. A statement text seen twice (outside
 * a transaction: transactions run on their own object) is parsed and described once under a name and then
 * only bound and executed, as node-postgres does for drizzle's named statements on PostgreSQL. Results
 * are parsed by PGlite's own parser, with the row description kept from the prepare.
 */
const MAX_STATEMENTS = 500;
/** Texts counted before preparing; beyond this many distinct texts, new ones simply run unprepared. */
const MAX_COUNTED = 5_000;

interface Statement {
  name: string;
  /** Whether the statement may write: only then is the file system synced after it, as PGlite's query does. */
  writes: boolean;
  paramTypes: number[];
  rowDescription: unknown | null;
}

type QueryFn = PGlite["query"];
type Serializers = Record<number, (value: unknown) => string>;
type Parsers = Parameters<typeof parse.parseResults>[1];

export function withPreparedStatements(client: PGlite): PGlite {
  const plain: QueryFn = client.query.bind(client);
  const counted = new Map<string, number>();
  const statements = new Map<string, Statement | "unprepared">();
  const query = async (text: string, params: unknown[] = [], options?: Parameters<QueryFn>[2]) => {
    if (options?.blob || options?.paramTypes) return plain(text, params, options);
    let statement = statements.get(text);
    if (statement === undefined) {
      const seen = (counted.get(text) ?? 0) + 1;
      if (seen < 2 || statements.size >= MAX_STATEMENTS) {
        if (counted.size < MAX_COUNTED || counted.has(text)) counted.set(text, seen);
        return plain(text, params, options);
      }
      counted.delete(text);
      statement = await exclusive(client, () => prepare(client, text, `vd_lite_${statements.size + 1}`));
      statements.set(text, statement);
    }
    if (statement === "unprepared") return plain(text, params, options);
    const prepared = statement;
    try {
      return await exclusive(client, () => execute(client, prepared, params, options));
    } catch (error) {
      // A statement whose plan no longer fits (its tables changed shape) is dropped and run afresh.
      if ((error as { code?: string }).code === "0A000") {
        statements.set(text, "unprepared");
        return plain(text, params, options);
      }
      throw error;
    }
  };
  client.query = query as QueryFn;
  return client;
}

/**
 * Runs outside any open transaction, as PGlite's own query does: it waits for the transaction lock, then
 * the query lock. The query lock alone would let a request's read run inside another request's open
 * transaction on the one connection, seeing (and, on an error, aborting) writes not yet committed.
 */
function exclusive<T>(client: PGlite, run: () => Promise<T>): Promise<T> {
  return client._runExclusiveTransaction(() => client.runExclusive(run));
}

/** Parses and describes the text under a name; a text PGlite refuses stays unprepared (its error shows when run). */
async function prepare(client: PGlite, text: string, name: string): Promise<Statement | "unprepared"> {
  const { serialize } = protocol;
  try {
    const { messages } = await client.execProtocol(
      concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]),
      { syncToFs: false },
    );
    const parameters = messages.find((m) => m.name === "parameterDescription") as { dataTypeIDs: number[] } | undefined;
    return {
      name,
      writes: !/^\s*select\b/i.test(text),
      paramTypes: parameters?.dataTypeIDs ?? [],
      rowDescription: messages.find((m) => m.name === "rowDescription") ?? null,
    };
  } catch {
    return "unprepared";
  }
}

async function execute(client: PGlite, statement: Statement, params: unknown[], options?: Parameters<QueryFn>[2]) {
  const { serialize } = protocol;
  const own = (client as unknown as { serializers: Serializers }).serializers;
  const values = params.map((value, i) => {
    if (value === null || value === undefined) return null;
    const type = statement.paramTypes[i]!;
    const serializer = (options?.serializers as Serializers | undefined)?.[type] ?? own[type];
    return serializer ? serializer(value) : String(value);
  });
  const { messages } = await client.execProtocol(
    concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]),
    { syncToFs: statement.writes },
  );
  const all = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
  const parsers = (client as unknown as { parsers: Parsers }).parsers;
  return parse.parseResults(all as Parameters<typeof parse.parseResults>[0], parsers, options)[0]!;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
