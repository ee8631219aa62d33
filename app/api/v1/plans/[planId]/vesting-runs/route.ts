import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { badRequest, notFound } from "@/lib/platform/errors/apiError";
import { db } from "@/lib/platform/db";
import { confirmVestingRun, listVestingRuns, previewVestingRun, vestingRunRequestBody } from "@/lib/features/vesting/vestingRun";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { readJson } from "@/lib/platform/http/requestBody";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { isUuid } from "@/lib/platform/validation/common";
import { looksLikeXlsx } from "@/lib/features/participants/xlsx";
import { parseGradesXlsx } from "@/lib/features/vesting/vestingGrades";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ planId: string }> };
const MAX_UPLOAD_BYTES = 10_000_000;

/** GET /api/v1/plans/{planId}/vesting-runs: the plan's recorded runs (staff). */
export const GET = apiRoute(async (_req: Request, ctx: Ctx) => {
  await requireUser(...STAFF_READ_ROLES);
  const { planId } = await ctx.params;
  if (!isUuid(planId)) throw notFound("Plan");
  return jsonPrivate({ items: await listVestingRuns(await db(), planId) });
});

/**
 * POST /api/v1/plans/{planId}/vesting-runs: {batch, categoryId, trancheIndex, vestingDate, companyRatio, fiscalYear,
 * grades, confirm?}. Without confirm: the preview (200); with confirm: recorded (201). Multipart is accepted too:
 * field "input" (that JSON without grades) and file "grades" (XLSX with 工号 / 考核等级 columns).
 */
export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const actor = await staffActor(req);
  const { planId } = await ctx.params;
  if (!isUuid(planId)) throw notFound("Plan");
  const raw = (req.headers.get("content-type") ?? "").startsWith("multipart/form-data") ? await fromMultipart(req) : await readJson(req);
  const { confirm, ...input } = vestingRunRequestBody.parse(raw);
  const database = await db();
  if (confirm === true) return jsonPrivate(await confirmVestingRun(database, actor, planId, input), 201);
  return jsonPrivate(await previewVestingRun(database, planId, input));
});

async function fromMultipart(req: Request): Promise<unknown> {
  const form = await req.formData();
  const text = form.get("input");
  const file = form.get("grades");
  if (typeof text !== "string") throw badRequest('The multipart field "input" (JSON) is missing.');
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch {
    throw badRequest('The multipart field "input" is not valid JSON.');
  }
  if (!(file instanceof File)) return input;
  if (file.size > MAX_UPLOAD_BYTES) throw badRequest("The grades file is too large.");
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (!looksLikeXlsx(bytes)) throw badRequest("The grades file must be an XLSX workbook.");
  return { ...(input as object), grades: await parseGradesXlsx(bytes) };
}
