import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { REGISTER_PAGE_SIZE } from "@/lib/features/registers/grantRegisterQuery";
import { eachMapped, prefetchedPages, readRegisterPage } from "@/lib/platform/exports/keysetPages";

/** Where a page of the vesting register ended: the (grant, tranche) pair it is ordered by. */
export interface TrancheCursor {
  grantId: string;
  trancheIndex: number;
}

/**
 * Tranches with a decided outcome: vested, lapsed, or still open with an appraisal share already
 * voided. Keyset pagination on (grant id, tranche number), which the tranches' unique index serves;
 * values cast to text so both drivers return the same types.
 */
export function vestingRegisterSelect(planId: string | null, after: TrancheCursor | null, limit: number): SQL {
  const filters: SQL[] = [sql`(tr.status IN ('vested', 'lapsed') OR tr.lapsed_quantity > 0)`];
  if (planId !== null) filters.push(sql`g.plan_id = ${planId}::uuid`);
  if (after !== null) {
    filters.push(sql`(tr.grant_id, tr.tranche_index) > (${after.grantId}::uuid, ${after.trancheIndex}::int)`);
    // Implied by the join, but stated so the planner starts the grants scan at the cursor instead of the first grant.
    filters.push(sql`g.id >= ${after.grantId}::uuid`);
  }
  return sql`SELECT
      tr.grant_id::text AS grant_id, tr.tranche_index, g.plan_id::text AS plan_id, pl.name AS plan_name, b.batch::text AS batch, b.grant_date::text AS grant_date,
      b.grant_price::text AS grant_price, p.employee_no, p.name, p.leave_date::text AS leave_date,
      tr.status::text AS status, tr.planned_quantity::text AS planned, tr.vested_quantity::text AS vested, tr.lapsed_quantity::text AS lapsed,
      tr.vesting_date::text AS vesting_date, tr.lapse_reason, tr.window_close::text AS window_close,
      ca.company_ratio::text AS company_ratio, ap.grade, pl.grade_table ->> ap.grade AS individual_ratio,
      vr.vesting_date::text AS run_date, to_char(ap.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS appraisal_date,
      to_char(bv.voided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS void_date
    FROM tranches tr
    JOIN grants g ON g.id = tr.grant_id
    JOIN grant_batches b ON b.id = g.batch_id
    JOIN plans pl ON pl.id = g.plan_id
    JOIN persons p ON p.id = g.person_id
    LEFT JOIN appraisal_results ap ON ap.grant_id = tr.grant_id AND ap.tranche_index = tr.tranche_index
    LEFT JOIN company_appraisals ca ON ca.batch_id = g.batch_id AND ca.category_id = g.category_id AND ca.tranche_index = tr.tranche_index
    -- At most one run of a period is unreversed (issue #21): a reversed run dates nothing.
    LEFT JOIN vesting_runs vr ON vr.batch_id = g.batch_id AND vr.category_id = g.category_id AND vr.tranche_index = tr.tranche_index
      AND NOT EXISTS (SELECT 1 FROM vesting_run_reversals rv WHERE rv.vesting_run_id = vr.id)
    LEFT JOIN grant_batch_voids bv ON bv.batch_id = g.batch_id
    WHERE ${sql.join(filters, sql` AND `)}
    ORDER BY tr.grant_id, tr.tranche_index
    LIMIT ${limit}`;
}

/** One tranche outcome with numbers parsed. */
export interface VestingRegisterRow {
  grantId: string;
  trancheIndex: number;
  planId: string;
  planName: string;
  batch: "first" | "reserved";
  grantDate: string;
  grantPrice: string;
  employeeNo: string;
  name: string;
  leaveDate: string | null;
  status: "pending" | "vestable" | "vested" | "lapsed";
  planned: number;
  vested: number;
  lapsed: number;
  vestingDate: string | null;
  lapseReason: string | null;
  windowClose: string | null;
  companyRatio: string | null;
  grade: string | null;
  individualRatio: string | null;
  runDate: string | null;
  appraisalDate: string | null;
  /** Asia/Shanghai date the grant's batch was voided, or null. */
  voidDate: string | null;
}

type RawRow = Record<string, string | number | null>;

function toRow(r: RawRow): VestingRegisterRow {
  const s = (k: string) => (r[k] === null || r[k] === undefined ? null : String(r[k]));
  return {
    grantId: s("grant_id")!,
    trancheIndex: Number(r.tranche_index),
    planId: s("plan_id")!,
    planName: s("plan_name")!,
    batch: s("batch") as VestingRegisterRow["batch"],
    grantDate: s("grant_date")!,
    grantPrice: s("grant_price")!,
    employeeNo: s("employee_no")!,
    name: s("name")!,
    leaveDate: s("leave_date"),
    status: s("status") as VestingRegisterRow["status"],
    planned: Number(r.planned),
    vested: Number(r.vested),
    lapsed: Number(r.lapsed),
    vestingDate: s("vesting_date"),
    lapseReason: s("lapse_reason"),
    windowClose: s("window_close"),
    companyRatio: s("company_ratio"),
    grade: s("grade"),
    individualRatio: s("individual_ratio"),
    runDate: s("run_date"),
    appraisalDate: s("appraisal_date"),
    voidDate: s("void_date"),
  };
}

/** The vesting and lapse register in pages, ordered by grant and tranche, each row converted as it is read; the next page is read while this one is used. */
export async function* vestingRegisterPages(
  db: Database,
  planId: string | null,
  pageSize = REGISTER_PAGE_SIZE,
): AsyncGenerator<Iterable<VestingRegisterRow>> {
  const pages = prefetchedPages(
    (after: TrancheCursor | null) => readRegisterPage<RawRow>(db, vestingRegisterSelect(planId, after, pageSize)),
    (last): TrancheCursor => ({ grantId: String(last.grant_id), trancheIndex: Number(last.tranche_index) }),
    pageSize,
  );
  for await (const rows of pages) yield eachMapped(rows, toRow);
}
