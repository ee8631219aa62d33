import "server-only";
import { csvRecord, type RegisterCell } from "@/lib/domain/registers/registerCell";

// About 64 KB of text per chunk: large enough that per-chunk costs (encoding call, stream enqueue)
// vanish, small enough that the event loop gets a turn between chunks (see byteStream).
const CHUNK_CHARS = 64 * 1024;

/**
 * CSV for spreadsheet programs: a UTF-8 byte order mark (so Excel reads Chinese text as UTF-8), the
 * header, then the rows in chunks of about 64 KB; RFC 4180 quoting and CRLF line ends, text
 * neutralised against formulas by csvRecord.
 */
export async function* csvChunks(
  header: readonly string[],
  pages: AsyncIterable<Iterable<readonly RegisterCell[]>>,
): AsyncGenerator<string> {
  yield `\uFEFF${csvRecord(header)}`;
  for await (const rows of pages) {
    let chunk = "";
    for (const row of rows) {
      chunk += csvRecord(row);
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
    }
    if (chunk.length > 0) yield chunk;
  }
}
