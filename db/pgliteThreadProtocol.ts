/** The messages between db/pgliteThread.ts and the database thread it starts (db/pgliteThreadWorker.ts). */
export type ThreadRequestBody =
  | {
      kind: "query";
      text: string;
      params: unknown[];
      rowMode?: "array" | "object";
      /** Types whose values stay as PostgreSQL's text (drizzle's own parsers for dates and times). */
      rawTypes?: number[];
      /** The open transaction the statement belongs to; none runs it after any open transaction. */
      tx?: number;
    }
  | { kind: "exec"; text: string; tx?: number }
  | { kind: "begin" }
  | { kind: "end"; tx: number; commit: boolean }
  | { kind: "dump"; compression: "none" | "gzip" | "auto" }
  | { kind: "close" };

export type ThreadRequest = ThreadRequestBody & { id: number };

/** A database error's own fields (code, constraint, detail, …), kept where they are plain values. */
export interface ThreadErrorShape {
  name: string;
  message: string;
  fields: Record<string, string | number | boolean | null>;
}

export type ThreadReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ThreadErrorShape };
