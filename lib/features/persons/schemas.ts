import "server-only";
import { z } from "zod";
import { isoDate } from "@/lib/platform/validation/common";

/** Body of POST /api/v1/persons/{personId}/leave. */
export const recordLeaverSchema = z.object({ leaveDate: isoDate });
export type RecordLeaverInput = z.infer<typeof recordLeaverSchema>;
