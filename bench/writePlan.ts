/**
 * What the background writer of P1w and P2w will write, prepared in the database before the runs (with
 * the seed's handle, while a PGlite server is stopped): grants left to accept, the plans HR enters
 * disclosures for, and a recorded vesting run to reverse and run again. The bench seed accepts every
 * grant on its grant date, so grants of some grantees are made unaccepted here, readers of the pool
 * first: a grantee whose own write invalidates what the server holds for them is the realistic case.
 */
import { inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import * as s from "@/db/schema";
import type { GranteeLogin } from "./granteePool";

/** A grant its grantee will accept, with the login that does it. */
export interface Acceptance {
  email: string;
  grantId: string;
}

/** POST /api/v1/plans/{planId}/vesting-runs with confirm: the body HR sends to run the period again. */
export interface VestingRunBody {
  batch: string;
  categoryId: string;
  trancheIndex: number;
  vestingDate: string;
  companyRatio: string;
  fiscalYear: number;
  grades: { employeeNo: string; grade: string }[];
  confirm: true;
}

/** A recorded period the writer reverses and runs again, in turn. */
export interface VestingCycle {
  planId: string;
  /** The seeded run, reversed by the first vesting write. */
  runId: string;
  body: VestingRunBody;
  planGrants: number;
}

export interface WritePlan {
  /** Interleaved over the writers, so no one accepts many grants in a row. */
  acceptances: Acceptance[];
  /** Every writer's login; one outside the reading pool (when the pool's grants run short) is signed in besides it. */
  writerEmails: string[];
  /** The smallest plans: a plan's disclosure re-derives that plan only (a company-wide one re-derives all). */
  disclosurePlanIds: string[];
  vesting: VestingCycle | null;
  /** Why there is no vesting cycle, when there is none. */
  vestingNote: string | null;
}

/** Makes at least `needed` grants unaccepted, taking whole grantees from `logins` in order (the pool first). */
export async function prepareWritePlan(db: Database, logins: GranteeLogin[], needed: number): Promise<WritePlan> {
  const writers: GranteeLogin[] = [];
  let grants = 0;
  for (const login of logins) {
    if (grants >= needed) break;
    writers.push(login);
    grants += login.grants;
  }
  if (grants < needed)
    throw new Error(`only ${grants} grants belong to employee logins; the writer needs ${needed} to accept`);
  const personIds = writers.map((w) => w.personId);
  await db.update(s.grants).set({ acceptedAt: null }).where(inArray(s.grants.personId, personIds));
  const rows = await db
    .select({ id: s.grants.id, personId: s.grants.personId })
    .from(s.grants)
    .where(inArray(s.grants.personId, personIds))
    .orderBy(s.grants.id);
  const emailOf = new Map(writers.map((w) => [w.personId, w.email]));
  const byPerson = new Map<string, string[]>();
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), r.id]);
  const acceptances: Acceptance[] = [];
  for (let round = 0; acceptances.length < rows.length; round++) {
    for (const [personId, ids] of byPerson)
      if (ids[round]) acceptances.push({ email: emailOf.get(personId)!, grantId: ids[round]! });
  }
  const vesting = await vestingCycle(db);
  return {
    acceptances,
    writerEmails: writers.map((w) => w.email),
    disclosurePlanIds: await smallestPlans(db, 3),
    vesting,
    vestingNote: vesting ? null : "no recorded vesting run to reverse and run again at this size",
  };
}

type Rows<T> = { rows: T[] };

async function smallestPlans(db: Database, n: number): Promise<string[]> {
  const result = (await db.execute(
    sql`SELECT plan_id::text AS id FROM grants GROUP BY plan_id ORDER BY count(*), plan_id LIMIT ${n}`,
  )) as unknown as Rows<{ id: string }>;
  return result.rows.map((r) => r.id);
}

/**
 * A seeded run of the smallest plan that has one (every create and reversal re-derives the whole plan),
 * its latest tranche (no later run rests on it), the period with the fewest grantees; with the grades
 * the seed recorded for everyone still employed on the vesting date, as confirmVestingRun demands them.
 */
async function vestingCycle(db: Database): Promise<VestingCycle | null> {
  const found = (await db.execute(sql`
    SELECT vr.id::text AS run_id, gb.plan_id::text AS plan_id, vr.batch_id::text AS batch_id,
           vr.category_id::text AS category_id, vr.tranche_index, vr.vesting_date::text AS vesting_date,
           ca.company_ratio::text AS company_ratio, ca.fiscal_year,
           (SELECT count(*) FROM grants g WHERE g.plan_id = gb.plan_id)::int AS plan_grants
      FROM vesting_runs vr
      JOIN grant_batches gb ON gb.id = vr.batch_id
      JOIN company_appraisals ca
        ON ca.batch_id = vr.batch_id AND ca.category_id = vr.category_id AND ca.tranche_index = vr.tranche_index
     WHERE NOT EXISTS (SELECT 1 FROM vesting_run_reversals r WHERE r.vesting_run_id = vr.id)
       AND NOT EXISTS (SELECT 1 FROM vesting_batch_periods p WHERE p.vesting_run_id = vr.id)
     ORDER BY plan_grants, vr.tranche_index DESC,
              (SELECT count(*) FROM grants g WHERE g.batch_id = vr.batch_id AND g.category_id = vr.category_id),
              vr.id
     LIMIT 1`)) as unknown as Rows<{
    run_id: string;
    plan_id: string;
    batch_id: string;
    category_id: string;
    tranche_index: number;
    vesting_date: string;
    company_ratio: string;
    fiscal_year: number;
    plan_grants: number;
  }>;
  const run = found.rows[0];
  if (!run) return null;
  const grades = (await db.execute(sql`
    SELECT p.employee_no, coalesce(ar.grade, 'A') AS grade
      FROM grants g
      JOIN persons p ON p.id = g.person_id
      LEFT JOIN appraisal_results ar ON ar.grant_id = g.id AND ar.tranche_index = ${run.tranche_index}
     WHERE g.batch_id = ${run.batch_id} AND g.category_id = ${run.category_id}
       AND (p.leave_date IS NULL OR p.leave_date >= ${run.vesting_date}::date)
     ORDER BY p.employee_no`)) as unknown as Rows<{ employee_no: string; grade: string }>;
  return {
    planId: run.plan_id,
    runId: run.run_id,
    planGrants: Number(run.plan_grants),
    body: {
      batch: run.batch_id,
      categoryId: run.category_id,
      trancheIndex: Number(run.tranche_index),
      vestingDate: run.vesting_date,
      companyRatio: run.company_ratio,
      fiscalYear: Number(run.fiscal_year),
      grades: grades.rows.map((g) => ({ employeeNo: g.employee_no, grade: g.grade })),
      confirm: true,
    },
  };
}
