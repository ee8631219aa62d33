import "server-only";
import { setImmediate as nextTurn } from "node:timers/promises";

const encoder = new TextEncoder();

// Longest stretch of encoding (ms) before the event loop gets a turn. Chunks are made synchronously
// from rows already read; without a turn now and then the prefetched page's round trips (its
// transaction's BEGIN, SET and query) wait until the reader stalls, and the database sits idle
// while rows are encoded instead of reading the next page at the same time.
const MAX_BUSY_MS = 4;

/**
 * A web ReadableStream pulled from an async iterable: the next chunk is produced only when the reader
 * asks for it, so a slow download slows the database reads instead of piling rows up in memory.
 * Cancelling the download ends the iterator (its `finally` blocks run).
 */
export function readableFrom(chunks: AsyncIterable<Uint8Array | string>): ReadableStream<Uint8Array> {
  const it = chunks[Symbol.asyncIterator]();
  let busySince = performance.now();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (performance.now() - busySince > MAX_BUSY_MS) {
            await nextTurn();
            busySince = performance.now();
          }
          const { value, done } = await it.next();
          if (done) {
            controller.close();
            return;
          }
          const bytes = typeof value === "string" ? encoder.encode(value) : value;
          if (bytes.byteLength > 0) {
            controller.enqueue(bytes);
            return;
          }
        }
      },
      async cancel(reason) {
        await it.return?.(reason);
      },
    },
    // No read-ahead: nothing is produced before the reader asks.
    { highWaterMark: 0 },
  );
}
