import "server-only";
import { eq } from "drizzle-orm";
import type { Database } from "@/db/client";
import { plans, vestingBatchLines } from "@/db/schema";
import { compareIsoDates } from "@/lib/domain/calendar/isoDate";
import { Dec } from "@/lib/domain/numeric/decimal";
import { ApiError } from "@/lib/platform/errors/apiError";
import type { Actor } from "@/lib/auth/actor";
import { loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import { closingPriceOn } from "@/lib/features/tax/closingPrices";
import { taxProfilesFor } from "@/lib/features/tax/taxProfiles";
import { advanceBatch, lockBatch, requireStatus } from "@/lib/features/vesting-batches/batchState";
import { batchLineTaxes } from "@/lib/features/vesting-batches/batchTax";
import { notifyBatchGrantees } from "@/lib/features/vesting-batches/paymentNotice";
import type { RegisterBatchInput } from "@/lib/features/vesting-batches/schemas";

/**
 * Records the registration with the registrar (CSDC) and the listing date: the paid shares are vested
 * from the registration date, and each line's income tax is fixed from the closing price of that date —
 * which must have been entered (the portal never invents a price). Grantees are told their shares and tax.
 */
export async function registerBatch(db: Database, actor: Actor, batchId: string, input: RegisterBatchInput) {
  return db.transaction(async (tx) => {
    const batch = await lockBatch(tx, batchId);
    requireStatus(batch, "payment_closed");
    const calendar = await loadTradingCalendar(tx);
    if (
      compareIsoDates(input.listingDate, batch.registrationDate) < 0 ||
      !calendar.coversDate(input.listingDate) ||
      !calendar.isTradingDay(input.listingDate)
    )
      throw new ApiError("LISTING_DATE_INVALID", "The listing date must be a trading day on or after registration.", {
        listingDate: input.listingDate,
        registrationDate: batch.registrationDate,
      });
    const [plan] = await tx.select({ issuerId: plans.issuerId }).from(plans).where(eq(plans.id, batch.planId));
    const close = await closingPriceOn(tx, plan!.issuerId, batch.registrationDate);
    if (close === null)
      throw new ApiError("CLOSING_PRICE_MISSING", `Enter the closing price of ${batch.registrationDate} first.`, {
        date: batch.registrationDate,
      });
    const lines = await tx
      .select({
        lineId: vestingBatchLines.id,
        personId: vestingBatchLines.personId,
        paidShares: vestingBatchLines.paidShares,
        adjustedPrice: vestingBatchLines.adjustedPrice,
      })
      .from(vestingBatchLines)
      .where(eq(vestingBatchLines.vestingBatchId, batchId));
    const profiles = await taxProfilesFor(
      tx,
      lines.map((l) => l.personId),
    );
    const taxes = await batchLineTaxes(
      tx,
      batch,
      lines.map((l) => ({ ...l, paidShares: l.paidShares ?? 0 })),
      close,
      (personId) => profiles.get(personId)?.resident ?? true,
    );
    for (const t of taxes)
      await tx
        .update(vestingBatchLines)
        .set({ closingPrice: t.closingPrice, taxableIncome: t.taxableIncome, tax: t.tax, taxStatus: t.taxStatus })
        .where(eq(vestingBatchLines.id, t.lineId));
    const shares = lines.reduce((s, l) => s + (l.paidShares ?? 0), 0);
    const tax = taxes.reduce((s, t) => s.plus(t.tax ?? 0), new Dec(0)).toFixed(2);
    await advanceBatch(
      tx,
      actor,
      batch,
      "registered",
      "vesting_batch.register",
      { listingDate: input.listingDate, closingPrice: close, shares, tax },
      { listingDate: input.listingDate },
    );
    const perPerson = new Map<string, { shares: number; tax: Dec; computed: boolean }>();
    const taxOf = new Map(taxes.map((t) => [t.lineId, t]));
    for (const l of lines) {
      const t = taxOf.get(l.lineId)!;
      const p = perPerson.get(l.personId) ?? { shares: 0, tax: new Dec(0), computed: true };
      p.shares += l.paidShares ?? 0;
      p.tax = p.tax.plus(t.tax ?? 0);
      p.computed &&= t.taxStatus === "computed";
      perPerson.set(l.personId, p);
    }
    await notifyBatchGrantees(
      tx,
      batchId,
      "shares_registered",
      `归属股份登记完成 / Vested shares registered (batch ${batch.batchNo})`,
      [...perPerson]
        .filter(([, p]) => p.shares > 0)
        .map(([personId, p]) => ({
          personId,
          payload: {
            batchNo: batch.batchNo,
            shares: p.shares,
            registrationDate: batch.registrationDate,
            listingDate: input.listingDate,
            tax: p.computed ? p.tax.toFixed(2) : null,
          },
          mailBody: [
            `第${batch.batchNo}批归属的 ${p.shares} 股已于 ${batch.registrationDate} 完成登记，上市流通日 ${input.listingDate}。${p.computed ? `应代扣代缴个人所得税 ${p.tax.toFixed(2)} 元。` : "个人所得税未计算，详见门户说明。"}`,
            `${p.shares} shares of vesting batch ${batch.batchNo} were registered on ${batch.registrationDate}; they list on ${input.listingDate}. ${p.computed ? `Income tax to withhold: ${p.tax.toFixed(2)} yuan.` : "The income tax was not computed; see the portal for why."}`,
          ].join("\n"),
        })),
    );
    return { id: batchId, listingDate: input.listingDate, closingPrice: close, shares, tax };
  });
}
