import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  grantBatches,
  grants,
  issuers,
  participantCategories,
  participantListEntries,
  persons,
  plans,
  publicityPeriods,
} from "@/db/schema";
import { checkCapHoldings } from "@/lib/domain/caps/capHoldings";
import { checkGrantCaps, checkReserveDeadline, unallocatedReserveLapsed } from "@/lib/domain/caps/planCaps";
import { GRANTABLE_STATUSES, statusAfterGrant } from "@/lib/domain/plans/planLifecycle";
import { violation, type RuleViolation } from "@/lib/domain/errors";
import { checkGrantTiming } from "@/lib/domain/process/grantTiming";
import { Dec } from "@/lib/domain/numeric/decimal";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { today } from "@/lib/platform/clock";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { CAP_WRITE_LOCK, loadCapInputs } from "@/lib/features/plans/capInputs";
import { reservedTrancheViolations } from "@/lib/features/plans/reservedTrancheValidity";
import type { Actor } from "@/lib/auth/actor";
import { refuse } from "@/lib/platform/errors/refusal";
import { GrantAwardsInput } from "@/lib/features/grants/schemas";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";
import { latestVerification } from "@/lib/features/publicity/verification";

/** The cap inputs' advisory lock (lib/features/plans/capInputs.ts), taken first by every grant write. */
export const GRANT_WRITE_LOCK = CAP_WRITE_LOCK;

/** Result of a grant: the new batch and one row per grantee. */
export interface GrantAwardsResult {
  batchId: string;
  grants: { id: string; employeeNo: string; quantity: number }[];
}

// A first grant can only follow a verified list; a reserved one needs the general meeting's approval (the lifecycle table).
const ALLOWED_STATUS = GRANTABLE_STATUSES;

/** Grants a first or reserved batch after every list, reserve, cap and price rule passed; all or nothing. */
export async function grantAwards(
  db: Database,
  actor: Actor,
  planId: string,
  body: GrantAwardsInput,
): Promise<GrantAwardsResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${GRANT_WRITE_LOCK})`);
    const [plan] = await tx
      .select({ plan: plans, parValue: issuers.parValue })
      .from(plans)
      .innerJoin(issuers, eq(plans.issuerId, issuers.id))
      .where(eq(plans.id, planId));
    if (!plan) throw notFound("Plan");
    const p = plan.plan;

    const numbers = body.items.map((i) => i.employeeNo);
    const duplicates = numbers.filter((n, i) => numbers.indexOf(n) !== i);
    if (duplicates.length > 0)
      throw new ApiError("DUPLICATE_ITEM", "A person appears more than once in the grant.", {
        employeeNos: [...new Set(duplicates)],
      });
    const people = await tx
      .select({ id: persons.id, employeeNo: persons.employeeNo, status: persons.employmentStatus })
      .from(persons)
      .where(inArray(persons.employeeNo, numbers));
    const personByNo = new Map(people.map((x) => [x.employeeNo, x]));
    const unknown = numbers.filter((n) => !personByNo.has(n));
    if (unknown.length > 0)
      throw new ApiError("UNKNOWN_EMPLOYEE", "Some employee numbers are not known.", { employeeNos: unknown });
    const leavers = people.filter((x) => x.status === "left").map((x) => x.employeeNo);
    if (leavers.length > 0)
      throw new ApiError("PERSON_LEFT", "Some people have left the company.", { employeeNos: leavers });
    const categoryIds = new Set(
      (
        await tx
          .select({ id: participantCategories.id })
          .from(participantCategories)
          .where(eq(participantCategories.planId, planId))
      ).map((c) => c.id),
    );
    const badCategory = body.items.filter((i) => !categoryIds.has(i.categoryId)).map((i) => i.employeeNo);
    if (badCategory.length > 0)
      throw new ApiError("UNKNOWN_CATEGORY", "A category does not belong to this plan.", { employeeNos: badCategory });

    if (body.batch === "first") {
      const [existing] = await tx
        .select({ id: grantBatches.id })
        .from(grantBatches)
        // A voided first grant was recorded by mistake: the first grant can be made again.
        .where(and(eq(grantBatches.planId, planId), eq(grantBatches.batch, "first"), batchNotVoided(grantBatches.id)))
        .limit(1);
      if (existing)
        throw new ApiError("FIRST_GRANT_EXISTS", "The plan's first grant has already been made.", {
          batchId: existing.id,
        });
    }
    if (!ALLOWED_STATUS[body.batch].includes(p.status)) {
      throw new ApiError("PLAN_STATUS", `A ${body.batch} grant is not possible while the plan is "${p.status}".`, {
        status: p.status,
        allowed: ALLOWED_STATUS[body.batch],
      });
    }
    if (body.batch === "reserved") {
      if (!p.generalMeetingDate)
        throw new ApiError("NO_GENERAL_MEETING", "Reserved awards need the general meeting date of the plan.");
      // A reserve past its 12 months can never be granted: say so before asking for a verified list.
      const late = checkReserveDeadline(body.grantDate, p.generalMeetingDate);
      if (late.length > 0) refuse(late);
    }
    // Each batch follows its own verified list: the first list, or the reserved list settled after the meeting.
    const verified = await checkAgainstVerifiedList(tx, planId, body, personByNo);
    const listVersionId = verified.listVersionId;

    // The procedure's order: meeting, board resolution, closed publicity, disclosed verification, 60 days.
    const violations: RuleViolation[] = checkGrantTiming({
      batch: body.batch,
      grantDate: body.grantDate,
      boardResolutionDate: body.boardResolutionDate ?? null,
      generalMeetingDate: p.generalMeetingDate,
      publicity: verified.publicity,
      verificationDisclosureDate: verified.disclosureDate,
    });
    if (new Dec(body.grantPrice).lt(new Dec(plan.parValue)))
      violations.push(violation("PRICE_BELOW_PAR", { grantPrice: body.grantPrice, parValue: plan.parValue }));
    violations.push(...(await checkCaps(tx, p, body, personByNo)));
    // A reserve's windows run from its own grant date but must still end within the validity from the first grant.
    if (body.batch === "reserved") violations.push(...(await reservedTrancheViolations(tx, p, body)));
    if (violations.length > 0) refuse(violations);

    const [batch] = await tx
      .insert(grantBatches)
      .values({
        planId,
        batch: body.batch,
        grantDate: body.grantDate,
        grantPrice: body.grantPrice,
        boardResolutionDate: body.boardResolutionDate ?? null,
        listVersionId,
        createdBy: actor.userId,
      })
      .returning({ id: grantBatches.id });
    const inserted = await tx
      .insert(grants)
      .values(
        body.items.map((i) => ({
          batchId: batch!.id,
          planId,
          personId: personByNo.get(i.employeeNo)!.id,
          categoryId: i.categoryId,
          quantity: i.quantity,
          adjustedPrice: body.grantPrice,
          adjustedQuantity: i.quantity,
          acceptedAt: null,
        })),
      )
      .returning({ id: grants.id, personId: grants.personId, quantity: grants.quantity });
    const noById = new Map(people.map((x) => [x.id, x.employeeNo]));
    const newStatus = statusAfterGrant(p.status);
    if (newStatus !== p.status)
      await tx.update(plans).set({ status: newStatus, updatedAt: new Date() }).where(eq(plans.id, planId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "grant.create",
      entityType: "grant_batch",
      entityId: batch!.id,
      ip: actor.ip,
      before: { planStatus: p.status },
      after: {
        planId,
        planStatus: newStatus,
        batch: body.batch,
        grantDate: body.grantDate,
        grantPrice: body.grantPrice,
        boardResolutionDate: body.boardResolutionDate ?? null,
        listVersionId,
        items: body.items,
      },
    });
    await rederivePlan(tx, planId);
    return {
      batchId: batch!.id,
      grants: inserted.map((g) => ({ id: g.id, employeeNo: noById.get(g.personId)!, quantity: g.quantity })),
    };
  });
}

type PersonRef = { id: string; employeeNo: string };

/** The verified list a grant follows: its version, the opinion's disclosure and the list's publicity. */
interface VerifiedList {
  listVersionId: string;
  disclosureDate: string;
  publicity: { endDate: string; closed: boolean } | null;
}

/** A grant follows the latest, non-stale verified list of its batch: same people, same category, no more than listed. */
async function checkAgainstVerifiedList(
  tx: Transaction,
  planId: string,
  body: GrantAwardsInput,
  personByNo: Map<string, PersonRef>,
): Promise<VerifiedList> {
  const latest = await latestVerification(tx, planId, body.batch);
  if (!latest)
    throw new ApiError("NOT_VERIFIED", `The ${body.batch} participant list has not been verified yet.`, {
      batch: body.batch,
    });
  if (latest.stale)
    refuse([
      violation("VERIFICATION_STALE", {
        verificationId: latest.id,
        listVersionId: latest.listVersionId,
        opinionDate: latest.opinionDate,
      }),
    ]);
  const entries = await tx
    .select()
    .from(participantListEntries)
    .where(eq(participantListEntries.listVersionId, latest.listVersionId));
  const byPerson = new Map(entries.map((e) => [e.personId, e]));
  const notOnList: { employeeNo: string; reason: string }[] = [];
  const above: { employeeNo: string; listed: number; requested: number }[] = [];
  for (const item of body.items) {
    const entry = byPerson.get(personByNo.get(item.employeeNo)!.id);
    if (!entry) notOnList.push({ employeeNo: item.employeeNo, reason: "not_listed" });
    else if (entry.categoryId !== item.categoryId)
      notOnList.push({ employeeNo: item.employeeNo, reason: "other_category" });
    else if (item.quantity > entry.quantity)
      above.push({ employeeNo: item.employeeNo, listed: entry.quantity, requested: item.quantity });
  }
  if (notOnList.length > 0)
    throw new ApiError("NOT_ON_LIST", "Some people are not on the verified list in that category.", {
      listVersionId: latest.listVersionId,
      items: notOnList,
    });
  if (above.length > 0)
    throw new ApiError("QUANTITY_ABOVE_LIST", "Some quantities are above the verified list.", {
      listVersionId: latest.listVersionId,
      items: above,
    });
  const [period] = latest.publicityPeriodId
    ? await tx
        .select({ endDate: publicityPeriods.endDate, status: publicityPeriods.status })
        .from(publicityPeriods)
        .where(eq(publicityPeriods.id, latest.publicityPeriodId))
    : [];
  return {
    listVersionId: latest.listVersionId,
    disclosureDate: latest.disclosureDate,
    publicity: period ? { endDate: period.endDate, closed: period.status === "closed" } : null,
  };
}

/**
 * The 1 % / 20 % caps by the one rule of lib/domain/caps/capHoldings.ts (latest share capital, adjusted
 * quantities net of lapses, plans within validity on the grant date), and the reserve rules of a reserved batch.
 */
async function checkCaps(
  tx: Transaction,
  p: typeof plans.$inferSelect,
  body: GrantAwardsInput,
  personByNo: Map<string, PersonRef>,
): Promise<RuleViolation[]> {
  const items = body.items.map((i) => ({ personId: personByNo.get(i.employeeNo)!.id, quantity: i.quantity }));
  const inputs = await loadCapInputs(
    tx,
    p.issuerId,
    items.map((i) => i.personId),
  );
  if (inputs.shareCapital === null)
    throw new ApiError("NO_SHARE_CAPITAL", "The issuer's share capital is not recorded.");
  const caps = checkCapHoldings({
    date: body.grantDate,
    shareCapital: inputs.shareCapital,
    plans: inputs.plans,
    batchTotals: inputs.batchTotals,
    holdings: inputs.holdings,
    candidate: { planId: p.id, batch: body.batch, kind: "grant", items },
  });
  const personCap = (index: number) =>
    caps
      .filter((c) => c.itemIndex === index)
      .map((c) => ({ ...c.violation, details: { ...c.violation.details, employeeNo: body.items[index]!.employeeNo } }));
  const totalCap = caps.filter((c) => c.itemIndex === null).map((c) => c.violation);
  // The reserve rules only: the caps were checked above, so they are passed in as met.
  const reservedGrantedSoFar = await reservedGranted(tx, p.id);
  const reservedNew = body.batch === "reserved" ? body.items.reduce((s, i) => s + i.quantity, 0) : 0;
  const reserve = checkGrantCaps({
    shareCapital: inputs.shareCapital,
    personExisting: 0,
    personNew: 0,
    allPlansTotal: 0,
    plan: { totalQuantity: p.totalQuantity, reservedQuantity: p.reservedQuantity, validityMonths: p.validityMonths },
    batch: body.batch,
    reservedGrantedSoFar,
    reservedNew,
    generalMeetingDate: p.generalMeetingDate ?? body.grantDate,
    grantDate: body.grantDate,
  });
  // The order the API has always reported: the first item's person cap, the plan-wide rules, the other items' person caps.
  const out = [...personCap(0), ...totalCap, ...reserve, ...body.items.slice(1).flatMap((_, i) => personCap(i + 1))];
  // Deadline and reserve problems first: they explain the refusal better than a cap on one person.
  const rank = (v: RuleViolation) =>
    ["RESERVE_DEADLINE_PASSED", "RESERVE_EXCEEDED", "PRICE_BELOW_PAR"].indexOf(v.code) + 1 || 9;
  return out.sort((a, b) => rank(a) - rank(b));
}

async function reservedGranted(tx: Database | Transaction, planId: string): Promise<number> {
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${grants.quantity}), 0)::text` })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .where(and(eq(grants.planId, planId), eq(grantBatches.batch, "reserved"), batchNotVoided(grantBatches.id)));
  return Number(row?.total ?? 0);
}

/** State of a plan's reserve as of today: granted, remaining, deadline and what lapsed unallocated after it. */
export interface ReserveStatus {
  reservedQuantity: number;
  granted: number;
  /** Still grantable: 0 once the deadline has passed. */
  remaining: number;
  deadline: string | null;
  lapsed: boolean;
  lapsedQuantity: number;
}

/** Reserve status of a plan; after the 12-month deadline the unallocated reserve shows as lapsed. */
export async function reserveStatus(
  db: Database | Transaction,
  planId: string,
  asOf: string = today(),
): Promise<ReserveStatus> {
  const [p] = await db
    .select({ reservedQuantity: plans.reservedQuantity, generalMeetingDate: plans.generalMeetingDate })
    .from(plans)
    .where(eq(plans.id, planId));
  if (!p) throw notFound("Plan");
  const granted = await reservedGranted(db, planId);
  const unallocated = Math.max(0, p.reservedQuantity - granted);
  if (!p.generalMeetingDate)
    return {
      reservedQuantity: p.reservedQuantity,
      granted,
      remaining: unallocated,
      deadline: null,
      lapsed: false,
      lapsedQuantity: 0,
    };
  const lapse = unallocatedReserveLapsed({
    generalMeetingDate: p.generalMeetingDate,
    reservedQuantity: p.reservedQuantity,
    reservedGrantedSoFar: granted,
    asOf,
  });
  return {
    reservedQuantity: p.reservedQuantity,
    granted,
    remaining: lapse.lapsed ? 0 : unallocated,
    deadline: lapse.deadline,
    lapsed: lapse.lapsed,
    lapsedQuantity: lapse.quantity,
  };
}
