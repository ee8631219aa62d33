import type { Locale } from "@/i18n/locales";
import { formatShares } from "@/app/(portal)/_components/format";
import { groupYuan } from "../money";

/** Class strings the batch page's cards and tables share. */
export const card = "rounded-lg border border-slate-200 bg-white p-4";
export const th = "px-2 py-2 whitespace-nowrap";
export const td = "px-2 py-1.5 whitespace-nowrap";
export const num = `${td} text-right tabular`;

/** A share count, or a dash while it is not known yet. */
export const shares = (n: number | null, locale: Locale) => (n === null ? "—" : formatShares(n, locale));

/** A right-aligned share-count cell, the raw count in data-value. */
export const sharesCell = (value: number | null, locale: Locale, testId: string) => (
  <td className={num} data-testid={testId} data-value={value ?? ""}>
    {shares(value, locale)}
  </td>
);

/** A right-aligned money cell in grouped yuan, the decimal string in data-value. */
export const money = (value: string | null, testId?: string) => (
  <td className={num} data-testid={testId} data-value={value ?? ""}>
    {groupYuan(value)}
  </td>
);
