/**
 * Tranche rows and adjustment records of a plan's derivation, mapped exactly as rederivePlan maps
 * them. The bench seed writes them with its bulk writer, because rederivePlan's 1,000-row drizzle
 * INSERTs and per-chunk UPDATEs take minutes for 100,000 grants. tests/db/benchSeed.test.ts re-runs
 * rederivePlan over a seeded company and checks that not one tranche, adjustment or adjusted figure changes.
 */
import type { adjustmentRecords, tranches } from "@/db/schema";
import type { computePlanDerivation } from "@/lib/server/trancheDerivation";

/** Rows for the given grants of a computed derivation. */
export function derivationRows(computed: ReturnType<typeof computePlanDerivation>, grantIds: Iterable<string>, derivedAt = new Date()) {
  const trancheValues: (typeof tranches.$inferInsert)[] = [];
  const adjustmentValues: (typeof adjustmentRecords.$inferInsert)[] = [];
  // The mapping below is rederivePlan's, line for line.
  for (const grantId of grantIds) {
    const { derived, applicable } = computed.get(grantId)!;
    for (const t of derived.tranches) {
      trancheValues.push({
        grantId, trancheIndex: t.index, ratio: t.ratio, plannedQuantity: t.plannedQuantity, windowOpen: t.windowOpen, windowClose: t.windowClose,
        earliestVestingDate: t.earliestVestingDate, earliestReason: t.calendarPending && !t.earliestVestingDate ? "exchange calendar not yet published" : t.earliestReason,
        deferredBy: t.deferredBy.map((w) => ({ blackoutWindowId: w.id, kind: w.kind, from: w.from, to: w.to, reason: { ...w.reason } })),
        status: t.status, vestedQuantity: t.vestedQuantity, lapsedQuantity: t.lapsedQuantity, vestingDate: t.vestingDate, lapseReason: t.lapseReason, derivedAt,
      });
    }
    for (const h of derived.adjustmentHistory) {
      const action = applicable.find((a) => a.input.exDate === h.date && a.input.type === h.type);
      if (action?.id) adjustmentValues.push({ corporateActionId: action.id, grantId, priceBefore: h.priceBefore, priceAfter: h.priceAfter, quantityBefore: h.quantityBefore, quantityAfter: h.quantityAfter, flags: h.flags });
    }
  }
  return { tranches: trancheValues, adjustments: adjustmentValues };
}
