"use server";
import { cookies } from "next/headers";
import { LOCALE_COOKIE } from "@/i18n/locales";
import { action } from "@/lib/auth/procedures/action";
import { rememberLocale } from "@/lib/features/me/commands";
import { localeSchema } from "@/lib/features/me/schemas";

/**
 * Switches the interface language. Public: a cookie keeps it for anyone (the sign-in page has the switch
 * too), and the signed-in user's record keeps it as well.
 */
export const switchLocale = action({ access: "public", input: localeSchema }, async ({ input: locale }) => {
  (await cookies()).set(LOCALE_COOKIE, locale, {
    path: "/",
    sameSite: "lax",
    httpOnly: true,
    maxAge: 60 * 60 * 24 * 365,
  });
  await rememberLocale(locale);
});
