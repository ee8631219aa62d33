import "server-only";
import { z } from "zod";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/platform/db";
import { today } from "@/lib/platform/clock";
import { closeAmount } from "@/lib/features/tax/schemas";
import { personVestingBatches, type MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";

/** Query of GET /api/v1/me/vesting-batches: the closing price the tax estimate assumes, else the latest HR entered. */
export const myVestingBatchesQuery = z.object({
  price: closeAmount
    .optional()
    .describe(
      'Closing price to assume for the estimate of batches not yet registered, yuan per share, e.g. "50.00" (a positive decimal with at most 4 decimals). Without it, the latest closing price HR entered.',
    ),
});

/**
 * The signed-in grantee's vesting batches (payment open or later), newest first, the tax estimated at
 * `price` until registration fixes it. A user linked to no person has none.
 */
export async function myVestingBatches(price?: string): Promise<MyVestingBatch[]> {
  const user = await requireUser();
  if (!user.personId) return [];
  return personVestingBatches(await db(), user.personId, today(), price);
}

/** What the /vesting page shows: today, the batches, and the assumed price it was asked for (if it was valid). */
export interface MyVestingPage {
  today: string;
  batches: MyVestingBatch[];
  /** The price the URL asked for (?price=), null when none was given or it was refused. */
  price: string | null;
  /** True when ?price= was given but is not a positive decimal with at most 4 decimals: the default is used. */
  priceRefused: boolean;
}

/** The page's read: the URL's ?price= (the form's fallback without JavaScript) is validated like the API's. */
export async function myVestingPage(rawPrice: string | string[] | undefined): Promise<MyVestingPage> {
  const given = Array.isArray(rawPrice) ? rawPrice[0] : rawPrice;
  const parsed = given === undefined || given === "" ? null : myVestingBatchesQuery.safeParse({ price: given });
  const price = parsed?.success ? (parsed.data.price ?? null) : null;
  return {
    today: today(),
    batches: await myVestingBatches(price ?? undefined),
    price,
    priceRefused: parsed !== null && !parsed.success,
  };
}

/** A batch whose payment is open, as the grantee's home card shows it (read with the home page's session statement). */
export type { PaymentDue as MyPaymentDue } from "@/lib/features/vesting-batches/paymentsDue";
