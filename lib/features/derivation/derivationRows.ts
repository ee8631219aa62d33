import "server-only";
import type { adjustmentRecords, tranches } from "@/db/schema";
import type { DerivedGrant } from "@/lib/domain/vesting/deriveTranches";
import type { CorporateActionInput } from "@/lib/domain/adjustments/corporateActions";

/** A corporate action as the derivation applies it: the recorded row (null for a preview) and its terms. */
export interface PlanAction {
  id: string | null;
  input: CorporateActionInput;
}

/** One grant's derivation: the engine's result and the corporate actions that applied to it. */
export interface ComputedGrant {
  derived: DerivedGrant;
  applicable: PlanAction[];
}

export type TrancheRow = Omit<typeof tranches.$inferInsert, "id" | "derivedAt">;
export type AdjustmentRow = Omit<typeof adjustmentRecords.$inferInsert, "id" | "createdAt">;

/**
 * Tranche rows and adjustment records of the given grants of a computed derivation: the one mapping
 * from the engine's result to stored rows, used by rederivePlan and by the bench seed's bulk writer.
 */
export function derivationRows(
  computed: ReadonlyMap<string, ComputedGrant>,
  grantIds: Iterable<string>,
): { tranches: TrancheRow[]; adjustments: AdjustmentRow[] } {
  const trancheValues: TrancheRow[] = [];
  const adjustmentValues: AdjustmentRow[] = [];
  for (const grantId of grantIds) {
    const { derived, applicable } = computed.get(grantId)!;
    for (const t of derived.tranches) {
      trancheValues.push({
        grantId,
        trancheIndex: t.index,
        ratio: t.ratio,
        plannedQuantity: t.plannedQuantity,
        windowOpen: t.windowOpen,
        windowClose: t.windowClose,
        earliestVestingDate: t.earliestVestingDate,
        earliestReason:
          t.calendarPending && !t.earliestVestingDate ? "exchange calendar not yet published" : t.earliestReason,
        deferredBy: t.deferredBy.map((w) => ({
          blackoutWindowId: w.id,
          kind: w.kind,
          from: w.from,
          to: w.to,
          reason: { ...w.reason },
        })),
        status: t.status,
        vestedQuantity: t.vestedQuantity,
        lapsedQuantity: t.lapsedQuantity,
        vestingDate: t.vestingDate,
        lapseReason: t.lapseReason,
      });
    }
    for (const h of derived.adjustmentHistory) {
      const action = applicable.find((a) => a.input.exDate === h.date && a.input.type === h.type);
      if (action?.id)
        adjustmentValues.push({
          corporateActionId: action.id,
          grantId,
          priceBefore: h.priceBefore,
          priceAfter: h.priceAfter,
          quantityBefore: h.quantityBefore,
          quantityAfter: h.quantityAfter,
          flags: h.flags,
        });
    }
  }
  return { tranches: trancheValues, adjustments: adjustmentValues };
}
