import "server-only";
import { and, asc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grantBatches, grants, plans, persons, tranches } from "@/db/schema";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { isUuid } from "@/lib/platform/validation/common";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { checkLeaveDate } from "@/lib/domain/process/grantTiming";
import type { Actor } from "@/lib/auth/actor";
import { RecordLeaverInput } from "@/lib/features/persons/schemas";

/** What recording a departure changed: the plans re-derived and the tranches that lapsed. */
export interface LeaverResult {
  personId: string;
  employeeNo: string;
  leaveDate: string;
  unchanged: boolean;
  plans: string[];
  lapsed: { grantId: string; trancheIndex: number; quantity: number }[];
}

/**
 * Records that a person left: status and leave date, then every plan they hold grants in is
 * re-derived in the same transaction so their unvested tranches lapse from that date ("left").
 * Recording the same date again changes nothing; another date is refused (409).
 */
export async function recordLeaver(
  db: Database,
  actor: Actor,
  personId: string,
  input: RecordLeaverInput,
): Promise<LeaverResult> {
  if (!isUuid(personId)) throw notFound("Person");
  return db.transaction(async (tx) => {
    const [person] = await tx.select().from(persons).where(eq(persons.id, personId)).for("update");
    if (!person) throw notFound("Person");
    const base = { personId, employeeNo: person.employeeNo, leaveDate: input.leaveDate };
    if (person.employmentStatus === "left") {
      if (person.leaveDate === input.leaveDate) return { ...base, unchanged: true, plans: [], lapsed: [] };
      throw new ApiError("ALREADY_LEFT", "This person has already left on another date.", {
        leaveDate: person.leaveDate,
      });
    }
    const [first] = await tx
      .select({ date: sql<string | null>`min(${grantBatches.grantDate})::text` })
      .from(grants)
      .innerJoin(grantBatches, eq(grantBatches.id, grants.batchId))
      .where(eq(grants.personId, personId));
    refuseIfAny(checkLeaveDate(input.leaveDate, first?.date ?? null));
    await tx
      .update(persons)
      .set({ employmentStatus: "left", leaveDate: input.leaveDate })
      .where(eq(persons.id, personId));
    const held = await tx.selectDistinct({ planId: grants.planId }).from(grants).where(eq(grants.personId, personId));
    const own = new Set(
      (await tx.select({ id: grants.id }).from(grants).where(eq(grants.personId, personId))).map((g) => g.id),
    );
    const lapsed: LeaverResult["lapsed"] = [];
    for (const { planId } of held) {
      const derived = await rederivePlan(tx, planId);
      for (const [grantId, d] of derived) {
        if (!own.has(grantId)) continue;
        for (const t of d.tranches)
          if (t.status === "lapsed" && t.lapseReason === "left")
            lapsed.push({ grantId, trancheIndex: t.index, quantity: t.lapsedQuantity });
      }
    }
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "person.leave",
      entityType: "person",
      entityId: personId,
      ip: actor.ip,
      before: { employmentStatus: person.employmentStatus, leaveDate: person.leaveDate },
      after: { employmentStatus: "left", leaveDate: input.leaveDate, plans: held.map((h) => h.planId), lapsed },
    });
    return { ...base, unchanged: false, plans: held.map((h) => h.planId), lapsed };
  });
}

/** A person found by employee number or name, for the leavers page. */
export interface PersonHit {
  id: string;
  employeeNo: string;
  name: string;
  position: string;
  department: string | null;
  employmentStatus: "active" | "left";
  leaveDate: string | null;
}

/** Up to 20 people whose employee number or name contains the text. */
export async function findPersons(db: Database, text: string): Promise<PersonHit[]> {
  const q = text.trim().replace(/[%_\\]/g, (c) => `\\${c}`);
  if (q === "") return [];
  return db
    .select({
      id: persons.id,
      employeeNo: persons.employeeNo,
      name: persons.name,
      position: persons.position,
      department: persons.department,
      employmentStatus: persons.employmentStatus,
      leaveDate: persons.leaveDate,
    })
    .from(persons)
    .where(or(ilike(persons.employeeNo, `%${q}%`), ilike(persons.name, `%${q}%`), ilike(persons.namePinyin, `%${q}%`)))
    .orderBy(asc(persons.employeeNo))
    .limit(20);
}

/** One grant of a person with what is still unvested (pending or vestable tranches). */
export interface PersonGrantHolding {
  grantId: string;
  planName: string;
  planNameEn: string;
  batch: "first" | "reserved";
  grantDate: string;
  quantity: number;
  vested: number;
  unvested: number;
  tranches: {
    index: number;
    status: string;
    planned: number;
    vested: number;
    lapsed: number;
    lapseReason: string | null;
  }[];
}

/** A person's grants with their tranches, for the confirmation before recording a departure. */
export async function holdingsOf(db: Database, personId: string): Promise<PersonGrantHolding[]> {
  if (!isUuid(personId)) return [];
  const rows = await db
    .select({
      grantId: grants.id,
      planName: plans.name,
      planNameEn: plans.nameEn,
      batch: grantBatches.batch,
      grantDate: grantBatches.grantDate,
      quantity: grants.adjustedQuantity,
    })
    .from(grants)
    .innerJoin(plans, eq(grants.planId, plans.id))
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .where(eq(grants.personId, personId))
    .orderBy(asc(grantBatches.grantDate));
  if (rows.length === 0) return [];
  const ts = await db
    .select()
    .from(tranches)
    .where(
      inArray(
        tranches.grantId,
        rows.map((r) => r.grantId),
      ),
    )
    .orderBy(asc(tranches.trancheIndex));
  return rows.map((r) => {
    const own = ts.filter((t) => t.grantId === r.grantId);
    const open = own.filter((t) => t.status === "pending" || t.status === "vestable");
    return {
      ...r,
      vested: own.reduce((s, t) => s + t.vestedQuantity, 0),
      unvested: open.reduce((s, t) => s + t.plannedQuantity - t.lapsedQuantity, 0),
      tranches: own.map((t) => ({
        index: t.trancheIndex,
        status: t.status,
        planned: t.plannedQuantity,
        vested: t.vestedQuantity,
        lapsed: t.lapsedQuantity,
        lapseReason: t.lapseReason,
      })),
    };
  });
}

/** One person by id, or null. */
export async function personById(db: Database, personId: string): Promise<PersonHit | null> {
  if (!isUuid(personId)) return null;
  const [p] = await db
    .select({
      id: persons.id,
      employeeNo: persons.employeeNo,
      name: persons.name,
      position: persons.position,
      department: persons.department,
      employmentStatus: persons.employmentStatus,
      leaveDate: persons.leaveDate,
    })
    .from(persons)
    .where(and(eq(persons.id, personId)));
  return p ?? null;
}
