import { route } from "@/lib/auth/procedures/route";
import { publicityOperations as api } from "@/lib/features/openapi/operations/publicity";
import { clientIp } from "@/lib/platform/http/apiResponse";
import { fileObjection } from "@/lib/features/publicity/commands";
import { listObjections } from "@/lib/features/publicity/objectionInbox";

export const dynamic = "force-dynamic";

/** POST /api/v1/publicity-periods/{id}/objections: files an objection and answers with its receipt. */
export const POST = route(api.fileObjection, async ({ params, body, req }) =>
  fileObjection(params.periodId, body, clientIp(req)),
);

/** GET /api/v1/publicity-periods/{id}/objections?status=&q=&cursor=&limit=: a page of the inbox with each filer, for HR, admins and auditors only. */
export const GET = route(api.listObjections, async ({ db, params, query }) =>
  listObjections(db, params.periodId, query),
);
