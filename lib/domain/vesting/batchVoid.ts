import { violation, type RuleViolation } from "../errors";
import type { PlanStatus } from "../plans/planLifecycle";

/**
 * Voiding a grant batch recorded by mistake (issue #21). A Class II award that has vested has been
 * registered to the grantee (guide No. 4 art. 3): that cannot be undone by calling the grant a mistake,
 * so a batch can only be voided while none of its tranches has vested. Vesting runs of the batch can be
 * reversed first (until the shares are registered), after which the batch can be voided.
 */
export function checkBatchVoid(tranches: readonly { status: string; vestedQuantity: number }[]): RuleViolation[] {
  const vested = tranches.filter((t) => t.status === "vested" || t.vestedQuantity > 0);
  if (vested.length === 0) return [];
  return [
    violation("BATCH_HAS_VESTED_TRANCHES", {
      vestedTranches: vested.length,
      vestedShares: vested.reduce((s, t) => s + t.vestedQuantity, 0),
    }),
  ];
}

/**
 * The plan status after a batch is voided. Voiding the first grant puts a "granted" (or "vesting") plan
 * back to "approved_by_general_meeting": the status the first grant is made in (GRANTABLE_STATUSES), so
 * the first grant can be made again, still within 60 days of the meeting (art. 44, checked at the grant).
 * A plan in "vesting" has nothing vested either (the batch could not be voided otherwise), so it goes back
 * the same way. Voiding a reserved batch changes nothing: the plan keeps its first grant.
 */
export function statusAfterBatchVoid(batch: "first" | "reserved", status: PlanStatus): PlanStatus {
  if (batch === "first" && (status === "granted" || status === "vesting")) return "approved_by_general_meeting";
  return status;
}
