"use client";
import { useLocale, useTranslations } from "next-intl";
import { errorText } from "@/lib/platform/errors/errorCodes";
import { toLocale } from "@/i18n/locales";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { StepUpPrompt } from "@/app/_secondFactor/StepUpPrompt";

/** A refused change as a form shows it: code, message and the details the server gave. */
export type Refusal = { code: string; message: string; details?: unknown };

type Item = { code?: string; message: string; path?: string; details?: unknown };

/**
 * Every code the error table knows (rule codes and the application's) read in the user's language; a
 * code it does not know keeps the server's message.
 */
export function useRefusalText() {
  const locale = toLocale(useLocale());
  return (code: string | undefined, fallback: string, details?: unknown) =>
    errorText(code, locale, fallback, details as Readonly<Record<string, unknown>> | null | undefined);
}

/**
 * The one refusal box of the staff pages: the code (for support and tests), the message in the reader's
 * language, every rule broken, and the raw details (limits, dates, people) folded away. Accepts a refusal
 * or a server-action result (nothing is shown for a success).
 */
export function RefusalBox({
  refusal,
  onStepUp,
}: {
  refusal: Refusal | ActionResult<unknown> | null | undefined;
  /** Retries the refused action once the second factor was given again (else the user submits again). */
  onStepUp?: () => void;
}) {
  const t = useTranslations("hrCommon");
  const text = useRefusalText();
  if (!refusal || ("ok" in refusal && refusal.ok)) return null;
  const r = refusal as Refusal;
  const d = r.details as { violations?: Item[] } | Item[] | null | undefined;
  const items: Item[] = Array.isArray(d) ? d : (d?.violations ?? []);
  return (
    <div
      role="alert"
      className="space-y-1 rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
      data-testid="refusal"
      data-code={r.code}
    >
      <p className="font-medium">
        {t("refused")}{" "}
        <code className="text-xs" data-testid="refusal-code">
          {r.code}
        </code>
      </p>
      {items.length === 0 && <p>{text(r.code, r.message, d)}</p>}
      {items.length === 1 && <p>{text(items[0]!.code ?? r.code, items[0]!.message, items[0]!.details)}</p>}
      {items.length > 1 && (
        <ul className="list-disc pl-5">
          {items.map((v, i) => (
            <li key={i}>
              {v.code && <code className="mr-1 text-xs">{v.code}</code>}
              {v.path && <code className="mr-1 text-xs">{v.path}</code>}
              {text(v.code, v.message, v.details)}
            </li>
          ))}
        </ul>
      )}
      {r.code === "STEP_UP_REQUIRED" && <StepUpPrompt onVerified={onStepUp} />}
      {d !== null && d !== undefined && (
        <details>
          <summary className="cursor-pointer text-xs">{t("details")}</summary>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all text-xs">{JSON.stringify(d, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
