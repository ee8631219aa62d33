import "server-only";
import { z } from "zod";
import { batchSchema } from "@/lib/features/participants/rowShape";

/**
 * Query of GET /api/v1/plans/{planId}/participants: an optional batch (empty means all) and, for a diff,
 * two version numbers, which diffBounds checks as a pair.
 */
export const participantVersionsQuery = z.object({
  batch: z.union([batchSchema, z.literal("")]).optional(),
  from: z.string().optional().describe("Version number to diff from; give `to` with it."),
  to: z.string().optional().describe("Version number to diff to; give `from` with it."),
});

/** Query of GET /api/v1/plans/{planId}/participants/template: the file format, XLSX unless CSV is asked for. */
export const participantTemplateQuery = z.object({
  format: z.enum(["xlsx", "csv"]).default("xlsx").describe("xlsx (with a notes sheet) or csv (UTF-8 with BOM)."),
});
