import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { badRequest } from "@/lib/platform/errors/apiError";
import { jsonPrivate } from "@/lib/platform/http/apiResponse";
import { confirmVestingRun, previewVestingRun } from "@/lib/features/vesting/vestingRun";
import { listVestingRuns } from "@/lib/features/vesting/vestingRunReads";
import { looksLikeXlsx } from "@/lib/features/participants/xlsx";
import { parseGradesXlsx } from "@/lib/features/vesting/vestingGrades";

export const dynamic = "force-dynamic";

const MAX_UPLOAD_BYTES = 10_000_000;

/** GET /api/v1/plans/{planId}/vesting-runs: the plan's recorded runs (staff). */
export const GET = route(api.listVestingRuns, async ({ db, params }) => ({
  items: await listVestingRuns(db, params.planId),
}));

/**
 * POST /api/v1/plans/{planId}/vesting-runs: {batch, categoryId, trancheIndex, vestingDate, companyRatio, fiscalYear,
 * grades, confirm?}. Without confirm: the preview (200); with confirm: recorded (201). Multipart is accepted too:
 * field "input" (that JSON without grades) and file "grades" (XLSX with 工号 / 考核等级 columns).
 */
export const POST = route(api.runVesting, async ({ db, actor, params, body, req }) => {
  // A multipart upload is read here (route() parses JSON only), then validated by the same schema.
  const { confirm, ...input } = body ?? api.runVesting.body.parse(await fromMultipart(req));
  if (confirm === true) return jsonPrivate(await confirmVestingRun(db, actor, params.planId, input), 201);
  return previewVestingRun(db, params.planId, input);
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
