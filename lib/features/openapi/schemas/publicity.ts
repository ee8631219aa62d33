import "server-only";
import { z } from "zod";
import { grantBatchKindEnum, objectionStatusEnum, publicityStatusEnum } from "@/db/schema/enums";
import { isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

/** PublicityNotice (lib/features/publicity/publicityQueries.ts): names and positions only, with the caller's own receipts. */
export const publicityNoticeSchema = z.object({
  id: rowId,
  planName: z.string(),
  planNameEn: z.string(),
  startDate: isoDay,
  endDate: isoDay,
  channel: z.string(),
  entries: z.array(z.object({ name: z.string(), position: z.string() })),
  myObjections: z.array(
    z.object({ receiptNo: z.string(), createdAt: isoInstant, status: z.enum(objectionStatusEnum.enumValues) }),
  ),
});

const periodFields = {
  id: rowId,
  planId: rowId,
  listVersionId: rowId,
  startDate: isoDay,
  endDate: isoDay,
  channel: z.string(),
};

/** PublicityPeriodDto: a period as opened. */
export const publicityPeriodSchema = z.object({ ...periodFields, status: z.enum(publicityStatusEnum.enumValues) });

/** A period in the plan's list, with objection counts (listPublicityPeriods). */
export const publicityPeriodListItemSchema = z.object({
  ...periodFields,
  status: z.enum(publicityStatusEnum.enumValues),
  summary: z.string().nullable(),
  closedAt: isoInstant.nullable(),
  planName: z.string(),
  planNameEn: z.string(),
  listVersion: z.number().int(),
  batch: z.enum(grantBatchKindEnum.enumValues),
  objectionCounts: z.object({ open: wholeNumber, answered: wholeNumber, upheld: wholeNumber, total: wholeNumber }),
});

/** POST /api/v1/publicity-periods/{periodId}/close. */
export const closedPublicityPeriodSchema = z.object({
  ...periodFields,
  status: z.literal("closed"),
  summary: z.string(),
  closedAt: isoInstant,
});

/** POST /api/v1/publicity-periods/{periodId}/objections: the filer's receipt. */
export const objectionReceiptSchema = z.object({
  id: rowId,
  receiptNo: z.string(),
  publicityPeriodId: rowId,
  createdAt: isoInstant,
  status: z.literal("open"),
});

/** The objection inbox, with the filer: staff only. */
export const objectionSchema = z.object({
  id: rowId,
  receiptNo: z.string(),
  text: z.string(),
  status: z.enum(objectionStatusEnum.enumValues),
  response: z.string().nullable(),
  answeredAt: isoInstant.nullable(),
  createdAt: isoInstant,
  filerName: z.string(),
  filerEmail: z.string(),
  filerEmployeeNo: z.string().nullable(),
});
/** A page of the inbox: next page with ?cursor=nextCursor; null on the last page. */
export const objectionPageSchema = z.object({ items: z.array(objectionSchema), nextCursor: z.string().nullable() });

/** PATCH /api/v1/objections/{objectionId}: the answer; upheld means a new list version must follow. */
export const objectionAnswerSchema = z.object({
  id: rowId,
  publicityPeriodId: rowId,
  receiptNo: z.string(),
  status: z.enum(["answered", "upheld"]),
  response: z.string(),
  answeredAt: isoInstant,
  listChangeRequired: z.boolean(),
});
