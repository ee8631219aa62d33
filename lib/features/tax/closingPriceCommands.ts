import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { closingPrices } from "@/db/schema";
import type { TradingCalendar } from "@/lib/domain/calendar/tradingCalendar";
import { Dec } from "@/lib/domain/numeric/decimal";
import { ApiError, badRequest } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { today } from "@/lib/platform/clock";
import type { Actor } from "@/lib/auth/actor";
import { loadTradingCalendar } from "@/lib/features/derivation/planInputs";
import { resolvePriceIssuer } from "@/lib/features/tax/closingPrices";
import { priceText } from "@/lib/domain/numeric/priceText";
import { parseClosingPriceCsv, type ClosingPriceCsvCode } from "@/lib/features/tax/closingPriceCsv";
import { MAX_CLOSING_PRICE_CSV_CHARS, closingPriceInput, type ClosingPriceInput } from "@/lib/features/tax/schemas";

/** More rows than this in one file is not a price history but a mistake (20 years of trading days is ~4,900). */
export const MAX_CLOSING_PRICE_ROWS = 6_000;

/** What entering one price did: the price now on record and the one it replaced, if any. */
export interface ClosingPriceEntry {
  issuerId: string;
  tradeDate: string;
  close: string;
  source: string;
  previous: { close: string; source: string } | null;
  /** True when the same price and source were on record already: nothing was written. */
  unchanged: boolean;
}

/** A row of the file that can be written: the price and the one on record for that date (null: new). */
export interface ClosingPricePreviewRow {
  line: number;
  tradeDate: string;
  close: string;
  previous: string | null;
}

/** Why a line is refused: a format problem of the file, or a date with no closing price to record. */
export type ClosingPriceImportCode =
  ClosingPriceCsvCode | "CLOSING_PRICE_IN_FUTURE" | "CLOSING_PRICE_NOT_TRADING_DAY" | "CALENDAR_NOT_PUBLISHED";

/** One refused line: its number in the file (1 = header), the code, the cell and the specifics. */
export interface ClosingPriceImportError {
  line: number;
  code: ClosingPriceImportCode;
  message: string;
  value?: string;
  details?: Record<string, unknown>;
}

/** The preview of a closing-price file, or (applied) what was written. */
export interface ClosingPriceImport {
  issuerId: string;
  applied: boolean;
  rows: ClosingPricePreviewRow[];
  errors: ClosingPriceImportError[];
}

/**
 * Why no closing price can be recorded for the date, or null: a day after today has not traded yet, and a
 * weekend or exchange holiday has no close. A date the published calendar does not cover is not guessed.
 */
function priceDateProblem(calendar: TradingCalendar, todayIso: string, tradeDate: string): ApiError | null {
  if (tradeDate > todayIso)
    return new ApiError(
      "CLOSING_PRICE_IN_FUTURE",
      `${tradeDate} is after today (${todayIso}): a closing price can be entered once the day has traded.`,
      { tradeDate, today: todayIso },
    );
  if (!calendar.coversDate(tradeDate))
    return new ApiError(
      "CALENDAR_NOT_PUBLISHED",
      `The exchange calendar does not cover ${tradeDate} (it covers ${calendar.firstDate} to ${calendar.lastDate}).`,
      { tradeDate, firstDate: calendar.firstDate, lastDate: calendar.lastDate },
    );
  const reason = calendar.closureReason(tradeDate);
  if (reason !== null)
    return new ApiError(
      "CLOSING_PRICE_NOT_TRADING_DAY",
      `${tradeDate} is not an SSE trading day (${reason}): there is no closing price for it.`,
      { tradeDate, reason },
    );
  return null;
}

/**
 * Records the closing price of one trading day, or corrects the one on record (a typo): the audit row keeps
 * the price before and after. Refused, with nothing written, for a day after today, a day the exchange did
 * not trade, or a price that is not a positive decimal with at most 4 decimals (BAD_REQUEST).
 */
export async function enterClosingPrice(
  db: Database,
  actor: Actor,
  issuerId: string | null,
  input: ClosingPriceInput,
): Promise<ClosingPriceEntry> {
  const parsed = closingPriceInput.parse(input);
  const close = new Dec(parsed.close).toFixed();
  const source = parsed.source ?? "manual";
  return db.transaction(async (tx) => {
    const issuer = await resolvePriceIssuer(tx, issuerId);
    const problem = priceDateProblem(await loadTradingCalendar(tx), today(), parsed.tradeDate);
    if (problem) throw problem;
    const [before] = await tx
      .select()
      .from(closingPrices)
      .where(and(eq(closingPrices.issuerId, issuer), eq(closingPrices.tradeDate, parsed.tradeDate)));
    const previous = before ? { close: priceText(before.close), source: before.source } : null;
    const entry = { issuerId: issuer, tradeDate: parsed.tradeDate, close: priceText(close), source, previous };
    if (before && new Dec(before.close).eq(close) && before.source === source) return { ...entry, unchanged: true };
    const [row] = await tx
      .insert(closingPrices)
      .values({ issuerId: issuer, tradeDate: parsed.tradeDate, close, source, enteredBy: actor.userId })
      .onConflictDoUpdate({
        target: [closingPrices.issuerId, closingPrices.tradeDate],
        set: { close, source, enteredBy: actor.userId },
      })
      .returning({ id: closingPrices.id });
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: before ? "closing_price.correct" : "closing_price.enter",
      entityType: "closing_price",
      entityId: row!.id,
      before: before ? { issuerId: issuer, tradeDate: parsed.tradeDate, ...previous } : null,
      after: { issuerId: issuer, tradeDate: parsed.tradeDate, close: entry.close, source },
      ip: actor.ip,
    });
    return { ...entry, unchanged: false };
  });
}

/**
 * Reads a closing-price file (see parseClosingPriceCsv) and checks every date as a single entry would be
 * checked. Without apply: the preview, each row with the price it would replace, and every refused line.
 * With apply: all rows in one transaction and one audit row for the import, and only if no line is refused
 * (CLOSING_PRICE_IMPORT_INVALID with the errors otherwise): a half-imported history is worse than none.
 */
export async function importClosingPrices(
  db: Database,
  actor: Actor,
  issuerId: string | null,
  csvText: string,
  options: { apply: boolean; source?: string },
): Promise<ClosingPriceImport> {
  if (csvText.length > MAX_CLOSING_PRICE_CSV_CHARS)
    throw badRequest(`The file is longer than ${MAX_CLOSING_PRICE_CSV_CHARS} characters.`);
  const parsed = parseClosingPriceCsv(csvText);
  if (parsed.rows.length > MAX_CLOSING_PRICE_ROWS)
    throw new ApiError(
      "TOO_MANY_ROWS",
      `The file has ${parsed.rows.length} prices; at most ${MAX_CLOSING_PRICE_ROWS}.`,
      {
        rows: parsed.rows.length,
        max: MAX_CLOSING_PRICE_ROWS,
      },
    );
  const source = options.source ?? "csv";
  return db.transaction(async (tx) => {
    const issuer = await resolvePriceIssuer(tx, issuerId);
    const calendar = await loadTradingCalendar(tx);
    const todayIso = today();
    const errors: ClosingPriceImportError[] = [...parsed.errors];
    const accepted = parsed.rows.filter((r) => {
      const problem = priceDateProblem(calendar, todayIso, r.tradeDate);
      if (problem)
        errors.push({
          line: r.line,
          code: problem.code as ClosingPriceImportCode,
          message: problem.message,
          value: r.tradeDate,
          details: problem.details as Record<string, unknown>,
        });
      return problem === null;
    });
    const onRecord = new Map<string, string>();
    if (accepted.length > 0) {
      const existing = await tx
        .select({ tradeDate: closingPrices.tradeDate, close: closingPrices.close })
        .from(closingPrices)
        .where(
          and(
            eq(closingPrices.issuerId, issuer),
            inArray(
              closingPrices.tradeDate,
              accepted.map((r) => r.tradeDate),
            ),
          ),
        );
      for (const e of existing) onRecord.set(e.tradeDate, priceText(e.close));
    }
    const rows = accepted.map((r) => ({
      ...r,
      close: priceText(r.close),
      previous: onRecord.get(r.tradeDate) ?? null,
    }));
    errors.sort((a, b) => a.line - b.line);
    const preview: ClosingPriceImport = { issuerId: issuer, applied: false, rows, errors };
    if (!options.apply) return preview;
    if (errors.length > 0)
      throw new ApiError(
        "CLOSING_PRICE_IMPORT_INVALID",
        `The file has ${errors.length} refused line(s), the first on line ${errors[0]!.line}; nothing was written.`,
        { errors },
      );
    if (rows.length > 0)
      await tx
        .insert(closingPrices)
        .values(
          rows.map((r) => ({
            issuerId: issuer,
            tradeDate: r.tradeDate,
            close: r.close,
            source,
            enteredBy: actor.userId,
          })),
        )
        .onConflictDoUpdate({
          target: [closingPrices.issuerId, closingPrices.tradeDate],
          set: { close: sql`excluded.close`, source: sql`excluded.source`, enteredBy: actor.userId },
        });
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "closing_price.import",
      entityType: "closing_prices",
      entityId: issuer,
      before: {
        prices: rows.filter((r) => r.previous !== null).map((r) => ({ tradeDate: r.tradeDate, close: r.previous })),
      },
      after: { source, prices: rows.map((r) => ({ tradeDate: r.tradeDate, close: r.close })) },
      ip: actor.ip,
    });
    return { ...preview, applied: true };
  });
}
