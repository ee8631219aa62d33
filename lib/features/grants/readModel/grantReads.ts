import "server-only";
import { and, asc, eq, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { PgSelect } from "drizzle-orm/pg-core";
import type { Database } from "@/db/client";
import { isoTimestampText } from "@/lib/platform/jsonTimestamp";
import { preparedStatement } from "@/lib/platform/preparedStatement";
import {
  adjustmentRecords,
  appraisalResults,
  companyAppraisals,
  corporateActions,
  grantBatches,
  grantDtoVersions,
  grants,
  participantCategories,
  persons,
  plans,
  tranches,
  type DeferralRecord,
} from "@/db/schema";
import {
  EARLIEST_REASON_TEXT,
  LAPSE_REASON_TEXT,
  type EarliestReasonCode,
  type LapseReasonCode,
} from "@/lib/domain/vesting/reasonTexts";

/** A tranche as the API and pages show it. */
export interface TrancheDto {
  index: number;
  ratio: string;
  plannedQuantity: number;
  windowOpen: string | null;
  windowClose: string | null;
  earliestVestingDate: string | null;
  earliestReason: EarliestReasonCode | null;
  earliestReasonText: { zh: string; en: string } | null;
  deferredBy: DeferralRecord[];
  status: "pending" | "vestable" | "vested" | "lapsed";
  vestedQuantity: number;
  lapsedQuantity: number;
  vestingDate: string | null;
  lapseReason: LapseReasonCode | null;
  lapseReasonText: { zh: string; en: string } | null;
  /** The appraisal of this period, once recorded: individual grade with its ratio, and the company ratio. */
  appraisal: { fiscalYear: number; grade: string; individualRatio: string | null; companyRatio: string | null } | null;
}

/** A grant as the API contract (#3) names it, plus display names. */
export interface GrantDto {
  id: string;
  planId: string;
  planName: string;
  planNameEn: string;
  personId: string;
  employeeNo: string;
  personName: string;
  batch: "first" | "reserved";
  categoryId: string;
  categoryName: string;
  categoryNameEn: string;
  grantDate: string;
  grantPrice: string;
  originalGrantPrice: string;
  quantity: number;
  originalQuantity: number;
  acceptedAt: string | null;
  adjustments: {
    date: string;
    type: string;
    priceBefore: string;
    priceAfter: string;
    quantityBefore: number;
    quantityAfter: number;
  }[];
  tranches: TrancheDto[];
}

/**
 * Grants matching the filter, with their tranches, appraisals and adjustment history, in a fixed order,
 * from one round trip. PostgreSQL builds each grant's DTO as JSON (the shape is defined once, in
 * `grantJson` below), so pages parse it natively and the API can send it on without re-encoding.
 */
export async function loadGrants(db: Database, where: SQL | undefined): Promise<GrantDto[]> {
  const rows = await withGrantJoins(
    db
      .select({ grant: sql<GrantDto>`${grantJson}` })
      .from(grants)
      .$dynamic(),
  )
    .where(where)
    .orderBy(...GRANT_ORDER);
  return rows.map((r) => r.grant);
}

/** Grants of one person: the grantee pages' query, prepared once. */
export async function grantsOfPerson(db: Database, personId: string): Promise<GrantDto[]> {
  const [row] = await grantsOfPersonQuery(db).execute({ personId });
  return JSON.parse(row?.grants ?? "[]") as GrantDto[];
}

/**
 * A person's grants as one JSON array text, for a person id given as a column or placeholder: a scalar
 * subquery, so that another statement (the session check) can carry it in the same round trip.
 */
export function personGrantsJson(db: Database, personId: SQLWrapper): SQL<string> {
  return sql<string>`(${personGrantsQuery(db, personId, "text")})`;
}

/** The same array as a JSON value, for a statement that nests it in a larger JSON answer. */
export function personGrantsJsonValue(db: Database, personId: SQLWrapper): SQL<GrantDto[]> {
  return sql<GrantDto[]>`(${personGrantsQuery(db, personId, "json")})`;
}

/**
 * The version of everything one person's grant DTOs are built from: it moves at the commit of any change
 * to them, and only to them (migration 0013); a person nothing was ever written for is at 0.
 */
export function grantDtoVersion(personId: SQLWrapper): SQL<number> {
  const version = sql`coalesce((select ${grantDtoVersions.version} from ${grantDtoVersions} where ${grantDtoVersions.personId} = ${personId}), 0)`;
  // Nested once: drizzle strips the table from a single-table select's own columns, which would turn
  // the person's column into the subquery's own person_id; columns inside a nested SQL keep theirs.
  return sql<number>`${version}`;
}

/**
 * The person's grants (as personGrantsJson or personGrantsJsonValue), or null when the caller says it
 * holds them already: placeholder `gv` is the version it holds them at and `gp` the person they are of.
 */
export function personGrantsUnlessKept(db: Database, personId: SQLWrapper, as: "text" | "json"): SQL<string | null> {
  const grantsSql = as === "text" ? personGrantsJson(db, personId) : personGrantsJsonValue(db, personId);
  return sql<
    string | null
  >`case when ${grantDtoVersion(personId)} = ${sql.placeholder("gv")} and ${personId} = ${sql.placeholder("gp")}::uuid then null else ${grantsSql} end`;
}

function personGrantsQuery(db: Database, personId: SQLWrapper, as: "text" | "json" = "text") {
  const array = sql`coalesce(json_agg(${grantJson} order by ${sql.join(GRANT_ORDER, sql`, `)}), '[]'::json)`;
  return withGrantJoins(
    db
      .select({ grants: as === "text" ? sql<string>`${array}::text` : sql<string>`${array}` })
      .from(grants)
      .$dynamic(),
  ).where(eq(grants.personId, personId));
}

const grantsOfPersonQuery = preparedStatement((db) =>
  personGrantsQuery(db, sql.placeholder("personId")).prepare("vd_grants_of_person"),
);

function withGrantJoins<T extends PgSelect>(query: T) {
  return query
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .innerJoin(plans, eq(grants.planId, plans.id))
    .innerJoin(persons, eq(grants.personId, persons.id))
    .innerJoin(participantCategories, eq(grants.categoryId, participantCategories.id));
}

const GRANT_ORDER = [asc(grantBatches.grantDate), asc(persons.employeeNo)];

/** A ratio without trailing zeros ("0.3300" -> "0.33"), as text so that no float rounds it. */
const ratioText = (column: SQLWrapper) => sql`trim_scale(${column})::text`;

/** A stored reason code's text in both languages, beside the code (null for no reason or an unknown one). */
const reasonText = (column: SQLWrapper, texts: Readonly<Record<string, { zh: string; en: string }>>) =>
  sql`case ${column} ${sql.join(
    Object.entries(texts).map(
      ([code, t]) => sql`when ${code} then json_build_object('zh', ${t.zh}::text, 'en', ${t.en}::text)`,
    ),
    sql` `,
  )} else null end`;

// The DTO of the current grant row (with its batch, plan, person and category joined). Decimals travel
// as strings, dates as ISO strings, timestamps in JavaScript's toISOString() form.
const trancheJson = sql`json_build_object(
  'index', ${tranches.trancheIndex}, 'ratio', ${ratioText(tranches.ratio)}, 'plannedQuantity', ${tranches.plannedQuantity},
  'windowOpen', ${tranches.windowOpen}, 'windowClose', ${tranches.windowClose}, 'earliestVestingDate', ${tranches.earliestVestingDate},
  'earliestReason', ${tranches.earliestReason}, 'deferredBy', coalesce(${tranches.deferredBy}, '[]'::jsonb), 'status', ${tranches.status},
  'vestedQuantity', ${tranches.vestedQuantity}, 'lapsedQuantity', ${tranches.lapsedQuantity}, 'vestingDate', ${tranches.vestingDate},
  'lapseReason', ${tranches.lapseReason}, 'lapseReasonText', ${reasonText(tranches.lapseReason, LAPSE_REASON_TEXT)},
  'earliestReasonText', ${reasonText(tranches.earliestReason, EARLIEST_REASON_TEXT)},
  'appraisal', case when ${appraisalResults.fiscalYear} is null or ${appraisalResults.grade} is null then null else json_build_object(
    'fiscalYear', ${appraisalResults.fiscalYear}, 'grade', ${appraisalResults.grade}, 'individualRatio', ${plans.gradeTable} ->> ${appraisalResults.grade},
    'companyRatio', ${ratioText(companyAppraisals.companyRatio)}) end)`;

const grantJson = sql`json_build_object(
  'id', ${grants.id}, 'planId', ${grants.planId}, 'planName', ${plans.name}, 'planNameEn', ${plans.nameEn},
  'personId', ${grants.personId}, 'employeeNo', ${persons.employeeNo}, 'personName', ${persons.name}, 'batch', ${grantBatches.batch},
  'categoryId', ${grants.categoryId}, 'categoryName', ${participantCategories.name}, 'categoryNameEn', ${participantCategories.nameEn},
  'grantDate', ${grantBatches.grantDate}, 'originalGrantPrice', ${grantBatches.grantPrice}::text, 'grantPrice', ${grants.adjustedPrice}::text,
  'quantity', ${grants.adjustedQuantity}, 'originalQuantity', ${grants.quantity},
  'acceptedAt', ${isoTimestampText(grants.acceptedAt)},
  'adjustments', coalesce((
    select json_agg(json_build_object(
      'date', ${corporateActions.exDate}, 'type', ${corporateActions.type}, 'priceBefore', ${adjustmentRecords.priceBefore}::text,
      'priceAfter', ${adjustmentRecords.priceAfter}::text, 'quantityBefore', ${adjustmentRecords.quantityBefore}, 'quantityAfter', ${adjustmentRecords.quantityAfter}
    ) order by ${corporateActions.exDate}, ${adjustmentRecords.createdAt})
    from ${adjustmentRecords} join ${corporateActions} on ${corporateActions.id} = ${adjustmentRecords.corporateActionId}
    where ${adjustmentRecords.grantId} = ${grants.id}), '[]'::json),
  'tranches', coalesce((
    select json_agg(${trancheJson} order by ${tranches.trancheIndex})
    from ${tranches}
    left join ${appraisalResults} on ${appraisalResults.grantId} = ${tranches.grantId} and ${appraisalResults.trancheIndex} = ${tranches.trancheIndex}
    left join ${companyAppraisals} on ${companyAppraisals.batchId} = ${grants.batchId} and ${companyAppraisals.categoryId} = ${grants.categoryId} and ${companyAppraisals.trancheIndex} = ${tranches.trancheIndex}
    where ${tranches.grantId} = ${grants.id}), '[]'::json))`;

/** One grant, optionally only if it belongs to the person. */
export async function grantById(db: Database, grantId: string, personId?: string): Promise<GrantDto | null> {
  const cond = personId ? and(eq(grants.id, grantId), eq(grants.personId, personId)) : eq(grants.id, grantId);
  return (await loadGrants(db, cond))[0] ?? null;
}

/** Totals over a list of grants: granted (adjusted), vested, lapsed and still unvested. */
export function grantTotals(list: GrantDto[]) {
  let granted = 0,
    vested = 0,
    lapsed = 0;
  for (const g of list) {
    granted += g.quantity;
    for (const t of g.tranches) {
      vested += t.vestedQuantity;
      lapsed += t.lapsedQuantity;
    }
  }
  return { granted, vested, lapsed, unvested: granted - vested - lapsed };
}
