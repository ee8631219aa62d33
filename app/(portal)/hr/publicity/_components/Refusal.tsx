"use client";
import { useTranslations } from "next-intl";

/** A refused change: the rule code and its message in the reader's language (the server's English text as fallback). */
export function Refusal({ code, message }: { code: string; message: string }) {
  const t = useTranslations("hrPublicity");
  const key = `errors.${code}`;
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="refusal" data-code={code}>
      <span className="font-mono text-xs font-semibold">{code}</span> · {t.has(key) ? t(key) : message}
    </div>
  );
}
