import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grantBatches, grants, personDepartures, persons } from "@/db/schema";
import { checkLeaveDate } from "@/lib/domain/process/grantTiming";
import {
  checkDepartureChange,
  departureReasonText,
  type BilingualText,
  type DepartureKind,
  type DepartureReason,
} from "@/lib/domain/persons/departureRules";
import type { Actor } from "@/lib/auth/actor";
import { appendAudit } from "@/lib/platform/auditTrail";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { isUuid } from "@/lib/platform/validation/common";
import { applyLeaveDate, type TrancheChange } from "@/lib/features/persons/departureEffects";
import { inForceOf, lastDepartureRecord } from "@/lib/features/persons/departureReads";
import type { CorrectDepartureInput, RecordLeaverInput, WithdrawDepartureInput } from "@/lib/features/persons/schemas";

/** What a departure record changed: the record written, the plans re-derived, the tranches lapsed or restored. */
export interface DepartureResult {
  personId: string;
  employeeNo: string;
  /** The record written (or, when nothing changed, the one in force). */
  departureId: string | null;
  kind: DepartureKind;
  /** The leave date now in force; null after a withdrawal. */
  leaveDate: string | null;
  reason: DepartureReason | null;
  reasonText: BilingualText | null;
  unchanged: boolean;
  plans: string[];
  lapsed: TrancheChange[];
  restored: TrancheChange[];
}

type Person = typeof persons.$inferSelect;

/** The person, locked so that one departure record at a time extends their history. */
/** The person locked for the change, their latest departure record and the departure in force, if any. */
async function lockDepartures(tx: Transaction, personId: string) {
  const [person] = await tx.select().from(persons).where(eq(persons.id, personId)).for("update");
  if (!person) throw notFound("Person");
  const last = await lastDepartureRecord(tx, personId);
  return { person, last, inForce: inForceOf(person, last) };
}

async function firstGrantDate(tx: Transaction, personId: string): Promise<string | null> {
  const [first] = await tx
    .select({ date: sql<string | null>`min(${grantBatches.grantDate})::text` })
    .from(grants)
    .innerJoin(grantBatches, eq(grantBatches.id, grants.batchId))
    .where(eq(grants.personId, personId));
  return first?.date ?? null;
}

/** One record appended to the history (superseding its last record), the leave date applied, audited. */
async function writeDeparture(
  tx: Transaction,
  actor: Actor,
  person: Person,
  change: {
    kind: DepartureKind;
    leaveDate: string | null;
    reason: DepartureReason | null;
    note: string | null;
    supersedesId: string | null;
    before: { departureId: string | null; reason: DepartureReason | null };
    audit: string;
  },
): Promise<DepartureResult> {
  const effects = await applyLeaveDate(tx, person.id, change.leaveDate);
  const [row] = await tx
    .insert(personDepartures)
    .values({
      personId: person.id,
      kind: change.kind,
      leaveDate: change.leaveDate,
      reason: change.reason,
      note: change.note,
      supersedesId: change.supersedesId,
      recordedBy: actor.userId,
    })
    .returning({ id: personDepartures.id });
  const after = {
    employmentStatus: change.leaveDate === null ? "active" : "left",
    leaveDate: change.leaveDate,
    reason: change.reason,
    departureId: row!.id,
    kind: change.kind,
    note: change.note,
    ...effects,
  };
  await appendAudit(tx, {
    actorUserId: actor.userId,
    action: change.audit,
    entityType: "person",
    entityId: person.id,
    ip: actor.ip,
    before: { employmentStatus: person.employmentStatus, leaveDate: person.leaveDate, ...change.before },
    after,
  });
  return {
    personId: person.id,
    employeeNo: person.employeeNo,
    departureId: row!.id,
    kind: change.kind,
    leaveDate: change.leaveDate,
    reason: change.reason,
    reasonText: change.kind === "withdrawn" ? null : departureReasonText(change.reason),
    unchanged: false,
    ...effects,
  };
}

/**
 * Records that a person left, and why: a departure record, the person's status and leave date, then every
 * plan they hold grants in re-derived so their unvested tranches lapse from that date ("left"). The same
 * date and reason again change nothing; a departure already recorded otherwise is corrected, not recorded
 * again (409 ALREADY_LEFT says so).
 */
export async function recordLeaver(
  db: Database,
  actor: Actor,
  personId: string,
  input: RecordLeaverInput,
): Promise<DepartureResult> {
  if (!isUuid(personId)) throw notFound("Person");
  return db.transaction(async (tx) => {
    const { person, last, inForce } = await lockDepartures(tx, personId);
    if (inForce) {
      if (inForce.leaveDate === input.leaveDate && inForce.reason === input.reason)
        return {
          personId,
          employeeNo: person.employeeNo,
          departureId: inForce.id,
          kind: last?.kind ?? "recorded",
          leaveDate: inForce.leaveDate,
          reason: inForce.reason,
          reasonText: departureReasonText(inForce.reason),
          unchanged: true,
          plans: [],
          lapsed: [],
          restored: [],
        };
      throw new ApiError(
        "ALREADY_LEFT",
        `This person's departure on ${inForce.leaveDate} is already recorded: correct it (POST /api/v1/persons/${personId}/departures/corrections) or withdraw it.`,
        {
          leaveDate: inForce.leaveDate,
          reason: inForce.reason,
          departureId: inForce.id,
          correction: `/api/v1/persons/${personId}/departures/corrections`,
          withdrawal: `/api/v1/persons/${personId}/departures/withdrawal`,
        },
      );
    }
    refuseIfAny(checkLeaveDate(input.leaveDate, await firstGrantDate(tx, personId)));
    return writeDeparture(tx, actor, person, {
      kind: "recorded",
      leaveDate: input.leaveDate,
      reason: input.reason,
      note: input.note || null,
      supersedesId: last?.id ?? null,
      before: { departureId: null, reason: null },
      audit: "person.leave",
    });
  });
}

/**
 * Corrects the leave date and/or the reason of the departure in force: a new record superseding it, and
 * the person's plans re-derived from the new date (a later date can bring back tranches the earlier one
 * lapsed, an earlier one lapses more). Refused with every rule broken: no departure in force, nothing
 * changed, a date before the first grant, a date that would undo a vesting run.
 */
export async function correctDeparture(
  db: Database,
  actor: Actor,
  personId: string,
  input: CorrectDepartureInput,
): Promise<DepartureResult> {
  if (!isUuid(personId)) throw notFound("Person");
  return db.transaction(async (tx) => {
    const { person, last, inForce } = await lockDepartures(tx, personId);
    refuseIfAny(checkDepartureChange(inForce, person.employeeNo, input));
    const leaveDate = input.leaveDate ?? inForce!.leaveDate;
    const reason = input.reason ?? inForce!.reason;
    refuseIfAny(checkLeaveDate(leaveDate, await firstGrantDate(tx, personId)));
    return writeDeparture(tx, actor, person, {
      kind: "corrected",
      leaveDate,
      reason,
      note: input.note,
      supersedesId: last?.id ?? null,
      before: { departureId: inForce!.id, reason: inForce!.reason },
      audit: "person.departure_corrected",
    });
  });
}

/**
 * Withdraws the departure in force (the person did not leave after all): a withdrawal record, the person
 * active again and their plans re-derived without a leave date.
 */
export async function withdrawDeparture(
  db: Database,
  actor: Actor,
  personId: string,
  input: WithdrawDepartureInput,
): Promise<DepartureResult> {
  if (!isUuid(personId)) throw notFound("Person");
  return db.transaction(async (tx) => {
    const { person, last, inForce } = await lockDepartures(tx, personId);
    refuseIfAny(checkDepartureChange(inForce, person.employeeNo, "withdrawal"));
    return writeDeparture(tx, actor, person, {
      kind: "withdrawn",
      leaveDate: null,
      reason: null,
      note: input.note,
      supersedesId: last?.id ?? null,
      before: { departureId: inForce!.id, reason: inForce!.reason },
      audit: "person.departure_withdrawn",
    });
  });
}
