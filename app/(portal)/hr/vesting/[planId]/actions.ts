"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { badRequest } from "@/lib/platform/errors/apiError";
import { action } from "@/lib/auth/procedures/action";
import { looksLikeXlsx } from "@/lib/features/participants/xlsx";
import { confirmVestingRun, previewVestingRun } from "@/lib/features/vesting/vestingRun";
import { vestingRunSchema } from "@/lib/features/vesting/schemas";
import { uuid } from "@/lib/platform/validation/common";
import { parseGradesCsv, parseGradesXlsx } from "@/lib/features/vesting/vestingGrades";
import { reverseRunBody, reverseVestingRun } from "@/lib/features/vesting/vestingRunReversal";

const runInput = z.object({ planId: uuid, input: vestingRunSchema });

/** Preview of a run (same service as POST /api/v1/plans/{planId}/vesting-runs without confirm). */
export const previewVestingAction = action(
  { access: "staffWrite", input: runInput },
  async ({ db, input: { planId, input } }) => previewVestingRun(db, planId, input),
);

/** Records a run (POST /api/v1/plans/{planId}/vesting-runs with confirm: true). */
export const confirmVestingAction = action(
  { access: "staffWrite", input: runInput },
  async ({ db, actor, input: { planId, input } }) => {
    const result = await confirmVestingRun(db, actor, planId, input);
    revalidatePath(`/hr/vesting/${planId}`);
    return { runId: result.runId, totals: result.totals };
  },
);

/** Reads grades from an uploaded XLSX (base64) or pasted CSV text. */
export const parseGradesAction = action(
  { access: "staffWrite", input: z.object({ kind: z.enum(["xlsx", "csv"]), data: z.string().max(14_000_000) }) },
  async ({ input: { kind, data } }) => {
    if (kind === "csv") return parseGradesCsv(data);
    const bytes = new Uint8Array(Buffer.from(data, "base64"));
    if (!looksLikeXlsx(bytes)) throw badRequest("The file must be an XLSX workbook.");
    return parseGradesXlsx(bytes);
  },
);

/** Reverses a run (same service as POST /api/v1/vesting-runs/{runId}/reversal). */
export const reverseRunAction = action(
  { access: "staffWrite", input: reverseRunBody.extend({ planId: uuid, runId: uuid }) },
  async ({ db, actor, input: { planId, runId, reason } }) => {
    const result = await reverseVestingRun(db, actor, runId, { reason });
    revalidatePath(`/hr/vesting/${planId}`);
    return { vestedBefore: result.vestedBefore };
  },
);
