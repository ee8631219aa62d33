import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type ExcelJS from "exceljs";

// XML waiting for zlib beyond which writing pauses: a few of ExcelJS's 64 KB batches.
const MAX_BACKLOG_BYTES = 4 * 1024 * 1024;
// A pause lets zlib's thread-pool job finish without this thread spinning on the event loop.
const PAUSE_MS = 2;
// Never wait longer than this in one go (about a second): a slow disk or a changed ExcelJS must
// not stall a download, only let it use more memory.
const MAX_PAUSES = 500;

type PipeLike = { writableLength?: number; _writableState?: { length?: number } };

/**
 * Bytes of a streamed worksheet's XML written but not yet taken by the compressor. ExcelJS has no
 * backpressure: the sheet's stream (`worksheet.stream`) pipes each 64 KB of XML into its zip entry
 * without waiting, so when zlib falls behind (a busy machine) the XML piles up uncompressed, about
 * 60 MB at 100k grants on a loaded 2-core machine (measured). Reading the pipe's buffered length
 * relies on ExcelJS 4 and archiver internals; if they change it reads 0 and writing is not paced.
 */
function sheetXmlBacklog(ws: ExcelJS.Worksheet): number {
  const pipes = (ws as unknown as { stream?: { pipes?: PipeLike[] } }).stream?.pipes;
  if (!Array.isArray(pipes)) return 0;
  let bytes = 0;
  for (const p of pipes) bytes += p.writableLength ?? p._writableState?.length ?? 0;
  return bytes;
}

/** Waits while more than a few megabytes of the sheet's XML wait for compression. */
export async function awaitCompression(ws: ExcelJS.Worksheet): Promise<void> {
  for (let i = 0; i < MAX_PAUSES && sheetXmlBacklog(ws) > MAX_BACKLOG_BYTES; i++) await sleep(PAUSE_MS);
}
