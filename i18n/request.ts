import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { currentUser } from "@/lib/auth/session";
import { PRECOMPILED_MESSAGES } from "./precompiledMessages";
import { LOCALE_COOKIE, toLocale } from "./locales";

export default getRequestConfig(async () => {
  const cookieLocale = (await cookies()).get(LOCALE_COOKIE)?.value;
  // The signed-in user's saved choice follows them across devices; the cookie covers the login page.
  const user = await currentUser().catch(() => null);
  const locale = toLocale(user?.locale ?? cookieLocale);
  return {
    locale,
    timeZone: "Asia/Shanghai",
    messages: PRECOMPILED_MESSAGES[locale] as never,
  };
});
