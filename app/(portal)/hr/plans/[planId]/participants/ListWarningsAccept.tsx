"use client";
import { useLocale, useTranslations } from "next-intl";
import { toLocale } from "@/i18n/locales";
import type { ImportWarning } from "@/lib/features/imports/importWarnings";

/**
 * The preview's warnings, each in the reader's language with a checkbox to accept it: the list is applied
 * only once every one is accepted (the server refuses otherwise, WARNINGS_NOT_ACCEPTED).
 */
export function ListWarningsAccept({
  warnings,
  accepted,
  onChange,
}: {
  warnings: readonly ImportWarning[];
  accepted: readonly string[];
  onChange: (accepted: string[]) => void;
}) {
  const t = useTranslations("hrParticipants");
  const locale = toLocale(useLocale());
  if (warnings.length === 0) return null;
  const label = (code: string) => (t.has(`accept.${code}`) ? t(`accept.${code}` as "accept.other") : t("accept.other"));
  return (
    <fieldset
      className="space-y-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
      data-testid="upload-warnings"
    >
      <legend className="px-1 font-medium">{t("preview.warnings")}</legend>
      {warnings.map((w) => (
        <div key={w.code} className="space-y-1" data-testid="upload-warning" data-code={w.code}>
          <p>
            <code className="mr-1 text-xs">{w.code}</code>
            {locale === "en" ? w.text.en : w.text.zh}
          </p>
          <label className="flex items-start gap-2 font-medium">
            <input
              type="checkbox"
              className="mt-1"
              checked={accepted.includes(w.code)}
              onChange={(e) =>
                onChange(e.target.checked ? [...accepted, w.code] : accepted.filter((c) => c !== w.code))
              }
              data-testid="accept-warning"
            />
            {label(w.code)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}
