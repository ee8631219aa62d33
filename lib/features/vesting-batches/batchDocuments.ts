import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import type { Database } from "@/db/client";
import { persons } from "@/db/schema";
import { DEFAULT_LOCALE, LOCALES, type Locale } from "@/i18n/locales";
import { ApiError, badRequest, forbidden, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { today } from "@/lib/platform/clock";
import { decryptIdNumber, maskIdNumber } from "@/lib/platform/idNumberCipher";
import type { Download } from "@/lib/platform/http/downloadResponse";
import { uuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { STAFF_READ_ROLES, type Role } from "@/lib/auth/roles";
import { requireFreshProof, type StepUpSubject } from "@/lib/auth/secondFactor/stepUp";
import {
  VESTING_BATCH_STATUSES,
  type VestingBatchDto,
  type VestingBatchStatus,
} from "@/lib/features/vesting-batches/batchDto";
import { getVestingBatch } from "@/lib/features/vesting-batches/queries";
import { batchAdjustmentRows, periodLapses, shareCapitalBefore } from "@/lib/features/vesting-batches/lapseByReason";
import { getRegistrarLayout } from "@/lib/features/vesting-batches/registrarLayout";
import { adjustmentAnnouncement } from "@/lib/features/vesting-batches/announcements/adjustmentAnnouncement";
import type { AnnouncementDocument } from "@/lib/features/vesting-batches/announcements/announcementDocument";
import {
  announcementDownload,
  type AnnouncementFormat,
} from "@/lib/features/vesting-batches/announcements/announcementDownload";
import {
  conditionsAnnouncement,
  lapseAnnouncement,
  resultAnnouncement,
} from "@/lib/features/vesting-batches/announcements/vestingAnnouncements";
import type { BatchRegisterFormat } from "@/lib/features/vesting-batches/registers/batchRegisterFile";
import { capitalVerificationDownload } from "@/lib/features/vesting-batches/registers/capitalVerificationRegister";
import { registrarListDownload, type RegistrarIdentity } from "@/lib/features/vesting-batches/registers/registrarList";
import { withholdingDownload } from "@/lib/features/vesting-batches/registers/withholdingRegister";

/**
 * The documents of a vesting batch (issue #16 items 4 and 5) behind one entry: the registers (验资明细,
 * 代扣代缴明细, 登记明细) as CSV or XLSX and the announcement drafts (归属条件成就, 作废, 归属结果暨股份上市,
 * 调整) as Word or Markdown. Each is refused before the step that fixes its figures, and every download
 * is written to the audit trail before its first byte, with a second entry when full ID numbers are in it.
 */
export const BATCH_DOCUMENT_KINDS = [
  "capital-verification",
  "withholding",
  "registrar-list",
  "announcement-conditions",
  "announcement-lapse",
  "announcement-result",
  "announcement-adjustment",
] as const;
export type BatchDocumentKind = (typeof BATCH_DOCUMENT_KINDS)[number];

const REGISTER_FORMATS = ["csv", "xlsx"] as const;
const ANNOUNCEMENT_FORMATS = ["docx", "md"] as const;
const isRegister = (kind: BatchDocumentKind) => !kind.startsWith("announcement-");

/**
 * The first status each document may be drawn up at: the payment's close fixes the paid shares (验资,
 * 作废), registration the tax and the listing (代扣代缴, 登记明细, 归属结果), the confirmed conditions the
 * vesting list. The adjustment after a corporate action precedes the batch and is never refused.
 */
const AVAILABLE_FROM: Readonly<Record<BatchDocumentKind, VestingBatchStatus>> = {
  "capital-verification": "payment_closed",
  withholding: "registered",
  "registrar-list": "registered",
  "announcement-conditions": "conditions_confirmed",
  "announcement-lapse": "payment_closed",
  "announcement-result": "registered",
  "announcement-adjustment": "draft",
};

/** Path parameters of GET /api/v1/vesting-batches/{batchId}/documents/{kind}. */
export const batchDocumentParams = z.object({ batchId: uuid, kind: z.enum(BATCH_DOCUMENT_KINDS) });

/** Query of the same: the format fits the kind (registers csv|xlsx, announcements docx|md). */
export const batchDocumentQuery = z.object({
  format: z
    .enum([...REGISTER_FORMATS, ...ANNOUNCEMENT_FORMATS])
    .describe("csv or xlsx for the registers; docx or md for the announcements."),
  locale: z
    .enum(LOCALES)
    .optional()
    .describe("Header language of the registers (default zh-CN); announcements are Chinese."),
  includeIdNumbers: z
    .enum(["true", "false"])
    .optional()
    .describe(
      "registrar-list only, admins only: full ID numbers instead of masked ones (audit-logged as its own action).",
    ),
});

export interface BatchDocumentInput {
  kind: BatchDocumentKind;
  format: (typeof REGISTER_FORMATS)[number] | (typeof ANNOUNCEMENT_FORMATS)[number];
  locale?: Locale;
  includeIdNumbers?: boolean;
}

/** The typed input behind a parsed path and query. */
export function batchDocumentInputFromQuery(
  kind: BatchDocumentKind,
  q: z.infer<typeof batchDocumentQuery>,
): BatchDocumentInput {
  return { kind, format: q.format, locale: q.locale, includeIdNumbers: q.includeIdNumbers === "true" };
}

function requireAvailable(batch: VestingBatchDto, kind: BatchDocumentKind): void {
  const from = VESTING_BATCH_STATUSES.indexOf(AVAILABLE_FROM[kind]);
  if (VESTING_BATCH_STATUSES.indexOf(batch.status) >= from) return;
  const expected = VESTING_BATCH_STATUSES.slice(from);
  throw new ApiError(
    "VESTING_BATCH_STATUS",
    `The vesting batch is ${batch.status}; the ${kind} document is available from ${AVAILABLE_FROM[kind]} on.`,
    { status: batch.status, expected },
  );
}

/** Each grantee with paid shares: the ID type and the number, decrypted only when asked for, else masked. */
async function identities(
  db: Database,
  batch: VestingBatchDto,
  decrypt: boolean,
): Promise<Map<string, RegistrarIdentity>> {
  const ids = [...new Set(batch.lines.filter((l) => (l.paidShares ?? 0) > 0).map((l) => l.personId))];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({
      id: persons.id,
      idType: persons.idType,
      enc: persons.idNumberEnc,
      last4: persons.idNumberLast4,
    })
    .from(persons)
    .where(inArray(persons.id, ids));
  return new Map(
    rows.map((r) => {
      const recorded = r.enc !== null || r.last4 !== null;
      // A record made before the type was asked for reads as the resident ID card (db/schema/person.ts).
      const idType = recorded ? (r.idType ?? "resident_id") : null;
      const idNumber = decrypt && r.enc ? decryptIdNumber(r.enc) : maskIdNumber(r.last4) || null;
      return [r.id, { idType, idNumber }];
    }),
  );
}

/**
 * One document of a batch as a download. Staff only (hr, admin, auditor); full ID numbers in the
 * registrar list for admins only (FORBIDDEN otherwise, asked of any kind) after a fresh second factor
 * (STEP_UP_REQUIRED); a kind before its status is VESTING_BATCH_STATUS with {status, expected}; the
 * adjustment announcement without a corporate action to report is NOT_FOUND.
 */
export async function batchDocument(
  db: Database,
  actor: Actor,
  user: { id: string; roles: readonly Role[] } & StepUpSubject,
  batchId: string,
  input: BatchDocumentInput,
): Promise<Download> {
  if (!user.roles.some((r) => STAFF_READ_ROLES.includes(r))) throw forbidden();
  const { kind, format } = input;
  const register = isRegister(kind);
  if (register && !(REGISTER_FORMATS as readonly string[]).includes(format))
    throw badRequest(`The ${kind} register downloads as csv or xlsx.`, { kind, format });
  if (!register && !(ANNOUNCEMENT_FORMATS as readonly string[]).includes(format))
    throw badRequest(`The ${kind} draft downloads as docx or md.`, { kind, format });
  const includeIdNumbers = input.includeIdNumbers ?? false;
  if (includeIdNumbers && !user.roles.includes("admin"))
    throw new ApiError("FORBIDDEN", "Only an administrator may export full ID numbers.");

  const batch = await getVestingBatch(db, batchId);
  requireAvailable(batch, kind);
  const asOf = today();
  const locale = input.locale;
  const announce = async (doc: AnnouncementDocument) => announcementDownload(doc, format as AnnouncementFormat, asOf);
  const sheet = format as BatchRegisterFormat;

  let columns: string[] | undefined;
  let withIds = false;
  let file: Download;
  switch (kind) {
    case "capital-verification":
      file = capitalVerificationDownload(batch, sheet, { locale, asOf });
      break;
    case "withholding":
      file = withholdingDownload(batch, sheet, { locale, asOf });
      break;
    case "registrar-list": {
      columns = (await getRegistrarLayout(db, batch.planId)).columns;
      // ID numbers are decrypted only when the layout has the column: asking otherwise exports nothing more.
      withIds = includeIdNumbers && columns.includes("idNumber");
      if (withIds) await requireFreshProof(db, user);
      file = registrarListDownload(batch, await identities(db, batch, withIds), columns, sheet, {
        locale,
        asOf,
        idNumbersShown: withIds,
      });
      break;
    }
    case "announcement-conditions":
      file = await announce(conditionsAnnouncement(batch));
      break;
    case "announcement-lapse":
      file = await announce(lapseAnnouncement(batch, await periodLapses(db, batch)));
      break;
    case "announcement-result":
      file = await announce(
        resultAnnouncement(batch, await shareCapitalBefore(db, batch.issuerId, batch.registrationDate)),
      );
      break;
    case "announcement-adjustment": {
      const rows = await batchAdjustmentRows(db, batch);
      if (rows.length === 0) throw notFound("Corporate action adjusting the plan's grants before this vesting");
      file = await announce(
        adjustmentAnnouncement(
          { issuerName: batch.issuerName, stockCode: batch.stockCode, planName: batch.planName },
          rows,
        ),
      );
      break;
    }
  }

  const entry = {
    batchNo: batch.batchNo,
    planId: batch.planId,
    kind,
    format,
    ...(register ? { locale: locale ?? DEFAULT_LOCALE } : {}),
    ...(columns ? { columns, includeIdNumbers: withIds } : {}),
  };
  await db.transaction(async (tx) => {
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "vesting_batch.document",
      entityType: "vesting_batch",
      entityId: batch.id,
      ip: actor.ip,
      after: entry,
    });
    if (withIds)
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: "export.id_numbers_included",
        entityType: "vesting_batch",
        entityId: batch.id,
        ip: actor.ip,
        after: entry,
      });
  });
  return file;
}
