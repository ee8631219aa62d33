import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grantBatches, grants, participantCategories, persons, plans } from "@/db/schema";
import { checkCapHoldings } from "@/lib/domain/caps/capHoldings";
import { violation, type RuleViolation } from "@/lib/domain/errors";
import { notFound } from "@/lib/platform/errors/apiError";
import { today } from "@/lib/platform/clock";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import { loadCapInputs } from "@/lib/features/plans/capInputs";
import { batchNotVoided } from "@/lib/features/derivation/correctionFilters";
import type { ImportWarning } from "@/lib/features/imports/importWarnings";
import { listWarnings } from "@/lib/features/participants/listWarnings";
import type { ListBatch, ParticipantRow } from "@/lib/features/participants/rowShape";

/** A problem with one row or with the list as a whole; codes are stable, messages English. */
export interface ListError {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

/** A validated row: what would be listed, and everything wrong with it. The ID number is never echoed. */
export interface PreviewRow {
  line: number;
  employeeNo: string;
  name: string;
  nationality: string;
  position: string;
  personId: string | null;
  categoryId: string | null;
  categoryCode: number | null;
  quantity: number | null;
  idNumberChecked: boolean;
  errors: ListError[];
}

/**
 * Result of a dry run: per-row errors, list-level errors, totals, and the warnings to accept before
 * applying (`ok` is about errors only).
 */
export interface ListPreview {
  planId: string;
  batch: ListBatch;
  ok: boolean;
  rows: PreviewRow[];
  listErrors: ListError[];
  warnings: ImportWarning[];
  summary: { rows: number; people: number; total: number; limit: number; errorRows: number };
}

const INELIGIBLE = [
  ["isIndependentDirector", "independent_director"],
  ["isSupervisor", "supervisor"],
  ["isMajorHolder", "major_holder"],
  ["isActualControllerOrRelative", "actual_controller_or_relative"],
] as const;

const err = (code: string, message: string, details: Record<string, unknown> = {}): ListError => ({
  code,
  message,
  details,
});

/** Whole positive share count from "1000", "1,000", "1000.0" or 1000; null for anything else. */
export function parseQuantity(raw: string): number | null {
  const t = raw.replace(/[,\s，]/g, "");
  if (!/^\d+(\.0+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

const sameName = (a: string, b: string) =>
  a.replace(/\s+/g, " ").trim().toLowerCase() === b.replace(/\s+/g, " ").trim().toLowerCase();

/** Checks every row and the list against persons, categories, eligibility and the caps, without writing. */
export async function validateRows(
  tx: Database | Transaction,
  planId: string,
  batch: ListBatch,
  rows: ParticipantRow[],
): Promise<ListPreview> {
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId));
  if (!plan) throw notFound("Plan");
  const categories = await tx.select().from(participantCategories).where(eq(participantCategories.planId, planId));
  const numbers = [...new Set(rows.map((r) => r.employeeNo).filter(Boolean))];
  const people = numbers.length ? await tx.select().from(persons).where(inArray(persons.employeeNo, numbers)) : [];
  const personByNo = new Map(people.map((p) => [p.employeeNo, p]));
  const capInputs = await loadCapInputs(
    tx,
    plan.issuerId,
    people.map((p) => p.id),
  );

  const firstLine = new Map<string, number>();
  const out: PreviewRow[] = rows.map((r) => {
    const errors: ListError[] = [];
    for (const field of ["employeeNo", "name", "categoryId", "quantity"] as const) {
      if (!r[field]) errors.push(err("MISSING_FIELD", `The ${field} cell is empty.`, { field }));
    }
    const person = r.employeeNo ? personByNo.get(r.employeeNo) : undefined;
    if (r.employeeNo && !person)
      errors.push(err("UNKNOWN_PERSON", `No person has employee no. ${r.employeeNo}.`, { employeeNo: r.employeeNo }));
    if (person && r.name && !sameName(person.name, r.name))
      errors.push(
        err("NAME_MISMATCH", "The name differs from the person record.", { listed: r.name, recorded: person.name }),
      );
    if (r.employeeNo) {
      const seen = firstLine.get(r.employeeNo);
      if (seen !== undefined)
        errors.push(
          err("DUPLICATE_PERSON", `Employee no. ${r.employeeNo} is already listed on line ${seen}.`, {
            firstLine: seen,
          }),
        );
      else firstLine.set(r.employeeNo, r.line);
    }
    const quantity = r.quantity ? parseQuantity(r.quantity) : null;
    if (r.quantity && quantity === null)
      errors.push(
        err("INVALID_QUANTITY", "The quantity must be a whole number of shares above zero.", { value: r.quantity }),
      );
    const category = r.categoryId
      ? categories.find((c) => c.id === r.categoryId || (/^\d+$/.test(r.categoryId) && c.code === Number(r.categoryId)))
      : undefined;
    if (r.categoryId && !category)
      errors.push(
        err("UNKNOWN_CATEGORY", `The plan has no category ${r.categoryId}.`, {
          value: r.categoryId,
          known: categories.map((c) => c.code),
        }),
      );
    if (person) {
      const reasons = INELIGIBLE.filter(([flag]) => person[flag]).map(([, reason]) => reason);
      if (reasons.length > 0)
        errors.push(err("INELIGIBLE_PERSON", "The person may not be an incentive object.", { reasons }));
      if (person.employmentStatus === "left")
        errors.push(err("PERSON_LEFT", "The person has left the company.", { leaveDate: person.leaveDate }));
      if (
        r.idNumber &&
        person.idNumberEnc &&
        normaliseId(decryptIdNumber(person.idNumberEnc)) !== normaliseId(r.idNumber)
      ) {
        errors.push(err("ID_MISMATCH", "The ID number differs from the person record.", {}));
      }
    }
    return {
      line: r.line,
      employeeNo: r.employeeNo,
      name: r.name,
      nationality: r.nationality || person?.nationality || "",
      position: r.position || person?.position || "",
      personId: person?.id ?? null,
      categoryId: category?.id ?? null,
      categoryCode: category?.code ?? null,
      quantity,
      idNumberChecked: Boolean(r.idNumber && person?.idNumberEnc),
      errors,
    };
  });

  // The 1 % / 20 % caps by the same rule as a grant (lib/domain/caps/capHoldings.ts), as of today: the
  // list has no grant date yet, and the grant checks again on its own date. The announcement-day
  // capital stands in only while no share capital is recorded (a grant would then be refused).
  const candidate = out.flatMap((r, row) =>
    r.personId !== null && r.quantity !== null ? [{ row, personId: r.personId, quantity: r.quantity }] : [],
  );
  const caps = checkCapHoldings({
    date: today(),
    shareCapital: capInputs.shareCapital ?? plan.shareCapitalAtAnnouncement,
    plans: capInputs.plans,
    batchTotals: capInputs.batchTotals,
    holdings: capInputs.holdings,
    candidate: { planId, batch, kind: "list", items: candidate },
  });
  for (const c of caps) if (c.itemIndex !== null) out[candidate[c.itemIndex]!.row]!.errors.push(listError(c.violation));

  const total = out.reduce((s, r) => s + (r.quantity ?? 0), 0);
  const limit =
    batch === "first" ? plan.firstGrantQuantity : plan.reservedQuantity - (await reservedGranted(tx, planId));
  const listErrors: ListError[] = [];
  if (rows.length === 0) listErrors.push(err("EMPTY_LIST", "The list has no rows."));
  for (const c of caps) if (c.itemIndex === null) listErrors.push(listError(c.violation));
  if (total > limit) {
    listErrors.push(
      batch === "first"
        ? err("LIST_TOTAL_EXCEEDED", "The list total exceeds the plan's first-grant quantity.", {
            total,
            limit,
            excess: total - limit,
          })
        : {
            ...violation("RESERVE_EXCEEDED", { kind: "reserve_balance", total, limit, excess: total - limit }),
            details: { kind: "reserve_balance", total, limit, excess: total - limit },
          },
    );
  }
  const errorRows = out.filter((r) => r.errors.length > 0).length;
  return {
    planId,
    batch,
    ok: errorRows === 0 && listErrors.length === 0,
    rows: out,
    listErrors,
    warnings: listWarnings(rows),
    summary: { rows: out.length, people: firstLine.size, total, limit, errorRows },
  };
}

const listError = (v: RuleViolation): ListError => ({ code: v.code, message: v.message, details: { ...v.details } });

function normaliseId(id: string): string {
  return id.replace(/\s+/g, "").toUpperCase();
}

/** Reserved shares already granted in this plan. */
async function reservedGranted(tx: Database | Transaction, planId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<string>`coalesce(sum(${grants.quantity}), 0)` })
    .from(grants)
    .innerJoin(grantBatches, eq(grants.batchId, grantBatches.id))
    .where(and(eq(grants.planId, planId), eq(grantBatches.batch, "reserved"), batchNotVoided(grantBatches.id)));
  return Number(row?.n ?? 0);
}
