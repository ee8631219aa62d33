import { badRequest } from "@/lib/platform/errors/apiError";
import { apiRoute, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { db } from "@/lib/platform/db";
import { staffActor } from "@/lib/auth/procedures/staffRoute";
import { listVerifications, MAX_ATTACHMENT_BYTES, recordVerification, recordVerificationBody } from "@/lib/features/publicity/verification";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ planId: string }> };

// The body may carry a 5 MB attachment as base64 (4/3 larger), beyond readJson's general 1 MB limit.
const MAX_BODY_CHARS = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 100_000;

async function readLargeJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY_CHARS) throw badRequest("The request body is too large.");
  try {
    return JSON.parse(text);
  } catch {
    throw badRequest("The request body is not valid JSON.");
  }
}

/** POST /api/v1/plans/{planId}/verifications: records the verification opinion -> 201 record (attachmentName, never the bytes). */
export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const actor = await staffActor(req);
  const { planId } = await ctx.params;
  const body = recordVerificationBody.parse(await readLargeJson(req));
  return jsonPrivate(await recordVerification(await db(), actor, planId, body), 201);
});

/** GET /api/v1/plans/{planId}/verifications: the plan's records, newest first, each with its `stale` flag. */
export const GET = apiRoute(async (_req: Request, ctx: Ctx) => {
  await requireUser(...STAFF_READ_ROLES);
  const { planId } = await ctx.params;
  return jsonPrivate({ items: await listVerifications(await db(), planId) });
});
