"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/auth/procedures/action";
import { enterClosingPrice, importClosingPrices } from "@/lib/features/tax/closingPriceCommands";
import { closingPriceImportBody, closingPriceInput } from "@/lib/features/tax/schemas";

/** Records or corrects one day's closing price (same service as PUT /api/v1/closing-prices/{tradeDate}). */
export const enterClosingPriceAction = action(
  { access: "staffWrite", input: closingPriceInput },
  async ({ db, actor, input }) => {
    const entry = await enterClosingPrice(db, actor, null, input);
    if (!entry.unchanged) revalidatePath("/hr/closing-prices");
    return entry;
  },
);

/** Previews a closing-price file, or applies it all at once (POST /api/v1/closing-prices/import). */
export const importClosingPricesAction = action(
  { access: "staffWrite", input: closingPriceImportBody.omit({ issuerId: true }).extend({ apply: z.boolean() }) },
  async ({ db, actor, input }) => {
    const result = await importClosingPrices(db, actor, null, input.csv, { apply: input.apply, source: input.source });
    if (result.applied) revalidatePath("/hr/closing-prices");
    return result;
  },
);
