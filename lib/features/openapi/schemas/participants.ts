import "server-only";
import { z } from "zod";
import { grantBatchKindEnum, verifyingBodyEnum } from "@/db/schema/enums";
import { isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

const batch = z.enum(grantBatchKindEnum.enumValues);

/** ListEntryDto: one person on a list version. */
export const listEntrySchema = z.object({
  personId: rowId,
  employeeNo: z.string(),
  name: z.string(),
  position: z.string(),
  nationality: z.string(),
  categoryId: rowId,
  categoryCode: z.number().int(),
  quantity: wholeNumber,
});

/** GET /api/v1/plans/{planId}/participants/entries: a page of one version's entries, and which version it is. */
export const listEntryPageSchema = z.object({
  items: z.array(listEntrySchema),
  nextCursor: z
    .string()
    .nullable()
    .describe("Pass as cursor for the next page (of the same version); null on the last."),
  batch,
  version: z.number().int().nullable().describe("The version listed; null when the batch has no list yet."),
});

/** GET /api/v1/plans/{planId}/participants: every version with its entries, the latest per batch, and a diff when asked. */
export const participantVersionsSchema = z.object({
  versions: z.array(
    z.object({
      id: rowId,
      version: z.number().int(),
      batch,
      createdAt: isoInstant,
      sourceFileName: z.string().nullable(),
      entries: z.array(listEntrySchema),
    }),
  ),
  latest: z.object({ first: z.number().int().nullable(), reserved: z.number().int().nullable() }),
  diff: z
    .object({
      batch,
      from: z.number().int(),
      to: z.number().int(),
      added: z.array(listEntrySchema),
      removed: z.array(listEntrySchema),
      changed: z.array(
        z.object({
          personId: rowId,
          employeeNo: z.string(),
          name: z.string(),
          before: z.object({ quantity: wholeNumber, categoryCode: z.number().int() }),
          after: z.object({ quantity: wholeNumber, categoryCode: z.number().int() }),
        }),
      ),
    })
    .optional(),
});

/** ListError: a problem with one row or with the whole list. */
const listErrorSchema = z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()) });

/** ListPreview: the dry run of a list, every problem reported, nothing written. */
export const listPreviewSchema = z.object({
  planId: rowId,
  batch,
  ok: z.boolean(),
  rows: z.array(
    z.object({
      line: z.number().int(),
      employeeNo: z.string(),
      name: z.string(),
      nationality: z.string(),
      position: z.string(),
      personId: rowId.nullable(),
      categoryId: rowId.nullable(),
      categoryCode: z.number().int().nullable(),
      quantity: wholeNumber.nullable(),
      idNumberChecked: z.boolean(),
      errors: z.array(listErrorSchema),
    }),
  ),
  listErrors: z.array(listErrorSchema),
  // ImportWarning: to accept (acceptWarnings) before applying; its text in both languages.
  warnings: z.array(
    z.object({
      code: z.string(),
      text: z.object({ en: z.string(), zh: z.string() }),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  summary: z.object({
    rows: wholeNumber,
    people: wholeNumber,
    total: wholeNumber,
    limit: z.number().int(),
    errorRows: wholeNumber,
  }),
  newPeople: z
    .array(z.string())
    .optional()
    .describe("With createMissingPersons: the employee numbers that would become new person records."),
});

/** ApplyResult: the version now current and whether this request wrote it. */
export const listAppliedSchema = z.object({
  versionId: rowId,
  version: z.number().int(),
  previousVersion: z.number().int().nullable(),
  unchanged: z.boolean(),
  people: wholeNumber,
  total: wholeNumber,
  peopleCreated: wholeNumber.optional().describe("With createMissingPersons: person records created first."),
});

/** VerificationDto: never the attachment bytes, only its name. */
export const verificationSchema = z.object({
  id: rowId,
  planId: rowId,
  listVersionId: rowId,
  listVersion: z.number().int(),
  publicityPeriodId: rowId.nullable(),
  body: z.enum(verifyingBodyEnum.enumValues),
  members: z.string().nullable(),
  opinionDate: isoDay,
  disclosureDate: isoDay,
  generalMeetingDate: isoDay,
  opinion: z.string(),
  attachmentName: z.string().nullable(),
  stale: z.boolean(),
  createdAt: isoInstant,
});
