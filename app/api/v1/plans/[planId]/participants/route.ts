import { z } from "zod";
import { badRequest, notFound } from "@/lib/platform/errors/apiError";
import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import {
  applyParticipants, batchSchema, listParticipantVersions, listVersionDiff, parseParticipantFile, participantsBodySchema,
  previewParticipants, rowsFromJson, MAX_LIST_FILE_BYTES, type ListBatch, type ParticipantRow,
} from "@/lib/features/participants/participantImport";
import { diffBounds, participantVersionsQuery } from "@/lib/features/participants/listVersions";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { isUuid, parseQuery } from "@/lib/platform/validation/common";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ planId: string }> };

async function planIdOf(ctx: Ctx): Promise<string> {
  const { planId } = await ctx.params;
  if (!isUuid(planId)) throw notFound("Plan");
  return planId;
}

/** GET /api/v1/plans/{planId}/participants[?batch=&from=&to=]: list versions with entries, latest per batch, and a diff when from/to are given. */
export const GET = apiRoute(async (req: Request, ctx: Ctx) => {
  await requireUser(...STAFF_READ_ROLES);
  const planId = await planIdOf(ctx);
  const query = parseQuery(participantVersionsQuery, req.url);
  const batch = query.batch || undefined;
  const database = await db();
  const body: Record<string, unknown> = await listParticipantVersions(database, planId, batch);
  const bounds = diffBounds(query.from ?? null, query.to ?? null);
  if (bounds) body.diff = await listVersionDiff(database, planId, batch ?? "first", bounds.from, bounds.to);
  return jsonPrivate(body);
});

/**
 * POST /api/v1/plans/{planId}/participants: JSON {rows, dryRun?, batch?} or multipart (file, batch?, dryRun?).
 * dryRun -> 200 with the preview; otherwise 201 with the applied version (unchanged: true when identical).
 */
export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const actor = await staffActor(req);
  const planId = await planIdOf(ctx);
  const { rows, batch, dryRun, sourceFileName } = await readListRequest(req);
  const database = await db();
  if (dryRun) return jsonPrivate(await previewParticipants(database, planId, batch, rows));
  return jsonPrivate(await applyParticipants(database, actor, planId, batch, rows, sourceFileName), 201);
});

const flag = z.enum(["true", "false", "1", "0", "on"]).optional().transform((v) => v === "true" || v === "1" || v === "on");

async function readListRequest(req: Request): Promise<{ rows: ParticipantRow[]; batch: ListBatch; dryRun: boolean; sourceFileName?: string }> {
  if ((req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
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
    };
  }
  const body = participantsBodySchema.parse(await readJson(req));
  return { rows: rowsFromJson(body.rows), batch: body.batch ?? "first", dryRun: body.dryRun ?? false, sourceFileName: body.sourceFileName };
}
