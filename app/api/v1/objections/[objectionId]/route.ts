import { route } from "@/lib/auth/procedures/route";
import { publicityOperations as api } from "@/lib/features/openapi/operations/publicity";
import { answerObjection } from "@/lib/features/publicity/commands";

export const dynamic = "force-dynamic";

/** PATCH /api/v1/objections/{id} {status: "answered"|"upheld", response}: HR's answer; upheld means a new list version must follow. */
export const PATCH = route(api.answerObjection, async ({ db, actor, params, body }) =>
  answerObjection(db, actor, params.objectionId, body),
);
