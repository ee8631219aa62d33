import "server-only";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { ApiError, badRequest } from "@/lib/platform/errors/apiError";

/**
 * Limits on what an uploaded XLSX may unpack to. A 10,000-row participant list unpacks to about
 * 6 MB; a few hundred KB of zeros can unpack to gigabytes (a "zip bomb"), which ExcelJS would hold
 * in memory whole. The sizes an archive declares can lie, so each entry is inflated here with a
 * hard output cap before ExcelJS sees the file.
 */
export const MAX_UNPACKED_BYTES = 100 * 1024 * 1024;
export const MAX_ARCHIVE_ENTRIES = 2_000;

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;

const unreadable = () => badRequest("The file is not a readable XLSX workbook.");
const tooBig = () =>
  new ApiError(
    "FILE_TOO_LARGE",
    "The workbook unpacks to more than 100 MB, or holds too many parts; save it again as a plain .xlsx or CSV.",
    {
      limitUnpackedBytes: MAX_UNPACKED_BYTES,
      limitEntries: MAX_ARCHIVE_ENTRIES,
    },
  );

/** Offset of the end-of-central-directory record (it ends the file, after at most a 64 KB comment). */
function endOfCentralDirectory(buf: Buffer): number {
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD_SIGNATURE) return i;
  }
  throw unreadable();
}

/**
 * Inflates every entry of the ZIP archive with a cap on the total output, refusing archives that
 * unpack past the limits. Throws BAD_REQUEST for a damaged archive and FILE_TOO_LARGE for a bomb.
 */
export function assertArchiveWithinLimits(bytes: Uint8Array): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 22) throw unreadable();
  const eocd = endOfCentralDirectory(buf);
  const entries = buf.readUInt16LE(eocd + 10);
  const directoryOffset = buf.readUInt32LE(eocd + 16);
  if (entries > MAX_ARCHIVE_ENTRIES) throw tooBig();
  // ZIP64 markers: no genuine 5 MB workbook needs them.
  if (entries === 0xffff || directoryOffset === 0xffffffff) throw tooBig();
  let unpacked = 0;
  let at = directoryOffset;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== CENTRAL_SIGNATURE) throw unreadable();
    const method = buf.readUInt16LE(at + 10);
    const compressedSize = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const localOffset = buf.readUInt32LE(at + 42);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) throw tooBig();
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL_SIGNATURE) throw unreadable();
    const dataStart = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataStart + compressedSize > buf.length) throw unreadable();
    const data = buf.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) unpacked += compressedSize;
    else if (method === 8) unpacked += inflatedLength(data, MAX_UNPACKED_BYTES - unpacked);
    else throw unreadable();
    if (unpacked > MAX_UNPACKED_BYTES) throw tooBig();
    at += 46 + nameLength + extraLength + commentLength;
  }
}

/** Length of the inflated entry, refusing as soon as it would pass the room left. */
function inflatedLength(data: Buffer, room: number): number {
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(1, room + 1) }).length;
  } catch (e) {
    if ((e as { code?: string }).code === "ERR_BUFFER_TOO_LARGE" || e instanceof RangeError) throw tooBig();
    throw unreadable();
  }
}

/** The uploaded workbook, opened by ExcelJS only once the archive is known to unpack within limits. */
export async function openUploadedWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  assertArchiveWithinLimits(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw unreadable();
  }
  return workbook;
}
