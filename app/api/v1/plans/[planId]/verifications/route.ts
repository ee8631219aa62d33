import { route } from "@/lib/auth/procedures/route";
import { plansOperations as api } from "@/lib/features/openapi/operations/plans";
import { listVerifications, MAX_ATTACHMENT_BYTES, recordVerification } from "@/lib/features/publicity/verification";

export const dynamic = "force-dynamic";

// The body may carry a 5 MB attachment as base64 (4/3 larger), beyond the general 1 MB limit of a JSON body.
const MAX_BODY_CHARS = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 100_000;

/** POST /api/v1/plans/{planId}/verifications: records the verification opinion -> 201 record (attachmentName, never the bytes). */
export const POST = route(
  { ...api.recordVerification, maxBodyChars: MAX_BODY_CHARS },
  async ({ db, actor, params, body }) => recordVerification(db, actor, params.planId, body),
);

/** GET /api/v1/plans/{planId}/verifications: the plan's records, newest first, each with its `stale` flag. */
export const GET = route(api.listVerifications, async ({ db, params }) => ({
  items: await listVerifications(db, params.planId),
}));
