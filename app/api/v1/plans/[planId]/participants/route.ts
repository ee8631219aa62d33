import { z } from "zod";
import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { badRequest } from "@/lib/platform/errors/apiError";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import {
  applyParticipants,
  batchSchema,
  listParticipantVersions,
  listVersionDiff,
  parseParticipantFile,
  previewParticipants,
  rowsFromJson,
  MAX_LIST_FILE_BYTES,
  type ListBatch,
  type ParticipantRow,
} from "@/lib/features/participants/participantImport";
import { diffBounds } from "@/lib/features/participants/listVersions";
import { applyParticipantsWithNewPeople, previewParticipantsWithNewPeople } from "@/lib/features/persons/listNewPeople";
import { acceptedWarningsOfForm } from "@/lib/features/imports/importWarnings";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/participants[?batch=&from=&to=]: list versions with entries, latest per batch, and a diff when from/to are given. */
export const GET = route(api.listParticipantVersions, async ({ db, params, query }) => {
  const batch = query.batch || undefined;
  const body: Record<string, unknown> = await listParticipantVersions(db, params.planId, batch);
  const bounds = diffBounds(query.from ?? null, query.to ?? null);
  if (bounds) body.diff = await listVersionDiff(db, params.planId, batch ?? "first", bounds.from, bounds.to);
  return body;
});

/**
 * POST /api/v1/plans/{planId}/participants: JSON {rows, dryRun?, batch?, acceptWarnings?} or multipart
 * (file, batch?, dryRun?, acceptWarnings?). dryRun -> 200 with the preview and its warnings; otherwise 201
 * with the applied version (unchanged: true when identical), refused while a warning is not accepted.
 */
export const POST = route(api.importParticipants, async ({ db, actor, params, body, req }) => {
  const { rows, batch, dryRun, sourceFileName, acceptWarnings, createMissingPersons } = body
    ? {
        rows: rowsFromJson(body.rows),
        batch: body.batch ?? "first",
        dryRun: body.dryRun ?? false,
        sourceFileName: body.sourceFileName,
        acceptWarnings: body.acceptWarnings ?? [],
        createMissingPersons: body.createMissingPersons ?? false,
      }
    : await readListUpload(req);
  if (createMissingPersons) {
    if (dryRun) return previewParticipantsWithNewPeople(db, actor, params.planId, batch, rows);
    return jsonPrivate(
      await applyParticipantsWithNewPeople(db, actor, params.planId, batch, rows, sourceFileName, { acceptWarnings }),
      201,
    );
  }
  if (dryRun) return previewParticipants(db, params.planId, batch, rows);
  return jsonPrivate(
    await applyParticipants(db, actor, params.planId, batch, rows, sourceFileName, { acceptWarnings }),
    201,
  );
});

const flag = z
  .enum(["true", "false", "1", "0", "on"])
  .optional()
  .transform((v) => v === "true" || v === "1" || v === "on");

/** A multipart upload (route() parses JSON bodies only): the list file and its form fields. */
async function readListUpload(req: Request): Promise<{
  rows: ParticipantRow[];
  batch: ListBatch;
  dryRun: boolean;
  sourceFileName?: string;
  acceptWarnings: string[];
  createMissingPersons: boolean;
}> {
  const length = Number(req.headers.get("content-length") ?? 0);
  if (length > MAX_LIST_FILE_BYTES + 100_000) throw badRequest("The file is larger than 5 MB.");
  const form = await req.formData().catch(() => {
    throw badRequest("The upload is not valid multipart form data.");
  });
  const file = form.get("file");
  if (!(file instanceof File)) throw badRequest('Attach the list as the "file" field.');
  const rows = await parseParticipantFile(new Uint8Array(await file.arrayBuffer()), file.name);
  return {
    rows,
    batch: batchSchema.parse(form.get("batch") || "first"),
    dryRun: flag.parse(form.get("dryRun") ?? undefined),
    sourceFileName: file.name.slice(0, 200) || undefined,
    acceptWarnings: acceptedWarningsOfForm(form),
    createMissingPersons: flag.parse(form.get("createMissingPersons") ?? undefined),
  };
}
