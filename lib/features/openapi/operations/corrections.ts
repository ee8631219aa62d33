import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { uuid } from "@/lib/platform/validation/common";
import { voidBatchBody } from "@/lib/features/grants/batchVoid";
import { reverseRunBody } from "@/lib/features/vesting/vestingRunReversal";
import { batchVoidSchema, vestingRunReversalSchema } from "@/lib/features/openapi/schemas/corrections";

const batchParams = z.object({ batchId: uuid });
const runParams = z.object({ runId: uuid });

/** Corrections of records made by mistake (issue #21): each is a new record, audited; nothing is deleted. */
export const correctionsOperations = {
  voidGrantBatch: {
    method: "post",
    path: "/api/v1/grant-batches/{batchId}/void",
    operationId: "voidGrantBatch",
    summary: "Voids a grant batch recorded by mistake, before any of its tranches vested",
    tags: ["Grants"],
    access: "staffWrite",
    params: batchParams,
    body: voidBatchBody,
    responses: {
      201: {
        description:
          "Voided: its grants stay, every tranche lapsed as voided, the caps and reserve freed, grantees told.",
        schema: batchVoidSchema,
      },
      400: { description: "No reason given (BAD_REQUEST)." },
      404: { description: "No such batch (NOT_FOUND)." },
      409: { description: "Already voided (BATCH_ALREADY_VOIDED)." },
      422: { description: "A tranche of the batch has vested (BATCH_HAS_VESTED_TRANCHES, with the vested count)." },
    },
  },
  reverseVestingRun: {
    method: "post",
    path: "/api/v1/vesting-runs/{runId}/reversal",
    operationId: "reverseVestingRun",
    summary: "Reverses a vesting run: its tranches are no longer vested and the period can be run again",
    tags: ["Vesting"],
    access: "staffWrite",
    params: runParams,
    body: reverseRunBody,
    responses: {
      201: {
        description: "Reversed: the run stays with a reversal record, tranches re-derived, grantees told.",
        schema: vestingRunReversalSchema,
      },
      400: { description: "No reason given (BAD_REQUEST)." },
      404: { description: "No such run (NOT_FOUND)." },
      409: { description: "Already reversed (RUN_ALREADY_REVERSED)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(correctionsOperations);
