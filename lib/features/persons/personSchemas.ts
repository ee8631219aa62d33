import "server-only";
import { z } from "zod";
import { ID_TYPES } from "@/lib/domain/persons/idDocument";
import { employeeNumber, text } from "@/lib/platform/validation/common";

/** The flags that decide eligibility and disclosure (directors and senior managers are named in announcements). */
export const PERSON_FLAGS = [
  "isDirector",
  "isSeniorManager",
  "isCoreTechnician",
  "isForeign",
  "isIndependentDirector",
  "isSupervisor",
  "isMajorHolder",
  "isActualControllerOrRelative",
] as const;
export type PersonFlag = (typeof PERSON_FLAGS)[number];

/** Every field a people file or import body may fill, in template order. */
export const PERSON_IMPORT_FIELDS = [
  "employeeNo",
  "name",
  "namePinyin",
  "position",
  "department",
  "email",
  "nationality",
  "idType",
  "idNumber",
  ...PERSON_FLAGS,
] as const;

const flags = Object.fromEntries(PERSON_FLAGS.map((f) => [f, z.boolean()])) as Record<PersonFlag, z.ZodBoolean>;

/** ISO 3166-1 alpha-2, as stored: "CN". */
export const nationalityCode = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, { message: 'Expected a two-letter country code, e.g. "CN".' })
  .transform((v) => v.toUpperCase());

const personFields = {
  employeeNo: employeeNumber,
  name: text().min(1).max(100),
  namePinyin: text().max(100).nullable(),
  position: text().min(1).max(100),
  department: text().max(100).nullable(),
  email: z.string().trim().toLowerCase().email().max(200).nullable(),
  nationality: nationalityCode,
  idType: z.enum(ID_TYPES).nullable(),
  /** Sent in the clear over TLS, stored encrypted; null removes it. */
  idNumber: text().min(1).max(40).nullable(),
  ...flags,
};

/** Body of POST /api/v1/persons: employee no., name and position required; the rest optional. */
export const createPersonSchema = z.object(personFields).partial().required({
  employeeNo: true,
  name: true,
  position: true,
});
export type CreatePersonInput = z.infer<typeof createPersonSchema>;

/** Body of PATCH /api/v1/persons/{personId}: any of the fields; an absent field is left as it is. */
export const updatePersonSchema = z.object(personFields).partial();
export type UpdatePersonInput = z.infer<typeof updatePersonSchema>;

/** Query of GET /api/v1/persons. */
export const listPersonsQuery = z.object({
  q: text().max(60).optional(),
  status: z.enum(["active", "left"]).optional(),
  flag: z.enum(PERSON_FLAGS).optional(),
  department: text().max(100).optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});
export type ListPersonsQuery = z.infer<typeof listPersonsQuery>;

const importCell = z
  .union([z.string().max(200), z.number(), z.boolean()])
  .nullable()
  .transform((v) => (v === null ? "" : String(v).trim()));

/** Body of POST /api/v1/persons/import as JSON: rows keyed by the template's field names. */
export const personImportBodySchema = z.object({
  rows: z.array(z.partialRecord(z.enum(PERSON_IMPORT_FIELDS), importCell)).max(10_000),
  dryRun: z.boolean().optional(),
  sourceFileName: text().max(200).optional(),
});
export type PersonImportBody = z.infer<typeof personImportBodySchema>;
