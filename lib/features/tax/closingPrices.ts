import "server-only";
import { priceText } from "@/lib/domain/numeric/priceText";
import { and, desc, eq, gte, lte } from "drizzle-orm";
import type { Database, Transaction } from "@/db/client";
import { closingPrices, issuers, users } from "@/db/schema";
import { notFound } from "@/lib/platform/errors/apiError";
import { issuerOf } from "@/lib/features/plans/issuerOfPlan";

type Db = Database | Transaction;

/** A closing price as HR sees it: the trading day, the price, where it came from, who entered it and when. */
export interface ClosingPriceDto {
  tradeDate: string;
  close: string;
  source: string;
  enteredBy: string | null;
  createdAt: string;
}

/** The issuer asked for (404 if unknown), or without one the installation's single issuer (ISSUER_AMBIGUOUS if several). */
export async function resolvePriceIssuer(db: Db, issuerId?: string | null): Promise<string> {
  if (!issuerId) return issuerOf(db, null);
  const [row] = await db.select({ id: issuers.id }).from(issuers).where(eq(issuers.id, issuerId));
  if (!row) throw notFound("Issuer");
  return row.id;
}

/** The issuer's closing prices in [from, to] (both optional), newest first. */
export async function listClosingPrices(
  db: Db,
  issuerId: string | null,
  range: { from?: string; to?: string } = {},
): Promise<{ issuerId: string; items: ClosingPriceDto[] }> {
  const issuer = await resolvePriceIssuer(db, issuerId);
  const rows = await db
    .select({
      tradeDate: closingPrices.tradeDate,
      close: closingPrices.close,
      source: closingPrices.source,
      enteredBy: users.displayName,
      createdAt: closingPrices.createdAt,
    })
    .from(closingPrices)
    .leftJoin(users, eq(users.id, closingPrices.enteredBy))
    .where(
      and(
        eq(closingPrices.issuerId, issuer),
        range.from ? gte(closingPrices.tradeDate, range.from) : undefined,
        range.to ? lte(closingPrices.tradeDate, range.to) : undefined,
      ),
    )
    .orderBy(desc(closingPrices.tradeDate));
  return {
    issuerId: issuer,
    items: rows.map((r) => ({ ...r, close: priceText(r.close), createdAt: r.createdAt.toISOString() })),
  };
}

/**
 * The closing price HR recorded for exactly this date, or null. Never the nearest one: a tax figure on a
 * price the portal picked itself would look computed when it is not, so a missing price stays missing.
 */
export async function closingPriceOn(db: Db, issuerId: string, date: string): Promise<string | null> {
  const [row] = await db
    .select({ close: closingPrices.close })
    .from(closingPrices)
    .where(and(eq(closingPrices.issuerId, issuerId), eq(closingPrices.tradeDate, date)));
  return row ? priceText(row.close) : null;
}

/**
 * The latest price HR recorded (on or before the date, when given): the default a grantee's tax estimate
 * starts from, shown with its date so nobody takes it for the vesting day's price.
 */
export async function latestClosingPrice(
  db: Db,
  issuerId: string,
  onOrBefore?: string,
): Promise<{ tradeDate: string; close: string } | null> {
  const [row] = await db
    .select({ tradeDate: closingPrices.tradeDate, close: closingPrices.close })
    .from(closingPrices)
    .where(and(eq(closingPrices.issuerId, issuerId), onOrBefore ? lte(closingPrices.tradeDate, onOrBefore) : undefined))
    .orderBy(desc(closingPrices.tradeDate))
    .limit(1);
  return row ? { tradeDate: row.tradeDate, close: priceText(row.close) } : null;
}
