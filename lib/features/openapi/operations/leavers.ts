import "server-only";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import {
  correctDepartureSchema,
  listLeaversQuery,
  recordLeaverSchema,
  withdrawDepartureSchema,
} from "@/lib/features/persons/schemas";
import {
  departureHistorySchema,
  departureResultSchema,
  leaverPageSchema,
} from "@/lib/features/openapi/schemas/leavers";
import { personParams } from "@/lib/features/openapi/schemas/params";

const noPerson = { description: "No such person (NOT_FOUND)." };
const badBody = { description: "Invalid body: a field missing or malformed, e.g. no reason (BAD_REQUEST)." };

/** Departures: recorded with a reason, corrected or withdrawn by new records, and the leavers list. */
export const leaversOperations = {
  recordLeaver: {
    method: "post",
    path: "/api/v1/persons/{personId}/leave",
    operationId: "recordLeaver",
    summary: "Records a departure with its reason; unvested tranches lapse from that date",
    tags: ["Persons"],
    access: "staffWrite",
    params: personParams,
    body: recordLeaverSchema,
    responses: {
      200: {
        description: "The same date and reason were already recorded: nothing changed.",
        schema: departureResultSchema,
      },
      201: { description: "Recorded; the person's plans re-derived.", schema: departureResultSchema },
      400: badBody,
      404: noPerson,
      409: {
        description:
          "A departure is already recorded with another date or reason (ALREADY_LEFT): correct it at .../departures/corrections or withdraw it.",
      },
      422: {
        description:
          "A rule refuses the date: before the first grant (LEAVE_BEFORE_GRANT), or before a vesting that registered shares (LEAVE_DATE_CHANGES_VESTED).",
      },
    },
  },
  listPersonDepartures: {
    method: "get",
    path: "/api/v1/persons/{personId}/departures",
    operationId: "listPersonDepartures",
    summary: "A person's departure records, oldest first, and the one in force",
    tags: ["Persons"],
    access: "staffRead",
    params: personParams,
    responses: {
      200: { description: "The history (empty for a person who never left).", schema: departureHistorySchema },
      404: noPerson,
    },
  },
  correctDeparture: {
    method: "post",
    path: "/api/v1/persons/{personId}/departures/corrections",
    operationId: "correctDeparture",
    summary: "Corrects the leave date and/or reason of the departure in force (a new record)",
    tags: ["Persons"],
    access: "staffWrite",
    params: personParams,
    body: correctDepartureSchema,
    responses: {
      201: {
        description: "Corrected; plans re-derived (a later date can bring tranches back, an earlier one lapses more).",
        schema: departureResultSchema,
      },
      400: badBody,
      404: noPerson,
      422: {
        description:
          "Refused by a rule: no departure in force (DEPARTURE_NOT_IN_FORCE), nothing changes (DEPARTURE_UNCHANGED), a date before the first grant (LEAVE_BEFORE_GRANT) or across a vesting run (LEAVE_DATE_CHANGES_VESTED).",
      },
    },
  },
  withdrawDeparture: {
    method: "post",
    path: "/api/v1/persons/{personId}/departures/withdrawal",
    operationId: "withdrawDeparture",
    summary: "Withdraws the departure in force: the person is active again (a new record)",
    tags: ["Persons"],
    access: "staffWrite",
    params: personParams,
    body: withdrawDepartureSchema,
    responses: {
      201: { description: "Withdrawn; plans re-derived without a leave date.", schema: departureResultSchema },
      400: badBody,
      404: noPerson,
      422: {
        description:
          "No departure in force (DEPARTURE_NOT_IN_FORCE), or a vesting run withheld shares because of it (LEAVE_DATE_CHANGES_VESTED).",
      },
    },
  },
  listLeavers: {
    method: "get",
    path: "/api/v1/leavers",
    operationId: "listLeavers",
    summary: "Past leavers, latest leave date first, a page at a time; filter by reason, leave dates, search",
    tags: ["Persons"],
    access: "staffRead",
    query: listLeaversQuery,
    responses: {
      200: { description: "One page; pass nextCursor as cursor for the next.", schema: leaverPageSchema },
      400: { description: "A malformed query or a cursor this list did not hand out (BAD_REQUEST)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(leaversOperations);
