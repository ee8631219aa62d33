import "server-only";
import {
  conditionsFigures,
  lapseFigures,
  resultFigures,
  type ConditionsFigures,
  type LapseEntryInput,
  type LapseFigures,
  type ResultFigures,
} from "@/lib/domain/vesting/announcementFigures";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import { closedLines } from "@/lib/features/vesting-batches/registers/batchRegisterFile";

/**
 * A batch's DTO handed to the pure announcement figures: the same lines the registers read, so the
 * announcement and the registers of one batch cannot tell two stories.
 */

/** 归属条件成就: the shares the conditions allow, per period. */
export function batchConditionsFigures(batch: VestingBatchDto): ConditionsFigures {
  return conditionsFigures(batch.periods, batch.lines);
}

/**
 * 作废: the batch's waived shares (unpaid at the deadline, once the payment closed) plus the lapses the
 * caller adds from the tranches of the same periods (leavers, appraisal), which the batch does not hold.
 */
export function batchLapseFigures(batch: VestingBatchDto, otherLapses: readonly LapseEntryInput[] = []): LapseFigures {
  const waived = batch.lines.flatMap((l) =>
    l.waivedShares ? [{ reason: "waived", shares: l.waivedShares, personId: l.personId }] : [],
  );
  return lapseFigures([...otherLapses, ...waived]);
}

/** 归属结果暨股份上市: what vested once the payment closed; the share capital before comes from the caller. */
export function batchResultFigures(
  batch: VestingBatchDto,
  options: { shareCapitalBefore: number | null },
): ResultFigures {
  return resultFigures({
    lines: closedLines(batch),
    shareSource: batch.shareSource,
    parValue: batch.parValue,
    registrationDate: batch.registrationDate,
    listingDate: batch.listingDate,
    shareCapitalBefore: options.shareCapitalBefore,
  });
}
