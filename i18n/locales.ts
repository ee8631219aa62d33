/** Supported locales; Chinese first because most users read it. */
export const LOCALES = ["zh-CN", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "zh-CN";
/** Cookie that keeps the choice before sign-in; after sign-in the user's saved choice wins. */
export const LOCALE_COOKIE = "vd_locale";

/** Narrows any string to a supported locale, falling back to the default. */
export function toLocale(value: string | null | undefined): Locale {
  return (LOCALES as readonly string[]).includes(value ?? "") ? (value as Locale) : DEFAULT_LOCALE;
}

/**
 * The language a browser asks for first (RFC 9110 Accept-Language, by quality): any Chinese tag (zh,
 * zh-CN, zh-Hans-CN, zh-TW…) reads Chinese, anything else English; no header keeps the default.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      const quality = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((l) => l.tag !== "" && l.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const first = ranked[0];
  if (!first || first.tag === "*") return DEFAULT_LOCALE;
  return first.tag === "zh" || first.tag.startsWith("zh-") ? "zh-CN" : "en";
}
