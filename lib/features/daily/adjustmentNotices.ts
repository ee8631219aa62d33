import "server-only";
import type { Transaction } from "@/db/client";
import type { CorporateActionStatus } from "@/lib/domain/adjustments/actionStatus";
import type { CorporateActionType } from "@/lib/domain/adjustments/corporateActions";
import { notifyGrantees } from "@/lib/features/notices/grantNotices";

/** One grant's price and quantity just before and after an action (a preview item or an adjustment record). */
export interface GrantAdjustment {
  grantId: string;
  priceBefore: string;
  priceAfter: string;
  quantityBefore: number;
  quantityAfter: number;
}

const SUBJECTS: Record<CorporateActionStatus, string> = {
  scheduled: "授予调整已排期 / An adjustment of your grant is scheduled",
  applied: "授予价格与数量调整 / Your grant price and quantity were adjusted",
};

/**
 * Tells each affected grantee what an action does to their grant, in the tense it has: a scheduled action
 * (ex-date not reached) is announced as "scheduled for <ex-date>" with the expected figures; an applied one
 * as done. The dedupe keys make the applied notice one per action and grant, whether it is sent at
 * recording (ex-date today or past) or by the daily job on the ex-date.
 */
export async function noticeAdjustments(
  tx: Transaction,
  action: { id: string; type: CorporateActionType; exDate: string },
  status: CorporateActionStatus,
  items: readonly GrantAdjustment[],
): Promise<number> {
  const kind = status === "scheduled" ? "grant_adjustment_scheduled" : "grant_adjusted";
  return notifyGrantees(
    tx,
    items.map((a) => ({
      grantId: a.grantId,
      kind,
      payload: {
        grantId: a.grantId,
        actionId: action.id,
        type: action.type,
        exDate: action.exDate,
        status,
        priceBefore: a.priceBefore,
        priceAfter: a.priceAfter,
        quantityBefore: a.quantityBefore,
        quantityAfter: a.quantityAfter,
      },
      dedupeKey: `${kind}:${action.id}:${a.grantId}`,
    })),
    SUBJECTS[status],
  );
}
