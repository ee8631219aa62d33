import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/platform/errors/apiError";

/**
 * Something in an import that is not an error but changes what is recorded or published, so a person
 * must accept it before the import is applied. Its text travels in both languages, as the preview shows it.
 */
export interface ImportWarning {
  code: string;
  text: { en: string; zh: string };
  details: Record<string, unknown>;
}

/** A warning with its texts; details default to none. */
export function importWarning(
  code: string,
  text: ImportWarning["text"],
  details: Record<string, unknown> = {},
): ImportWarning {
  return { code, text, details };
}

/** The warning codes a request accepts: `acceptWarnings: ["POSITION_COLUMN_MISSING"]`. */
export const acceptWarningsSchema = z
  .array(z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/))
  .max(20)
  .describe("Codes of the preview's warnings the caller accepts; applying is refused while one is not accepted.");

/** The accepted codes of a multipart form: repeated `acceptWarnings` fields, or one comma-separated field. */
export function acceptedWarningsOfForm(form: FormData): string[] {
  const codes = form
    .getAll("acceptWarnings")
    .flatMap((v) => (typeof v === "string" ? v.split(",") : []))
    .map((v) => v.trim())
    .filter(Boolean);
  return acceptWarningsSchema.parse(codes);
}

/**
 * Refuses (WARNINGS_NOT_ACCEPTED) while any warning is not accepted. Call it inside the write's
 * transaction before the first write, so a refusal leaves nothing behind.
 */
export function assertWarningsAccepted(warnings: readonly ImportWarning[], accepted: readonly string[]): void {
  const open = warnings.filter((w) => !accepted.includes(w.code));
  if (open.length === 0) return;
  const codes = open.map((w) => w.code);
  throw new ApiError(
    "WARNINGS_NOT_ACCEPTED",
    `Accept the preview's warnings to apply (acceptWarnings: ${codes.join(", ")}); nothing was written. ${open.map((w) => w.text.en).join(" ")}`,
    { unaccepted: codes, warnings: open },
  );
}
