import "server-only";
import { z } from "zod";
import { ID_TYPES } from "@/lib/domain/persons/idDocument";
import { PERSON_FLAGS } from "@/lib/features/persons/personSchemas";
import { PERSON_COLUMNS } from "@/lib/features/persons/personColumns";
import { isoDay, isoInstant, rowId, wholeNumber } from "@/lib/features/openapi/schemas/primitives";

const field = z.enum(PERSON_COLUMNS.map((c) => c.field) as [string, ...string[]]);

/** PersonDto: a person record; the ID number only masked. */
export const personSchema = z.object({
  id: rowId,
  employeeNo: z.string(),
  name: z.string(),
  namePinyin: z.string().nullable(),
  position: z.string(),
  department: z.string().nullable(),
  email: z.string().nullable(),
  nationality: z.string().describe("ISO 3166-1 alpha-2, e.g. CN."),
  idType: z.enum(ID_TYPES).nullable(),
  idNumberMasked: z.string().nullable().describe("Only the last four characters are shown."),
  flags: z.object(Object.fromEntries(PERSON_FLAGS.map((f) => [f, z.boolean()]))),
  employmentStatus: z.enum(["active", "left"]),
  leaveDate: isoDay.nullable(),
  userId: rowId.nullable().describe("The portal account linked to the person, if any."),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});

/** A page of people: next page with ?cursor=nextCursor; null on the last page. */
export const personPageSchema = z.object({ items: z.array(personSchema), nextCursor: z.string().nullable() });

/** PATCH answer: the record, and whether anything changed. */
export const personUpdatedSchema = personSchema.extend({ unchanged: z.boolean() });

const rowError = z.object({ code: z.string(), field: field.nullable(), message: z.string(), details: z.unknown() });

/** The dry run of a people file. */
export const personImportPreviewSchema = z.object({
  ok: z.boolean(),
  columns: z.array(field),
  rows: z.array(
    z.object({
      line: z.number().int(),
      employeeNo: z.string(),
      name: z.string(),
      personId: rowId.nullable(),
      action: z.enum(["create", "update", "unchanged"]),
      changes: z.array(field),
      errors: z.array(rowError),
    }),
  ),
  summary: z.object({
    rows: wholeNumber,
    create: wholeNumber,
    update: wholeNumber,
    unchanged: wholeNumber,
    errorRows: wholeNumber,
  }),
});

/** What applying a people file wrote. */
export const personImportResultSchema = z.object({
  created: wholeNumber,
  updated: wholeNumber,
  unchanged: wholeNumber,
});

/** What inviting a batch's grantees did. */
export const batchInvitationSchema = z.object({
  batchId: rowId,
  invited: z.array(z.object({ employeeNo: z.string(), name: z.string(), email: z.string(), expiresAt: isoInstant })),
  skipped: z.array(
    z.object({ employeeNo: z.string(), name: z.string(), reason: z.enum(["has_account", "no_email", "email_taken"]) }),
  ),
});
