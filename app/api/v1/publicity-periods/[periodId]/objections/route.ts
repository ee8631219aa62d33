import { apiRoute, clientIp, jsonPrivate } from "@/lib/platform/http/apiResponse";
import { fileObjection, objectionBody } from "@/lib/features/publicity/queries";
import { readJson } from "@/lib/platform/http/requestBody";
import { db } from "@/lib/platform/db";
import { listObjections } from "@/lib/features/publicity/commands";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";

export const dynamic = "force-dynamic";

/** POST /api/v1/publicity-periods/{id}/objections: files an objection and answers with its receipt. */
export const POST = apiRoute(async (req: Request, ctx: { params: Promise<{ periodId: string }> }) => {
  await requireUser();
  const { periodId } = await ctx.params;
  return jsonPrivate(await fileObjection(periodId, objectionBody.parse(await readJson(req)), clientIp(req)), 201);
});

/** GET /api/v1/publicity-periods/{id}/objections: the objection inbox with each filer, for HR, admins and auditors only. */
export const GET = apiRoute(async (_req: Request, ctx: { params: Promise<{ periodId: string }> }) => {
  await requireUser(...STAFF_READ_ROLES);
  const { periodId } = await ctx.params;
  return jsonPrivate({ items: await listObjections(await db(), periodId) });
});
