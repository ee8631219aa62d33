import "server-only";
import { escapeLike } from "@/lib/platform/pagination/searchText";
import { and, asc, eq, ilike, inArray, or } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grantBatches, grants, plans, persons, tranches } from "@/db/schema";
import type { DepartureReason } from "@/lib/domain/persons/departureRules";
import { isUuid } from "@/lib/platform/validation/common";
import { inForceOf, lastDepartureRecord } from "@/lib/features/persons/departureReads";

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
  const q = escapeLike(text.trim());
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
    /** For a tranche lapsed because the person left ("left"): the departure reason in force, for display. */
    departureReason: DepartureReason | null;
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
  const departureReason = await departureReasonOf(db, personId);
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
        departureReason: t.lapseReason === "left" ? departureReason : null,
      })),
    };
  });
}

/** The reason of the person's departure in force; null when they have not left or none was recorded. */
async function departureReasonOf(db: Database, personId: string): Promise<DepartureReason | null> {
  const [person] = await db
    .select({ employmentStatus: persons.employmentStatus, leaveDate: persons.leaveDate })
    .from(persons)
    .where(eq(persons.id, personId));
  if (!person) return null;
  return inForceOf(person, await lastDepartureRecord(db, personId))?.reason ?? null;
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
