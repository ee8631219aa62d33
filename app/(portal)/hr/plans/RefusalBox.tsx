"use client";
import { useLocale, useTranslations } from "next-intl";
import { ruleMessages, type RuleCode } from "@/lib/domain/errors";

/** A refused change as a form shows it: code, message and every violation or invalid field. */
export type Refusal = { code: string; message: string; details?: unknown };

type Item = { code?: string; message: string; path?: string };

/** Rule codes read in the user's language; other codes keep the server's English message. */
export function useRefusalText() {
  const locale = useLocale();
  return (code: string | undefined, fallback: string) => {
    const known = code && Object.prototype.hasOwnProperty.call(ruleMessages, code) ? ruleMessages[code as RuleCode] : undefined;
    return known ? (locale === "en" ? known.en : known.zh) : fallback;
  };
}

/** Red box listing why the server refused the change. */
export function RefusalBox({ refusal }: { refusal: Refusal }) {
  const t = useTranslations("hrPlans");
  const text = useRefusalText();
  const d = refusal.details as { violations?: Item[] } | Item[] | null | undefined;
  const items: Item[] = Array.isArray(d) ? d : (d?.violations ?? []);
  return (
    <div role="alert" className="space-y-1 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="refusal">
      <p className="font-medium">{t("refused")} <code className="text-xs" data-testid="refusal-code">{refusal.code}</code></p>
      {items.length === 0 && <p>{text(refusal.code, refusal.message)}</p>}
      {items.length > 0 && (
        <ul className="list-disc pl-5">
          {items.map((v, i) => <li key={i}>{v.code && <code className="mr-1 text-xs">{v.code}</code>}{v.path && <code className="mr-1 text-xs">{v.path}</code>}{text(v.code, v.message)}</li>)}
        </ul>
      )}
    </div>
  );
}
