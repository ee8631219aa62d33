import "server-only";
import { z } from "zod";
import { uuid } from "@/lib/platform/validation/common";

export const REGISTERS = ["grants", "vesting", "allocation"] as const;
export const EXPORT_FORMATS = ["csv", "xlsx", "ocf"] as const;
/** Query of GET /api/v1/exports/register. An empty planId (the form's "all plans") means every plan. */
export const registerExportQuerySchema = z.object({
  register: z.enum(REGISTERS).default("grants"),
  format: z.enum(EXPORT_FORMATS),
  planId: z.union([uuid, z.literal("")]).optional(),
  includeIdNumbers: z.enum(["true", "false"]).optional(),
});
