import type { GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { describeBlackoutWindow } from "@/lib/domain/blackout/describeBlackoutWindow";
import type { Locale } from "@/i18n/locales";

/** Share counts with grouping; Chinese registers show 万股 for round ten-thousands. */
export function formatShares(n: number, locale: Locale): string {
  return shareFormat(locale).format(n);
}

// Building an Intl.NumberFormat costs far more than using one; there are only two locales.
const shareFormats = new Map<Locale, Intl.NumberFormat>();
function shareFormat(locale: Locale): Intl.NumberFormat {
  let f = shareFormats.get(locale);
  if (!f) shareFormats.set(locale, (f = new Intl.NumberFormat(locale)));
  return f;
}

/** Yuan with two decimals. */
export function formatYuan(price: string, locale: Locale): string {
  return locale === "en" ? `CNY ${price}` : `${price} 元`;
}

/** A ratio such as "0.33" as a percentage. */
export function formatRatio(ratio: string): string {
  const [int, frac = ""] = ratio.split(".");
  const scaled = `${int}${frac.padEnd(2, "0").slice(0, 2)}.${frac.slice(2)}`
    .replace(/^0+(?=\d)/, "")
    .replace(/\.?0*$/, "");
  return `${scaled || "0"}%`;
}

/** Why a tranche's date moved: one blackout window that deferred it, as the grant reads carry it. */
type DeferralRecord = GrantDto["tranches"][number]["deferredBy"][number];

/** Why a date moved, in the reader's language. */
export function describeDeferral(d: DeferralRecord, locale: Locale): string {
  return describeBlackoutWindow(
    {
      id: d.blackoutWindowId,
      planId: null,
      kind: d.kind as never,
      from: d.from,
      to: d.to,
      reason: (d.reason ?? { kind: d.kind }) as never,
    },
    locale,
  );
}
