import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import {
  appraisalResults,
  companyAppraisals,
  emailOutbox,
  grants,
  notifications,
  persons,
  plans,
  tranches,
  users,
  vestingRuns,
} from "@/db/schema";
import { compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { isRuleError, type RuleViolation } from "@/lib/domain/errors";
import { individualRatio, parseVestingRatio, vestedQuantity } from "@/lib/domain/vesting/appraisal";
import { ApiError } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import type { Actor } from "@/lib/auth/actor";
import { refuse } from "@/lib/platform/errors/refusal";
import { VestingRunInput } from "@/lib/features/vesting/schemas";
import { runNotReversed } from "@/lib/features/derivation/correctionFilters";
import { periodVestingDate } from "@/lib/features/vesting/periodVestingDate";

/** One grantee's line of a run: a person who left before the date gets 0 and the note "left". */
export interface VestingRunRow {
  grantId: string;
  employeeNo: string;
  name: string;
  grade: string | null;
  planned: number;
  individualRatio: string | null;
  vested: number;
  lapsed: number;
  note: "left" | null;
}

/** What a run would record (preview) or recorded (confirm). */
export interface VestingRunPreview {
  planId: string;
  batchId: string;
  categoryId: string;
  trancheIndex: number;
  vestingDate: string;
  window: { open: string | null; close: string | null };
  companyRatio: string;
  fiscalYear: number;
  rows: VestingRunRow[];
  totals: { planned: number; vested: number; lapsed: number };
}

type Db = Database | Transaction;

/** Computes a run without writing: date check, grades and floor(planned × company × individual) per person. */
export async function previewVestingRun(db: Db, planId: string, input: VestingRunInput): Promise<VestingRunPreview> {
  return computeRun(db, planId, input);
}

/** Records a run in one transaction: appraisals, the run, audit, re-derived tranches and grantee notices. */
export async function confirmVestingRun(
  db: Database,
  actor: Actor,
  planId: string,
  input: VestingRunInput,
): Promise<VestingRunPreview & { runId: string }> {
  return db.transaction(async (tx) => {
    // No unique key refuses a second run any more (a reversed run may be run again, migration 0009): the
    // plan row is locked first, as reversals and voids lock it, so computeRun's check for an unreversed
    // run of the period sees every run committed before, and a concurrent confirm waits for this one.
    await tx.select({ id: plans.id }).from(plans).where(eq(plans.id, planId)).for("update");
    const preview = await computeRun(tx, planId, input);
    const [run] = await tx
      .insert(vestingRuns)
      .values({
        batchId: preview.batchId,
        categoryId: preview.categoryId,
        trancheIndex: preview.trancheIndex,
        vestingDate: preview.vestingDate,
        confirmedBy: actor.userId,
      })
      .returning({ id: vestingRuns.id });
    if (!run) throw alreadyRun(preview.batchId, preview.categoryId, preview.trancheIndex);
    await tx
      .insert(companyAppraisals)
      .values({
        batchId: preview.batchId,
        categoryId: preview.categoryId,
        trancheIndex: preview.trancheIndex,
        fiscalYear: preview.fiscalYear,
        companyRatio: preview.companyRatio,
        recordedBy: actor.userId,
      })
      .onConflictDoUpdate({
        target: [companyAppraisals.batchId, companyAppraisals.categoryId, companyAppraisals.trancheIndex],
        set: {
          fiscalYear: preview.fiscalYear,
          companyRatio: preview.companyRatio,
          recordedBy: actor.userId,
          recordedAt: new Date(),
        },
      });
    // A leaver gets no grade: an appraisal record would relabel their "left" lapse as an appraisal one.
    const graded = preview.rows.filter((r) => r.grade !== null);
    if (graded.length > 0) {
      await tx
        .insert(appraisalResults)
        .values(
          graded.map((r) => ({
            grantId: r.grantId,
            trancheIndex: preview.trancheIndex,
            fiscalYear: preview.fiscalYear,
            grade: r.grade!,
            recordedBy: actor.userId,
          })),
        )
        .onConflictDoUpdate({
          target: [appraisalResults.grantId, appraisalResults.trancheIndex],
          set: {
            grade: sql`excluded.grade`,
            fiscalYear: sql`excluded.fiscal_year`,
            recordedBy: actor.userId,
            recordedAt: new Date(),
          },
        });
    }
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "vesting_run.confirm",
      entityType: "vesting_run",
      entityId: run.id,
      ip: actor.ip,
      before: null,
      after: {
        planId,
        batchId: preview.batchId,
        categoryId: preview.categoryId,
        trancheIndex: preview.trancheIndex,
        vestingDate: preview.vestingDate,
        companyRatio: preview.companyRatio,
        fiscalYear: preview.fiscalYear,
        totals: preview.totals,
        grades: graded.map((r) => ({ employeeNo: r.employeeNo, grade: r.grade })),
      },
    });
    // The run changes its own batch and category's grants only.
    await rederivePlan(tx, planId, undefined, { batchId: preview.batchId, categoryId: preview.categoryId });
    await notifyGrantees(tx, preview, graded);
    return { ...preview, runId: run.id };
  });
}

function alreadyRun(batchId: string, categoryId: string, trancheIndex: number) {
  return new ApiError("VESTING_RUN_EXISTS", "This tranche has already been vested for the batch and category.", {
    batchId,
    categoryId,
    trancheIndex,
  });
}

async function notifyGrantees(tx: Transaction, preview: VestingRunPreview, rows: VestingRunRow[]) {
  if (rows.length === 0) return;
  const recipients = await tx
    .select({ userId: users.id, email: users.email, grantId: grants.id })
    .from(grants)
    .innerJoin(users, eq(users.personId, grants.personId))
    .where(
      and(
        inArray(
          grants.id,
          rows.map((r) => r.grantId),
        ),
        eq(users.disabled, false),
      ),
    );
  if (recipients.length === 0) return;
  const rowOf = new Map(rows.map((r) => [r.grantId, r]));
  const notices = recipients.map((r) => ({
    userId: r.userId,
    kind: "vesting_recorded",
    dedupeKey: `vesting_recorded:${r.grantId}:${preview.trancheIndex}`,
    payload: {
      grantId: r.grantId,
      trancheIndex: preview.trancheIndex,
      vestingDate: preview.vestingDate,
      vestedQuantity: rowOf.get(r.grantId)!.vested,
    },
  }));
  const inserted = await tx
    .insert(notifications)
    .values(notices)
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ userId: notifications.userId, payload: notifications.payload });
  if (inserted.length === 0) return;
  const emailOf = new Map(recipients.map((r) => [r.userId, r.email]));
  await tx.insert(emailOutbox).values(
    inserted.map((n) => ({
      toAddress: emailOf.get(n.userId)!,
      subject: "归属登记完成 / Vesting recorded",
      body: JSON.stringify(n.payload),
    })),
  );
}

async function computeRun(db: Db, planId: string, input: VestingRunInput): Promise<VestingRunPreview> {
  const { plan, batch, window, violations } = await periodVestingDate(db, planId, input, input.vestingDate);
  const [existing] = await db
    .select({ id: vestingRuns.id })
    .from(vestingRuns)
    .where(
      and(
        eq(vestingRuns.batchId, batch.id),
        eq(vestingRuns.categoryId, input.categoryId),
        eq(vestingRuns.trancheIndex, input.trancheIndex),
        runNotReversed(vestingRuns.id),
      ),
    );
  if (existing) throw alreadyRun(batch.id, input.categoryId, input.trancheIndex);
  const companyRatio = asApiRefusal(() => {
    parseVestingRatio(input.companyRatio, "companyRatio");
    return input.companyRatio;
  });
  if (violations.length > 0) refuse(violations);

  const grantees = await db
    .select({
      grantId: grants.id,
      employeeNo: persons.employeeNo,
      name: persons.name,
      leaveDate: persons.leaveDate,
      planned: tranches.plannedQuantity,
    })
    .from(grants)
    .innerJoin(persons, eq(grants.personId, persons.id))
    .leftJoin(tranches, and(eq(tranches.grantId, grants.id), eq(tranches.trancheIndex, input.trancheIndex)))
    .where(and(eq(grants.batchId, batch.id), eq(grants.categoryId, input.categoryId)))
    .orderBy(asc(persons.employeeNo));
  const grades = gradeMap(input.grades, new Set(grantees.map((g) => g.employeeNo)));
  const missing: string[] = [];
  const unknownGrades: { employeeNo: string; grade: string }[] = [];
  const rows: VestingRunRow[] = grantees.map((g) => {
    const planned = g.planned ?? 0;
    // Unvested awards are voided from the departure date; leaving on the vesting day itself still vests.
    if (g.leaveDate !== null && compareIsoDates(g.leaveDate, input.vestingDate) < 0) {
      return {
        grantId: g.grantId,
        employeeNo: g.employeeNo,
        name: g.name,
        grade: null,
        planned,
        individualRatio: null,
        vested: 0,
        lapsed: planned,
        note: "left",
      };
    }
    const grade = grades.get(g.employeeNo);
    if (grade === undefined) missing.push(g.employeeNo);
    else if (!Object.prototype.hasOwnProperty.call(plan.gradeTable, grade))
      unknownGrades.push({ employeeNo: g.employeeNo, grade });
    if (grade === undefined || !Object.prototype.hasOwnProperty.call(plan.gradeTable, grade)) {
      return {
        grantId: g.grantId,
        employeeNo: g.employeeNo,
        name: g.name,
        grade: null,
        planned,
        individualRatio: null,
        vested: 0,
        lapsed: 0,
        note: null,
      };
    }
    const ratio = asApiRefusal(() => individualRatio(plan.gradeTable, grade));
    const split = asApiRefusal(() => vestedQuantity(planned, companyRatio, ratio));
    return {
      grantId: g.grantId,
      employeeNo: g.employeeNo,
      name: g.name,
      grade,
      planned,
      individualRatio: ratio,
      vested: split.vested,
      lapsed: split.lapsed,
      note: null,
    };
  });
  if (missing.length > 0)
    throw new ApiError("MISSING_GRADES", "Grades are missing for grantees still employed.", { employeeNos: missing });
  if (unknownGrades.length > 0)
    throw new ApiError("UNKNOWN_GRADE", "Some grades are not in the plan's grade table.", {
      items: unknownGrades,
      knownGrades: Object.keys(plan.gradeTable),
    });
  const totals = rows.reduce(
    (t, r) => ({ planned: t.planned + r.planned, vested: t.vested + r.vested, lapsed: t.lapsed + r.lapsed }),
    { planned: 0, vested: 0, lapsed: 0 },
  );
  return {
    planId,
    batchId: batch.id,
    categoryId: input.categoryId,
    trancheIndex: input.trancheIndex,
    vestingDate: input.vestingDate,
    window: { open: window.open, close: window.close },
    companyRatio,
    fiscalYear: input.fiscalYear,
    rows,
    totals,
  };
}

function gradeMap(list: VestingRunInput["grades"], grantees: Set<string>): Map<string, string> {
  const out = new Map<string, string>();
  const duplicates: string[] = [];
  for (const g of list) {
    if (out.has(g.employeeNo)) duplicates.push(g.employeeNo);
    out.set(g.employeeNo, g.grade.toUpperCase());
  }
  if (duplicates.length > 0)
    throw new ApiError("DUPLICATE_GRADE", "A person has more than one grade.", { employeeNos: duplicates });
  const strangers = [...out.keys()].filter((n) => !grantees.has(n));
  if (strangers.length > 0)
    throw new ApiError("NOT_A_GRANTEE", "Grades were given for people without a grant in this batch and category.", {
      employeeNos: strangers,
    });
  return out;
}

/** Engine RuleErrors (a ratio outside [0, 1]) become the same 422 refusal in API routes and server actions. */
function asApiRefusal<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isRuleError(e)) refuse([e.toViolation() as RuleViolation]);
    throw e;
  }
}
