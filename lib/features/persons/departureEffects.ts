import "server-only";
import { eq } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { grants, persons } from "@/db/schema";
import type { DerivedGrant } from "@/lib/domain/vesting/deriveTranches";
import { checkVestingsKept, type VestedTranche } from "@/lib/domain/persons/departureRules";
import {
  computePlanDerivation,
  loadPlanDerivationInputs,
  rederivePlan,
} from "@/lib/features/derivation/trancheDerivation";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { today } from "@/lib/platform/clock";

/** A tranche whose quantity lapsed for leaving grew (lapsed) or shrank (restored), by how much. */
export interface TrancheChange {
  grantId: string;
  trancheIndex: number;
  quantity: number;
}

/** What moving a leave date did: the plans re-derived and the person's tranches it lapsed or restored. */
export interface DepartureEffects {
  plans: string[];
  lapsed: TrancheChange[];
  restored: TrancheChange[];
}

/**
 * Sets the person's leave date (null: active again) and re-derives every plan they hold grants in, inside
 * the caller's transaction. The engine decides the outcome as it does for any leaver; the result is
 * compared with what it said today under the date in force, so a correction reports exactly the tranches
 * it lapsed or brought back. A date that would change what a vesting run already settled is refused
 * (the caller's transaction then writes nothing).
 */
export async function applyLeaveDate(
  tx: Transaction,
  personId: string,
  leaveDate: string | null,
): Promise<DepartureEffects> {
  const own = await tx
    .select({ id: grants.id, planId: grants.planId })
    .from(grants)
    .where(eq(grants.personId, personId));
  const grantIds = new Set(own.map((g) => g.id));
  const planIds = [...new Set(own.map((g) => g.planId))];
  const asOf = today();
  const ownOf = (derived: ReadonlyMap<string, DerivedGrant>, into: Map<string, DerivedGrant>) => {
    for (const [id, d] of derived) if (grantIds.has(id)) into.set(id, d);
  };

  // Sequential on purpose: inside a transaction every query shares one connection.
  const before = new Map<string, DerivedGrant>();
  for (const planId of planIds) {
    const computed = computePlanDerivation(await loadPlanDerivationInputs(tx, planId), asOf);
    ownOf(new Map([...computed].map(([id, c]) => [id, c.derived])), before);
  }
  await tx
    .update(persons)
    .set({ employmentStatus: leaveDate === null ? "active" : "left", leaveDate, updatedAt: new Date() })
    .where(eq(persons.id, personId));
  const after = new Map<string, DerivedGrant>();
  for (const planId of planIds) ownOf(await rederivePlan(tx, planId, asOf), after);

  refuseIfAny(checkVestingsKept(vestedOf(before), vestedOf(after)));
  const lapsed: TrancheChange[] = [];
  const restored: TrancheChange[] = [];
  for (const [grantId, d] of after) {
    const was = new Map(before.get(grantId)?.tranches.map((t) => [t.index, t]) ?? []);
    for (const t of d.tranches) {
      const delta = leftQuantity(t) - (was.has(t.index) ? leftQuantity(was.get(t.index)!) : 0);
      if (delta > 0) lapsed.push({ grantId, trancheIndex: t.index, quantity: delta });
      if (delta < 0) restored.push({ grantId, trancheIndex: t.index, quantity: -delta });
    }
  }
  return { plans: planIds, lapsed, restored };
}

/** The quantity a tranche lost because the person left. */
const leftQuantity = (t: DerivedGrant["tranches"][number]) => (t.lapseReason === "left" ? t.lapsedQuantity : 0);

function vestedOf(derived: ReadonlyMap<string, DerivedGrant>): VestedTranche[] {
  return [...derived].flatMap(([grantId, d]) =>
    d.tranches.map((t) => ({
      grantId,
      trancheIndex: t.index,
      vestedQuantity: t.vestedQuantity,
      vestingDate: t.vestingDate,
    })),
  );
}
