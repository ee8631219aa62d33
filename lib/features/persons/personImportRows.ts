import "server-only";
import { z } from "zod";
import type { persons } from "@/db/schema";
import { checkIdNumber, normaliseIdNumber, parseIdType, type IdType } from "@/lib/domain/persons/idDocument";
import { parseNationality } from "@/lib/domain/persons/nationality";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import { employeeNumber } from "@/lib/platform/validation/common";
import { PERSON_FLAGS } from "@/lib/features/persons/personSchemas";
import type { PersonField } from "@/lib/features/persons/personColumns";
import type { PersonImportRow } from "@/lib/features/persons/personFile";

type PersonRow = typeof persons.$inferSelect;

/** A problem with one cell or row; codes are stable, messages English (pages show the code's text). */
export interface PersonRowError {
  code: string;
  field: PersonField | null;
  message: string;
  details: Record<string, unknown>;
}

/** What one row would write: the values for the fields it changes, in stored form (ID sealed later). */
export interface PersonRowPlan {
  values: Record<string, unknown>;
  /** The ID number to seal, normalised; only when it differs from the stored one. */
  idNumber: string | null;
  changes: PersonField[];
  errors: PersonRowError[];
}

const YES = new Set(["是", "y", "yes", "true", "1", "√", "✓", "x"]);
const NO = new Set(["否", "n", "no", "false", "0", ""]);
const email = z.string().email().max(200);
const TEXT_LIMITS: Partial<Record<PersonField, number>> = {
  name: 100,
  namePinyin: 100,
  position: 100,
  department: 100,
};

/** A row problem; its code's text in both languages is in messages/hr/people (errors.*). */
export const problem = (
  code: string,
  field: PersonField | null,
  message: string,
  details: Record<string, unknown> = {},
) => ({
  code,
  field,
  message,
  details,
});

/**
 * Reads one row against the person it names (null for a new one). An empty cell leaves a recorded
 * value as it is and gives a new person the default; a new person needs a position.
 */
export function planPersonRow(row: PersonImportRow, current: PersonRow | null): PersonRowPlan {
  const errors: PersonRowError[] = [];
  const values: Record<string, unknown> = {};
  const c = row.cells;
  const has = (f: PersonField) => c[f] !== undefined && c[f] !== "";

  if (!has("employeeNo")) errors.push(problem("MISSING_FIELD", "employeeNo", "The employee no. cell is empty."));
  else if (!employeeNumber.safeParse(c.employeeNo).success)
    errors.push(problem("INVALID_VALUE", "employeeNo", "The employee no. is not valid.", { value: c.employeeNo }));
  if (!has("name")) errors.push(problem("MISSING_FIELD", "name", "The name cell is empty."));
  if (!current && !has("position")) errors.push(problem("MISSING_FIELD", "position", "A new person needs a position."));
  for (const [field, max] of Object.entries(TEXT_LIMITS) as [PersonField, number][]) {
    if (!has(field)) continue;
    if (c[field]!.length > max || c[field]!.includes("\u0000"))
      errors.push(problem("INVALID_VALUE", field, `At most ${max} characters.`, { max }));
    else values[field] = c[field];
  }
  if (has("email")) {
    const e = c.email!.toLowerCase();
    if (email.safeParse(e).success) values.email = e;
    else errors.push(problem("INVALID_EMAIL", "email", "Not an e-mail address.", { value: c.email }));
  }
  if (has("nationality")) {
    const code = parseNationality(c.nationality!);
    if (code) values.nationality = code;
    else
      errors.push(
        problem("INVALID_NATIONALITY", "nationality", "Not a country name or code.", { value: c.nationality }),
      );
  }
  let idType: IdType | null = current?.idType ?? null;
  if (has("idType")) {
    const t = parseIdType(c.idType!);
    if (t) idType = values.idType = t;
    else errors.push(problem("INVALID_ID_TYPE", "idType", "Not a document type.", { value: c.idType }));
  }
  let idNumber: string | null = null;
  if (has("idNumber")) {
    const n = normaliseIdNumber(c.idNumber!);
    const type = idType ?? "resident_id";
    for (const v of checkIdNumber(type, n)) errors.push(problem(v.code, "idNumber", v.message, { ...v.details }));
    const stored = current?.idNumberEnc ? decryptIdNumber(current.idNumberEnc) : null;
    if (stored === null || normaliseIdNumber(stored) !== n) idNumber = n;
    values.idType = type;
  }
  for (const flag of PERSON_FLAGS) {
    const cell = c[flag];
    if (cell === undefined || (cell === "" && current)) continue;
    const v = cell.toLowerCase();
    if (YES.has(v)) values[flag] = true;
    else if (NO.has(v)) values[flag] = false;
    else errors.push(problem("INVALID_FLAG", flag, "Write 是/否 (or Y/N).", { value: cell }));
  }
  if (!current) {
    values.employeeNo = c.employeeNo;
    values.nationality ??= "CN";
  }
  const changes = (Object.keys(values) as PersonField[]).filter(
    (f) => f !== "employeeNo" && (!current || values[f] !== current[f as keyof PersonRow]),
  );
  if (idNumber !== null && !changes.includes("idNumber")) changes.push("idNumber");
  if (current && !changes.includes("idType") && values.idType === current.idType) delete values.idType;
  for (const f of Object.keys(values)) if (current && !changes.includes(f as PersonField)) delete values[f];
  return { values, idNumber, changes, errors };
}
