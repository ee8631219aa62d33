/**
 * Uploaded workbooks are ZIP archives: a few hundred KB can unpack to gigabytes. The guard inflates
 * each part with a hard cap before ExcelJS loads anything, whatever sizes the archive declares.
 */
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { errorResponse } from "@/lib/platform/http/apiResponse";
import { parseParticipantFile } from "@/lib/features/participants/participantImport";
import { parseGradesXlsx } from "@/lib/features/vesting/vestingGrades";
import {
  assertArchiveWithinLimits,
  MAX_ARCHIVE_ENTRIES,
  MAX_UNPACKED_BYTES,
} from "@/lib/platform/uploads/uploadedWorkbook";

interface Part {
  name: string;
  content: Buffer;
  /** What the headers claim the part unpacks to; the real length unless a test makes it lie. */
  declaredSize?: number;
}

/** A minimal ZIP writer (deflate, no data descriptors), enough to build hostile archives. */
function zip(parts: Part[]): Uint8Array {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const part of parts) {
    const name = Buffer.from(part.name, "utf8");
    const data = deflateRawSync(part.content, { level: 9 });
    const size = part.declaredSize ?? part.content.length;
    const crc = crc32(part.content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt16LE(8, 10);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(size, 24);
    header.writeUInt16LE(name.length, 28);
    header.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    central.push(header, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

async function refusal(run: () => Promise<unknown> | unknown): Promise<{ status: number; code: string }> {
  try {
    await run();
  } catch (e) {
    const res = errorResponse(e);
    return { status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code };
  }
  throw new Error("expected a refusal");
}

async function realWorkbook(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("名单");
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const bomb = (declaredSize?: number): Part => ({
  name: "xl/worksheets/sheet1.xml",
  content: Buffer.alloc(MAX_UNPACKED_BYTES + 1024 * 1024, 0x20),
  declaredSize,
});

describe("uploaded workbooks are unpacked within limits", () => {
  it("a real workbook passes the guard and its rows are read", async () => {
    const bytes = await realWorkbook([
      ["工号", "姓名", "类别", "授予数量（股）"],
      ["E001", "张三", "core", 1000],
    ]);
    expect(() => assertArchiveWithinLimits(bytes)).not.toThrow();
    const rows = await parseParticipantFile(bytes, "名单.xlsx");
    expect(rows.map((r) => [r.employeeNo, r.name, r.quantity])).toEqual([["E001", "张三", "1000"]]);
  });

  it("a small file that unpacks past 100 MB is refused as FILE_TOO_LARGE, by both workbook readers", async () => {
    const bytes = zip([{ name: "[Content_Types].xml", content: Buffer.from("<Types/>") }, bomb()]);
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(await refusal(() => parseParticipantFile(bytes, "名单.xlsx"))).toEqual({
      status: 400,
      code: "FILE_TOO_LARGE",
    });
    expect(await refusal(() => parseGradesXlsx(bytes))).toEqual({ status: 400, code: "FILE_TOO_LARGE" });
  });

  it("declared sizes are not trusted: a part claiming 100 bytes that inflates past the limit is refused", async () => {
    const bytes = zip([bomb(100)]);
    expect(await refusal(() => assertArchiveWithinLimits(bytes))).toEqual({ status: 400, code: "FILE_TOO_LARGE" });
  });

  it("the limit is on the total: parts under it one by one but over it together are refused", async () => {
    const third = Math.ceil(MAX_UNPACKED_BYTES / 3) + 1024;
    const parts = [0, 1, 2].map((i) => ({ name: `xl/media/p${i}.bin`, content: Buffer.alloc(third, 0x41) }));
    expect(await refusal(() => assertArchiveWithinLimits(zip(parts)))).toEqual({ status: 400, code: "FILE_TOO_LARGE" });
    expect(() => assertArchiveWithinLimits(zip(parts.slice(0, 2)))).not.toThrow();
  });

  it("an archive of too many parts is refused before any is unpacked", async () => {
    const parts = Array.from({ length: MAX_ARCHIVE_ENTRIES + 1 }, (_, i) => ({
      name: `p${i}`,
      content: Buffer.from("x"),
    }));
    expect(await refusal(() => assertArchiveWithinLimits(zip(parts)))).toEqual({ status: 400, code: "FILE_TOO_LARGE" });
  });

  it("damaged archives are a plain BAD_REQUEST: cut short, a wrong directory offset, a corrupt deflate stream", async () => {
    const good = await realWorkbook([["工号"], ["E001"]]);
    expect(await refusal(() => parseParticipantFile(good.slice(0, good.length - 30), "a.xlsx"))).toEqual({
      status: 400,
      code: "BAD_REQUEST",
    });
    const moved = Buffer.from(good);
    moved.writeUInt32LE(moved.length - 40, moved.length - 22 + 16);
    expect(await refusal(() => assertArchiveWithinLimits(moved))).toEqual({ status: 400, code: "BAD_REQUEST" });
    const corrupt = Buffer.from(zip([{ name: "a.xml", content: Buffer.from("<a>hello hello hello</a>") }]));
    corrupt.fill(0xff, 30 + 5, 30 + 5 + 4);
    expect(await refusal(() => assertArchiveWithinLimits(corrupt))).toEqual({ status: 400, code: "BAD_REQUEST" });
  });
});
