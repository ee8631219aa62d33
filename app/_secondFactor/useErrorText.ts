"use client";
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/i18n/locales";
import { errorText } from "@/lib/platform/errors/errorCodes";
import { SecondFactorError } from "./secondFactorApi";

/** A failed second-factor call as the reader reads it: the error table's text, or this namespace's own. */
export function useErrorText() {
  const locale = toLocale(useLocale());
  const t = useTranslations("secondFactor");
  return (e: unknown) => {
    if (e instanceof SecondFactorError) {
      if (e.code === "PASSKEY_CANCELLED") return t("passkeyFailed");
      return errorText(e.code, locale, e.message);
    }
    return errorText("INTERNAL", locale);
  };
}
