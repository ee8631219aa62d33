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
