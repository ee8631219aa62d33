import "server-only";
import { badRequest } from "@/lib/platform/errors/apiError";

/** One page of a long list: the items and the cursor of the next page, null on the last one. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** Most items a page may hold, and how many unless asked otherwise. */
export const MAX_PAGE_SIZE = 200;
export const DEFAULT_PAGE_SIZE = 50;

/**
 * An opaque cursor for keyset pagination: the sort key of the last item, so the next page starts after
 * it with an indexed range scan however deep the list is (an OFFSET would read every row before it).
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), "utf8").toString("base64url");
}

/** The key a cursor carries, checked against the shape the list sorts by; 400 when it was not made here. */
export function decodeCursor<K extends readonly ("string" | "number")[]>(
  cursor: string,
  shape: K,
): { [I in keyof K]: K[I] extends "number" ? number : string } {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    key = null;
  }
  if (!Array.isArray(key) || key.length !== shape.length || key.some((v, i) => typeof v !== shape[i]))
    throw badRequest("The cursor is not one this list handed out; start again without it.");
  return key as { [I in keyof K]: K[I] extends "number" ? number : string };
}

/**
 * A page from rows read with limit + 1: the extra row only says there is a next page, whose cursor is
 * the key of the last item kept.
 */
export function pageOf<T>(rows: T[], limit: number, keyOf: (item: T) => readonly (string | number)[]): Page<T> {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? encodeCursor(keyOf(items[items.length - 1]!)) : null };
}
