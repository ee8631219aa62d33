import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { grants, persons, plans } from "@/db/schema";
import { maxIsoDate } from "@/lib/domain/calendar/isoDate";
import type { CorporateActionInput } from "@/lib/domain/adjustments/corporateActions";
import { checkExDate } from "@/lib/domain/adjustments/exDate";
import { RuleError } from "@/lib/domain/errors";
import { today } from "@/lib/platform/clock";
import { computePlanDerivation, loadPlanDerivationInputs } from "@/lib/features/derivation/trancheDerivation";
import type { PlanAction } from "@/lib/features/derivation/derivationRows";
import { loadTradingCalendar } from "@/lib/features/derivation/planInputs";

/** One affected grant: price and quantity just before and after the action. */
export interface AdjustmentPreviewItem {
  grantId: string;
  planId: string;
  employeeNo: string;
  personName: string;
  priceBefore: string;
  priceAfter: string;
  quantityBefore: number;
  quantityAfter: number;
  flags: string[];
}

/**
 * What a corporate action does to every grant with tranches outstanding on its ex-date, by the same
 * derivation that records it, run in memory; shared by the preview and the recording, nothing written.
 */
export async function adjustmentPreview(
  db: Database | Transaction,
  action: CorporateActionInput,
): Promise<AdjustmentPreviewItem[]> {
  const exDate = checkExDate(await loadTradingCalendar(db), action.exDate);
  if (exDate.length > 0) throw new RuleError(exDate[0]!.code, exDate[0]!.details);
  const asOf = maxIsoDate(today(), action.exDate);
  const planIds = (await db.select({ id: plans.id }).from(plans).orderBy(asc(plans.createdAt))).map((p) => p.id);
  const items: AdjustmentPreviewItem[] = [];
  for (const planId of planIds) {
    const inputs = await loadPlanDerivationInputs(db, planId);
    const proposed: PlanAction = { id: null, input: action };
    // The proposed action sorts after a recorded one of the same date, so it is the last match below.
    const withAction = [...inputs.actions, proposed].sort((a, b) =>
      a.input.exDate < b.input.exDate
        ? -1
        : a.input.exDate > b.input.exDate
          ? 1
          : a.id === null
            ? 1
            : b.id === null
              ? -1
              : 0,
    );
    for (const [grantId, { derived, applicable }] of computePlanDerivation(inputs, asOf, withAction)) {
      const entry = applicable.includes(proposed)
        ? derived.adjustmentHistory.filter((h) => h.date === action.exDate && h.type === action.type).at(-1)
        : undefined;
      if (entry)
        items.push({
          grantId,
          planId,
          employeeNo: "",
          personName: "",
          priceBefore: entry.priceBefore,
          priceAfter: entry.priceAfter,
          quantityBefore: entry.quantityBefore,
          quantityAfter: entry.quantityAfter,
          flags: entry.flags,
        });
    }
  }
  if (items.length > 0) {
    const names = await db
      .select({ grantId: grants.id, employeeNo: persons.employeeNo, name: persons.name })
      .from(grants)
      .innerJoin(persons, eq(grants.personId, persons.id))
      .where(
        inArray(
          grants.id,
          items.map((i) => i.grantId),
        ),
      );
    const byGrant = new Map(names.map((n) => [n.grantId, n]));
    for (const item of items) {
      item.employeeNo = byGrant.get(item.grantId)?.employeeNo ?? "";
      item.personName = byGrant.get(item.grantId)?.name ?? "";
    }
  }
  return items.sort((a, b) =>
    a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : a.planId < b.planId ? -1 : 1,
  );
}
