"use client";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { switchLocale } from "./localeActions";

/** Toggles between Chinese and English and re-renders the page in the new language. */
export function LanguageSwitch() {
  const locale = useLocale();
  const t = useTranslations("nav");
  const router = useRouter();
  const [pending, start] = useTransition();
  const next = locale === "en" ? "zh-CN" : "en";
  return (
    <button
      type="button"
      data-testid="language-switch"
      aria-label={t("language")}
      disabled={pending}
      onClick={() =>
        start(async () => {
          await switchLocale(next);
          router.refresh();
        })
      }
      className="rounded-md border border-slate-300 bg-white px-2.5 py-1 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50"
    >
      {next === "en" ? "English" : "中文"}
    </button>
  );
}
