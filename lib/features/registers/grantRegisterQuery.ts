import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Database } from "@/db/client";
import { eachMapped, prefetchedPages, readRegisterPage } from "@/lib/platform/exports/keysetPages";
import { trimDecimal } from "@/lib/domain/numeric/decimal";

/** Grants per query: large enough to keep round trips few, small enough to keep memory flat. */
export const REGISTER_PAGE_SIZE = 2_000;

/** What a read of the grant register carries besides the columns of the CSV/XLSX table. */
export interface GrantRegisterDetail {
  /** The encrypted ID number, read only for an export that includes full ID numbers. */
  idCipher?: boolean;
  /** The plan, person and category ids, the leave date and each tranche's outcome facts: what OCF transactions are built from. */
  ocf?: boolean;
}

/**
 * The one query the grant register is read with: one row per grant, with its tranches aggregated into
 * a JSON array, so one page costs one round trip. Keyset pagination on the grant id (no OFFSET): pass
 * the last id of a page as `afterId` for the next. Every value is cast to text (or int4) in SQL so
 * node-postgres and PGlite return the same JavaScript types; the same text is what
 * `COPY (query) TO STDOUT` writes, which the export benchmark compares against. By default it reads
 * exactly what the CSV/XLSX table shows: at 100k grants every column more is 100k more strings for
 * the driver to make and the garbage collector to move (the ids and outcome facts OCF needs cost a
 * quarter of the client's time and memory churn, measured).
 */
export function grantRegisterSelect(
  planId: string | null,
  afterId: string | null,
  limit: number,
  detail: GrantRegisterDetail = {},
): SQL {
  const filters: SQL[] = [];
  if (planId !== null) filters.push(sql`g.plan_id = ${planId}::uuid`);
  if (afterId !== null) filters.push(sql`g.id > ${afterId}::uuid`);
  const where = filters.length > 0 ? sql`WHERE ${sql.join(filters, sql` AND `)}` : sql``;
  const ocfColumns = detail.ocf
    ? sql`g.plan_id::text AS plan_id, g.person_id::text AS person_id, g.category_id::text AS category_id, p.leave_date::text AS leave_date,
        (SELECT to_char(v.voided_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') FROM grant_batch_voids v WHERE v.batch_id = g.batch_id) AS voided_on,`
    : sql``;
  const idCipher = detail.idCipher ? sql`p.id_number_enc,` : sql``;
  // The run and appraisal dates are looked up only where they date a lapse (a failed appraisal without registration).
  const ocfTranche = detail.ocf
    ? sql`, tr.vesting_date, tr.lapse_reason,
               CASE WHEN tr.lapse_reason = 'appraisal' AND tr.vesting_date IS NULL THEN
                 (SELECT vr.vesting_date FROM vesting_runs vr WHERE vr.batch_id = g.batch_id AND vr.category_id = g.category_id AND vr.tranche_index = tr.tranche_index
                     AND NOT EXISTS (SELECT 1 FROM vesting_run_reversals rv WHERE rv.vesting_run_id = vr.id)) END,
               CASE WHEN tr.lapse_reason = 'appraisal' AND tr.vesting_date IS NULL THEN
                 (SELECT to_char(ap.recorded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') FROM appraisal_results ap WHERE ap.grant_id = g.id AND ap.tranche_index = tr.tranche_index) END`
    : sql``;
  return sql`SELECT
      g.id::text AS grant_id, ${ocfColumns} pl.name AS plan_name, b.batch::text AS batch, b.grant_date::text AS grant_date,
      p.employee_no, p.name, p.position, c.name AS category, p.nationality, ${idCipher} p.id_number_last4,
      g.quantity::text AS quantity, g.adjusted_quantity::text AS adjusted_quantity, b.grant_price::text AS grant_price, g.adjusted_price::text AS adjusted_price,
      to_char(g.accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') AS accepted_at,
      coalesce(t.tranches, '[]'::json)::text AS tranches,
      coalesce(t.vested, 0)::text AS vested, coalesce(t.lapsed, 0)::text AS lapsed,
      (g.adjusted_quantity - coalesce(t.vested, 0) - coalesce(t.lapsed, 0))::text AS unvested,
      CASE WHEN EXISTS (SELECT 1 FROM grant_batch_voids v WHERE v.batch_id = g.batch_id) THEN 'voided'
           WHEN coalesce(t.open, 0) > 0 OR coalesce(t.n, 0) = 0 THEN 'outstanding'
           WHEN t.vested_n = t.n THEN 'vested' WHEN t.lapsed_n = t.n THEN 'lapsed' ELSE 'settled' END AS grant_status
    FROM grants g
    JOIN grant_batches b ON b.id = g.batch_id
    JOIN plans pl ON pl.id = g.plan_id
    JOIN persons p ON p.id = g.person_id
    JOIN participant_categories c ON c.id = g.category_id
    LEFT JOIN LATERAL (
      -- Positional arrays, not objects: building keyed JSON for every tranche costs about twice as much.
      SELECT json_agg(json_build_array(
               tr.tranche_index, tr.ratio::text, tr.window_open, tr.window_close, tr.earliest_vesting_date, tr.status, tr.vested_quantity, tr.lapsed_quantity
               ${ocfTranche}
             ) ORDER BY tr.tranche_index) AS tranches,
             sum(tr.vested_quantity) AS vested, sum(tr.lapsed_quantity) AS lapsed, count(*) AS n,
             count(*) FILTER (WHERE tr.status IN ('pending', 'vestable')) AS open,
             count(*) FILTER (WHERE tr.status = 'vested') AS vested_n,
             count(*) FILTER (WHERE tr.status = 'lapsed') AS lapsed_n
      FROM tranches tr WHERE tr.grant_id = g.id
    ) t ON true
    ${where}
    ORDER BY g.id
    LIMIT ${limit}`;
}

/** One tranche as the register table shows it. */
export interface RegisterTranche {
  index: number;
  ratio: string;
  windowOpen: string | null;
  windowClose: string | null;
  earliest: string | null;
  status: "pending" | "vestable" | "vested" | "lapsed";
  vested: number;
  lapsed: number;
}

/** One tranche with the facts its outcome is dated by (OCF). */
export interface OcfTranche extends RegisterTranche {
  vestingDate: string | null;
  lapseReason: string | null;
  runDate: string | null;
  appraisalDate: string | null;
}

/** One grant register row with numbers parsed. */
export interface GrantRegisterRow {
  grantId: string;
  planName: string;
  batch: "first" | "reserved";
  grantDate: string;
  employeeNo: string;
  name: string;
  position: string;
  category: string;
  nationality: string;
  idNumberLast4: string | null;
  /** Null unless read with `idCipher`. */
  idNumberEnc: string | null;
  quantity: number;
  adjustedQuantity: number;
  grantPrice: string;
  adjustedPrice: string;
  acceptedAt: string | null;
  tranches: RegisterTranche[];
  vested: number;
  lapsed: number;
  unvested: number;
  /** "voided": the batch was recorded by mistake and voided (grant_batch_voids); its tranches lapsed as "voided". */
  grantStatus: "outstanding" | "vested" | "lapsed" | "settled" | "voided";
}

/** A grant register row read with the `ocf` detail. */
export interface OcfGrantRow extends GrantRegisterRow {
  planId: string;
  personId: string;
  categoryId: string;
  leaveDate: string | null;
  /** Asia/Shanghai date the grant's batch was voided, or null. */
  voidedOn: string | null;
  tranches: OcfTranche[];
}

type RawRow = Record<string, string | null>;

/**
 * One tranche as the query's positional JSON array carries it (dates as yyyy-mm-dd, quantities as
 * numbers), the outcome facts appended when read for OCF.
 */
type TrancheTuple = [
  number,
  string,
  string | null,
  string | null,
  string | null,
  RegisterTranche["status"],
  number,
  number,
  ...(string | null)[],
];

function toTranche(t: TrancheTuple): RegisterTranche {
  const [index, ratio, windowOpen, windowClose, earliest, status, vested, lapsed] = t;
  return {
    index,
    ratio: trimDecimal(ratio),
    windowOpen,
    windowClose,
    earliest,
    status,
    vested: Number(vested),
    lapsed: Number(lapsed),
  };
}

function toOcfTranche(t: TrancheTuple): OcfTranche {
  const [vestingDate = null, lapseReason = null, runDate = null, appraisalDate = null] = t.slice(8) as (
    string | null
  )[];
  return { ...toTranche(t), vestingDate, lapseReason, runDate, appraisalDate };
}

// The tranches come as JSON text, parsed here as each row is used rather than by the driver as the
// page arrives: parsed early, every page's tranche arrays outlive a few young-generation collections
// and are moved to the old generation, whose garbage then grows the heap (measured at 100k grants).
function trancheTuples(r: RawRow): TrancheTuple[] {
  const json: unknown = r.tranches;
  return (typeof json === "string" ? JSON.parse(json) : json) as TrancheTuple[];
}

function toRow(r: RawRow): GrantRegisterRow {
  return {
    grantId: r.grant_id!,
    planName: r.plan_name!,
    batch: r.batch as GrantRegisterRow["batch"],
    grantDate: r.grant_date!,
    employeeNo: r.employee_no!,
    name: r.name!,
    position: r.position!,
    category: r.category!,
    nationality: r.nationality!,
    idNumberLast4: r.id_number_last4 ?? null,
    idNumberEnc: r.id_number_enc ?? null,
    quantity: Number(r.quantity),
    adjustedQuantity: Number(r.adjusted_quantity),
    grantPrice: r.grant_price!,
    adjustedPrice: r.adjusted_price!,
    acceptedAt: r.accepted_at ?? null,
    tranches: trancheTuples(r).map(toTranche),
    vested: Number(r.vested),
    lapsed: Number(r.lapsed),
    unvested: Number(r.unvested),
    grantStatus: r.grant_status as GrantRegisterRow["grantStatus"],
  };
}

function toOcfRow(r: RawRow): OcfGrantRow {
  return {
    ...toRow(r),
    planId: r.plan_id!,
    personId: r.person_id!,
    categoryId: r.category_id!,
    leaveDate: r.leave_date ?? null,
    voidedOn: r.voided_on ?? null,
    tranches: trancheTuples(r).map(toOcfTranche),
  };
}

async function* pagesOf<Row>(
  db: Database,
  planId: string | null,
  pageSize: number,
  detail: GrantRegisterDetail,
  convert: (r: RawRow) => Row,
): AsyncGenerator<Iterable<Row>> {
  const pages = prefetchedPages(
    (afterId: string | null) => readRegisterPage<RawRow>(db, grantRegisterSelect(planId, afterId, pageSize, detail)),
    (last) => last.grant_id!,
    pageSize,
  );
  for await (const rows of pages) yield eachMapped(rows, convert);
}

/**
 * The grant register in pages of `pageSize` grants, ordered by grant id, each row converted as it is
 * read (see eachMapped); the next page is read while this one is used.
 */
export function grantRegisterPages(
  db: Database,
  planId: string | null,
  pageSize = REGISTER_PAGE_SIZE,
  detail: { idCipher?: boolean } = {},
): AsyncGenerator<Iterable<GrantRegisterRow>> {
  return pagesOf(db, planId, pageSize, { idCipher: detail.idCipher }, toRow);
}

/** The grant register with what OCF transactions need, in pages as grantRegisterPages. */
export function ocfGrantPages(
  db: Database,
  planId: string | null,
  pageSize = REGISTER_PAGE_SIZE,
): AsyncGenerator<Iterable<OcfGrantRow>> {
  return pagesOf(db, planId, pageSize, { ocf: true }, toOcfRow);
}

/** The highest tranche number among the grants in scope: how many tranche column groups the register has. */
export async function maxTrancheCount(db: Database, planId: string | null): Promise<number> {
  const where = planId === null ? sql`` : sql`WHERE g.plan_id = ${planId}::uuid`;
  const result = (await db.execute(
    sql`SELECT coalesce(max(tr.tranche_index), 0)::int AS n FROM tranches tr JOIN grants g ON g.id = tr.grant_id ${where}`,
  )) as unknown as { rows: { n: number }[] };
  return Number(result.rows[0]?.n ?? 0);
}
