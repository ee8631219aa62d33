import type { Locale } from "@/i18n/locales";

const formats = new Map<Locale, Intl.NumberFormat>();

/** Yuan as the API gives it ("-1234.05"), with grouping: only the whole part is formatted, so nothing is rounded. */
export function formatAmount(yuan: string, locale: Locale): string {
  let f = formats.get(locale);
  if (!f) formats.set(locale, (f = new Intl.NumberFormat(locale)));
  const negative = yuan.startsWith("-");
  const [whole = "0", frac = "00"] = yuan.replace("-", "").split(".");
  return `${negative ? "-" : ""}${f.format(BigInt(whole))}.${frac.padEnd(2, "0")}`;
}
