import "server-only";
import { and, asc, eq, gte, inArray, lte, ne } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { vestingBatchLines, vestingBatches } from "@/db/schema";
import { equityIncomeTax, type VestingIncomeInput } from "@/lib/domain/tax/equityIncomeTax";
import type { LineTaxStatus } from "@/lib/features/vesting-batches/batchDto";

/** The tax of one line of the batch being registered. */
export interface LineTax {
  lineId: string;
  closingPrice: string;
  taxableIncome: string | null;
  tax: string | null;
  taxStatus: LineTaxStatus;
}

interface BatchLine {
  lineId: string;
  personId: string;
  paidShares: number;
  adjustedPrice: string;
}

/**
 * Income tax of each line at registration: (close − adjusted price) × paid shares, taxed separately
 * under the annual table with the person's earlier equity income of the calendar year (lines of batches
 * registered before, on or before this date) combined and their tax deducted. A non-resident, a
 * missing price or a date outside separate taxation is "not computed" with its reason, never guessed.
 */
export async function batchLineTaxes(
  tx: Transaction,
  batch: { id: string; registrationDate: string },
  lines: readonly BatchLine[],
  closingPrice: string,
  resident: (personId: string) => boolean,
): Promise<LineTax[]> {
  const year = batch.registrationDate.slice(0, 4);
  const persons = [...new Set(lines.map((l) => l.personId))];
  const earlier = await tx
    .select({
      lineId: vestingBatchLines.id,
      personId: vestingBatchLines.personId,
      date: vestingBatches.registrationDate,
      shares: vestingBatchLines.paidShares,
      closingPrice: vestingBatchLines.closingPrice,
      adjustedPrice: vestingBatchLines.adjustedPrice,
    })
    .from(vestingBatchLines)
    .innerJoin(vestingBatches, eq(vestingBatches.id, vestingBatchLines.vestingBatchId))
    .where(
      and(
        inArray(vestingBatchLines.personId, persons),
        inArray(vestingBatches.status, ["registered", "announced"]),
        ne(vestingBatches.id, batch.id),
        gte(vestingBatches.registrationDate, `${year}-01-01`),
        lte(vestingBatches.registrationDate, batch.registrationDate),
      ),
    )
    .orderBy(asc(vestingBatches.registrationDate));
  const out: LineTax[] = [];
  for (const personId of persons) {
    const own = lines.filter((l) => l.personId === personId);
    const vestings: VestingIncomeInput[] = [
      ...earlier
        .filter((e) => e.personId === personId)
        .map((e) => ({
          id: e.lineId,
          vestingDate: e.date,
          shares: e.shares ?? 0,
          closingPrice: e.closingPrice,
          grantPrice: e.adjustedPrice,
        })),
      ...own.map((l) => ({
        id: l.lineId,
        vestingDate: batch.registrationDate,
        shares: l.paidShares,
        closingPrice,
        grantPrice: l.adjustedPrice,
      })),
    ];
    const taxes = new Map(
      equityIncomeTax({ person: { resident: resident(personId) }, vestings }).map((t) => [t.id, t]),
    );
    for (const l of own) {
      const t = taxes.get(l.lineId)!;
      out.push(
        t.status === "computed"
          ? { lineId: l.lineId, closingPrice, taxableIncome: t.income, tax: t.tax, taxStatus: "computed" }
          : { lineId: l.lineId, closingPrice, taxableIncome: null, tax: null, taxStatus: t.reason },
      );
    }
  }
  return out;
}
