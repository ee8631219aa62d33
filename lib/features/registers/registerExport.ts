import "server-only";
import { requireFreshProof, type StepUpSubject } from "@/lib/auth/secondFactor/stepUp";
import { z } from "zod";
import type { Database } from "@/db/client";
import type { RegisterCell } from "@/lib/domain/registers/registerCell";
import { ApiError, badRequest, forbidden, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { today } from "@/lib/platform/clock";
import type { Role } from "@/lib/auth/credentials";
import { decryptIdNumber, maskIdNumber } from "@/lib/platform/idNumberCipher";
import { uuid } from "@/lib/platform/validation/common";
import { ALLOCATION_HEADER, allocationCells, loadAllocationTable } from "@/lib/features/registers/allocationRegister";
import { readableFrom } from "@/lib/platform/exports/byteStream";
import type { Download } from "@/lib/platform/http/downloadResponse";
import { csvChunks } from "@/lib/platform/exports/csvStream";
import {
  grantRegisterPages,
  maxTrancheCount,
  REGISTER_PAGE_SIZE,
  type GrantRegisterRow,
} from "@/lib/features/registers/grantRegisterQuery";
import { grantRegisterCells, grantRegisterHeader } from "@/lib/features/registers/grantRegisterTable";
import { eachMapped } from "@/lib/platform/exports/keysetPages";
import { ocfChunks } from "@/lib/features/registers/ocfPackage";
import { loadRegisterContext, type RegisterContext } from "@/lib/features/registers/registerContext";
import { vestingRegisterPages } from "@/lib/features/registers/vestingRegisterQuery";
import { VESTING_REGISTER_HEADER, vestingRegisterCells } from "@/lib/features/registers/vestingRegisterTable";
import { xlsxChunks } from "@/lib/platform/exports/xlsxStream";
import { registerExportQuerySchema, REGISTERS, EXPORT_FORMATS } from "@/lib/features/registers/schemas";

/** What to export, once the query strings are read. */
export interface RegisterExportInput {
  register: (typeof REGISTERS)[number];
  format: (typeof EXPORT_FORMATS)[number];
  planId: string | null;
  includeIdNumbers: boolean;
}

const registerExportInputSchema = z.object({
  register: z.enum(REGISTERS),
  format: z.enum(EXPORT_FORMATS),
  planId: uuid.nullable(),
  includeIdNumbers: z.boolean(),
});

/** The typed input behind a parsed query. */
export function registerExportInputFromQuery(q: z.infer<typeof registerExportQuerySchema>): RegisterExportInput {
  return {
    register: q.register,
    format: q.format,
    planId: q.planId ? q.planId : null,
    includeIdNumbers: q.includeIdNumbers === "true",
  };
}

/** A download, streamed as it is read. */
export interface RegisterDownload extends Download {
  body: ReadableStream<Uint8Array>;
}

const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  ocf: "application/json; charset=utf-8",
} as const;
const NAMES = {
  grants: { zh: "授予登记簿", en: "grant-register", sheet: "授予登记簿 Grant register" },
  vesting: { zh: "归属及作废登记簿", en: "vesting-register", sheet: "归属及作废 Vesting register" },
  allocation: { zh: "激励对象名单及授予情况表", en: "allocation-table", sheet: "授予情况表 Allocation" },
} as const;

/**
 * Exports a register as CSV, XLSX or (grant register only) OCF JSON, streamed in keyset pages. Admins
 * and auditors only; full ID numbers for admins only. Every export is written to the audit trail
 * before the first byte is produced, with a second entry when full ID numbers are included.
 */
export async function exportRegister(
  db: Database,
  user: { id: string; roles: readonly Role[] } & StepUpSubject,
  rawInput: RegisterExportInput,
  ip: string | null,
  options: { pageSize?: number } = {},
): Promise<RegisterDownload> {
  const isAdmin = user.roles.includes("admin");
  if (!isAdmin && !user.roles.includes("auditor")) throw forbidden();
  const input = registerExportInputSchema.parse(rawInput);
  if (input.includeIdNumbers && !isAdmin)
    throw new ApiError("FORBIDDEN", "Only an administrator may export full ID numbers.");
  if (input.format === "ocf" && input.register !== "grants")
    throw badRequest("OCF JSON is available for the grant register only; export this register as CSV or XLSX.");
  if (input.register === "allocation" && input.planId === null)
    throw badRequest("The allocation table is drawn up per plan: choose a plan.");
  const ctx = await loadRegisterContext(db, input.planId);
  const planName = input.planId === null ? null : (ctx.plans.get(input.planId)?.name ?? null);
  if (input.planId !== null && planName === null) throw notFound("Plan");
  if (input.format === "ocf" && new Set([...ctx.plans.values()].map((p) => p.issuerId)).size !== 1) {
    throw badRequest("An OCF package describes one issuer: there must be exactly one issuer among the plans exported.");
  }
  // ID numbers exist only in the grant register: asking for them elsewhere exports nothing more.
  const withIds = input.includeIdNumbers && input.register === "grants";
  // Decrypting ID numbers is sensitive: a fresh second factor (an API token is its own).
  if (withIds) await requireFreshProof(db, user);
  const entry = { register: input.register, format: input.format, planId: input.planId, includeIdNumbers: withIds };
  await db.transaction(async (tx) => {
    await appendAudit(tx, {
      actorUserId: user.id,
      action: "export.register",
      entityType: "register",
      entityId: input.planId,
      ip,
      after: entry,
    });
    if (withIds)
      await appendAudit(tx, {
        actorUserId: user.id,
        action: "export.id_numbers_included",
        entityType: "register",
        entityId: input.planId,
        ip,
        after: entry,
      });
  });

  const asOf = today();
  const pageSize = options.pageSize ?? REGISTER_PAGE_SIZE;
  const names = NAMES[input.register];
  const stem = `${planName ?? "全部计划"}-${names.zh}${withIds ? "-含证件号码" : ""}-${asOf}`;
  const asciiStem = `${names.en}${withIds ? "-with-id-numbers" : ""}-${asOf}`;
  const extension = input.format === "ocf" ? "ocf.json" : input.format;
  const chunks: AsyncIterable<Uint8Array | string> =
    input.format === "ocf"
      ? ocfChunks(db, ctx, { planId: input.planId, includeIdNumbers: withIds, asOf, generatedAt: new Date(), pageSize })
      : await tabularChunks(db, ctx, input, withIds, pageSize, names.sheet);
  return {
    filename: `${stem}.${extension}`,
    asciiFilename: `${asciiStem}.${extension}`,
    contentType: CONTENT_TYPES[input.format],
    body: readableFrom(chunks),
  };
}

async function tabularChunks(
  db: Database,
  ctx: RegisterContext,
  input: RegisterExportInput,
  withIds: boolean,
  pageSize: number,
  sheetName: string,
): Promise<AsyncIterable<Uint8Array | string>> {
  const { header, pages } = await registerTable(db, ctx, input, withIds, pageSize);
  return input.format === "csv" ? csvChunks(header, pages) : xlsxChunks({ name: sheetName, header, pages });
}

async function registerTable(
  db: Database,
  ctx: RegisterContext,
  input: RegisterExportInput,
  withIds: boolean,
  pageSize: number,
): Promise<{ header: string[]; pages: AsyncIterable<Iterable<RegisterCell[]>> }> {
  if (input.register === "grants") {
    const trancheCount = await maxTrancheCount(db, input.planId);
    const idNumber = (g: GrantRegisterRow) =>
      withIds && g.idNumberEnc ? decryptIdNumber(g.idNumberEnc) : maskIdNumber(g.idNumberLast4);
    return {
      header: grantRegisterHeader(trancheCount),
      pages: (async function* () {
        for await (const page of grantRegisterPages(db, input.planId, pageSize, { idCipher: withIds }))
          yield eachMapped(page, (g) => grantRegisterCells(g, trancheCount, idNumber(g)));
      })(),
    };
  }
  if (input.register === "vesting") {
    return {
      header: VESTING_REGISTER_HEADER,
      pages: (async function* () {
        for await (const page of vestingRegisterPages(db, input.planId, pageSize))
          yield eachMapped(page, (r) => vestingRegisterCells(r, ctx));
      })(),
    };
  }
  const plan = ctx.plans.get(input.planId!)!;
  return {
    header: ALLOCATION_HEADER,
    pages: (async function* () {
      yield (await loadAllocationTable(db, plan)).map(allocationCells);
    })(),
  };
}
