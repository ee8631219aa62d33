import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { PRECOMPILED_MESSAGES } from "./precompiledMessages";
import { LOCALE_COOKIE, localeFromAcceptLanguage, toLocale } from "./locales";

export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  // The signed-in user's saved choice follows them across devices; before sign-in, a choice made on
  // this browser (the cookie), else the language the browser asks for.
  const user = await currentUser().catch(() => null);
  const chosen = user?.locale ?? cookieLocale;
  const locale = chosen ? toLocale(chosen) : localeFromAcceptLanguage((await headers()).get("accept-language"));
  return {
    locale,
    timeZone: "Asia/Shanghai",
    messages: PRECOMPILED_MESSAGES[locale] as never,
  };
});
