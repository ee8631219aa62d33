import { z } from "zod";
import { route } from "@/lib/auth/procedures/route";
import { personsOperations as api } from "@/lib/features/openapi/operations/persons";
import { badRequest } from "@/lib/platform/errors/apiError";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import {
  MAX_PERSON_FILE_BYTES,
  parsePersonFile,
  personTableFromJson,
  type PersonTable,
} from "@/lib/features/persons/personFile";
import { applyPersonImport, previewPersonImport } from "@/lib/features/persons/personImport";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/persons/import: JSON {rows, dryRun?} or multipart (file, dryRun?). dryRun -> 200 with the
 * preview; otherwise 201 with what was written, all or nothing.
 */
export const POST = route(api.importPersons, async ({ db, actor, body, req }) => {
  const { table, dryRun, sourceFileName } = body
    ? { table: personTableFromJson(body.rows), dryRun: body.dryRun ?? false, sourceFileName: body.sourceFileName }
    : await readUpload(req);
  if (dryRun) return previewPersonImport(db, table);
  return jsonPrivate(await applyPersonImport(db, actor, table, sourceFileName), 201);
});

const flag = z
  .enum(["true", "false", "1", "0", "on"])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "on");

/** A multipart upload (route() parses JSON bodies only): the file and its form fields. */
async function readUpload(req: Request): Promise<{ table: PersonTable; dryRun: boolean; sourceFileName?: string }> {
  if (Number(req.headers.get("content-length") ?? 0) > MAX_PERSON_FILE_BYTES + 100_000)
    throw badRequest("The file is larger than 5 MB.");
  const form = await req.formData().catch(() => {
    throw badRequest("The upload is not valid multipart form data.");
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw badRequest('Attach the people file as the "file" field.');
  return {
    table: await parsePersonFile(new Uint8Array(await file.arrayBuffer()), file.name),
    dryRun: flag.parse(form.get("dryRun") ?? undefined),
    sourceFileName: file.name.slice(0, 200) || undefined,
  };
}
