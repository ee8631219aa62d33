import "server-only";
import { db } from "@/lib/platform/db";
import { requireUser, STAFF_READ_ROLES } from "@/lib/auth/session";
import { addDays, isIsoDate } from "@/lib/domain/calendar/isoDate";
import { today } from "@/lib/platform/clock";
import { ApiError } from "@/lib/platform/errors/apiError";
import { latestClosingPrice, listClosingPrices, type ClosingPriceDto } from "@/lib/features/tax/closingPrices";
import { getTaxProfile, type TaxProfileDto } from "@/lib/features/tax/taxProfiles";

/** How far back the HR closing-price page lists prices by default. */
const RECENT_DAYS = 90;

/**
 * The HR closing-price page: the prices of [from, to] newest first (by default the 90 days up to today; a
 * malformed date from the address bar is ignored), and today.
 */
export async function closingPricesPage(range: { from?: unknown; to?: unknown } = {}): Promise<{
  today: string;
  from: string;
  to: string;
  items: ClosingPriceDto[];
  /** The latest price on record, whatever the range: what grantees' estimates start from. */
  latest: { tradeDate: string; close: string } | null;
  /** No issuer is set up yet (a fresh installation): there is nothing to price. */
  noIssuer: boolean;
}> {
  await requireUser(...STAFF_READ_ROLES);
  const to = isIsoDate(range.to) ? range.to : today();
  const from = isIsoDate(range.from) && range.from <= to ? range.from : addDays(to, -RECENT_DAYS);
  try {
    const database = await db();
    const { issuerId, items } = await listClosingPrices(database, null, { from, to });
    const latest = await latestClosingPrice(database, issuerId);
    return { today: today(), from, to, items, latest, noIssuer: false };
  } catch (e) {
    if (e instanceof ApiError && e.code === "NOT_FOUND")
      return { today: today(), from, to, items: [], latest: null, noIssuer: true };
    throw e;
  }
}

/** A person's tax profile for the HR person page. */
export async function taxProfileForEdit(personId: string): Promise<TaxProfileDto> {
  await requireUser(...STAFF_READ_ROLES);
  return getTaxProfile(await db(), personId);
}
