import "server-only";
import { and, asc, eq, inArray, isNotNull } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { persons, vestingBatchLines, vestingBatches } from "@/db/schema";
import { transferAllowance, type TransferAllowance } from "@/lib/domain/vesting/transferLimits";

/** A director's or senior manager's sale allowance, as HR reads it beside a registered batch. */
export interface DirectorTransfer {
  personId: string;
  employeeNo: string;
  name: string;
  isDirector: boolean;
  isSeniorManager: boolean;
  allowance: TransferAllowance;
}

/** One registered vesting of a person, with its registration and listing dates. */
export interface RegisteredVesting {
  registrationDate: string;
  listingDate: string;
  shares: number;
}

/**
 * The allowance on `asOf` from the shares vested through the portal (holdings and sales elsewhere are not
 * known, so the base is the portal's vestings up to the previous year-end and nothing sold).
 */
export function allowanceFromVestings(
  vestings: readonly RegisteredVesting[],
  asOf: string,
  leaveDate: string | null,
): TransferAllowance {
  const year = asOf.slice(0, 4);
  const before = vestings.filter((v) => v.registrationDate < `${year}-01-01`);
  const thisYear = vestings.filter((v) => v.registrationDate.startsWith(year) && v.registrationDate <= asOf);
  return transferAllowance({
    isDirectorOrSeniorManager: true,
    asOf,
    holdingAtPreviousYearEnd: before.reduce((s, v) => s + v.shares, 0),
    vestedThisYear: thisYear,
    soldThisYear: 0,
    leftOfficeOn: leaveDate !== null && leaveDate <= asOf ? leaveDate : null,
    lastVestingRegistrationDate: vestings.filter((v) => v.registrationDate <= asOf).at(-1)?.registrationDate ?? null,
  });
}

/** The directors and senior managers of a registered batch, each with their allowance on `asOf`. */
export async function directorTransfers(
  db: Database | Transaction,
  batchId: string,
  asOf: string,
): Promise<DirectorTransfer[]> {
  const people = await db
    .selectDistinct({
      personId: persons.id,
      employeeNo: persons.employeeNo,
      name: persons.name,
      isDirector: persons.isDirector,
      isSeniorManager: persons.isSeniorManager,
      leaveDate: persons.leaveDate,
    })
    .from(vestingBatchLines)
    .innerJoin(persons, eq(persons.id, vestingBatchLines.personId))
    .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchLines.vestingBatchId))
    .where(
      and(eq(vestingBatchLines.vestingBatchId, batchId), inArray(vestingBatches.status, ["registered", "announced"])),
    );
  const officers = people.filter((p) => p.isDirector || p.isSeniorManager);
  if (officers.length === 0) return [];
  const vestings = await registeredVestings(
    db,
    officers.map((p) => p.personId),
  );
  return officers
    .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo))
    .map(({ leaveDate, ...p }) => ({
      ...p,
      allowance: allowanceFromVestings(vestings.get(p.personId) ?? [], asOf, leaveDate),
    }));
}

/** Each person's registered vestings (paid shares, listing date known), in registration order. */
export async function registeredVestings(
  db: Database | Transaction,
  personIds: readonly string[],
): Promise<Map<string, RegisteredVesting[]>> {
  const rows = await db
    .select({
      personId: vestingBatchLines.personId,
      registrationDate: vestingBatches.registrationDate,
      listingDate: vestingBatches.listingDate,
      shares: vestingBatchLines.paidShares,
    })
    .from(vestingBatchLines)
    .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchLines.vestingBatchId))
    .where(
      and(
        inArray(vestingBatchLines.personId, [...personIds]),
        inArray(vestingBatches.status, ["registered", "announced"]),
        isNotNull(vestingBatches.listingDate),
      ),
    )
    .orderBy(asc(vestingBatches.registrationDate));
  const out = new Map<string, RegisteredVesting[]>();
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ registrationDate: r.registrationDate, listingDate: r.listingDate!, shares: r.shares ?? 0 });
    out.set(r.personId, list);
  }
  return out;
}
