import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { isoDay, rowId } from "@/lib/features/openapi/schemas/primitives";

const agendaSchema = z.object({
  asOf: isoDay,
  horizonDays: z.number().int(),
  items: z.array(
    z.object({
      kind: z.enum([
        "publicity_ends",
        "publicity_to_close",
        "objections_open",
        "verification_due",
        "reserve_deadline",
        "window_opens",
        "window_closes",
        "vesting_to_run",
        "blackout_starts",
        "grants_unaccepted",
      ]),
      date: isoDay.nullable(),
      overdue: z.boolean(),
      planId: rowId.nullable(),
      planName: z.string().nullable(),
      planNameEn: z.string().nullable(),
      href: z.string().describe("The portal page where it is done."),
      details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    }),
  ),
});

/** HR's agenda: what needs doing and by when. */
export const agendaOperations = {
  getHrAgenda: {
    method: "get",
    path: "/api/v1/hr/agenda",
    operationId: "getHrAgenda",
    summary:
      "What HR has to do and by when: publicity, objections, verifications, reserve deadline, windows, blackouts",
    tags: ["HR"],
    access: "staffRead",
    responses: {
      200: {
        description:
          "Overdue items first, then by date. Windows and blackout windows within the next 30 days; a window line carries " +
          "its earliest permissible vesting day and whether a blackout window moved it. Blackout reasons in the caller's language.",
        schema: agendaSchema,
      },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(agendaOperations);
