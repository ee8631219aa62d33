"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

/**
 * A value the grantee types into a bank transfer (account number, reference), shown exactly as stored and
 * copied exactly: the text itself (selectable as a whole with one tap), and a button that puts the same string
 * on the clipboard. Where the Clipboard API is refused (plain HTTP, an in-app browser), the value is selected
 * for a manual copy and the button says so.
 */
export function CopyValue({
  value,
  testId,
  buttonTestId,
  buttonLabel,
}: {
  value: string;
  testId: string;
  buttonTestId: string;
  /** What the button copies, for screen readers ("复制账号"). */
  buttonLabel: string;
}) {
  const t = useTranslations("myVesting");
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const text = useRef<HTMLElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const show = (next: "copied" | "failed") => {
    setState(next);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 3000);
  };

  const selectText = () => {
    const node = text.current;
    const selection = typeof window === "undefined" ? null : window.getSelection();
    if (!node || !selection) return;
    selection.selectAllChildren(node);
  };

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      show("copied");
    } catch {
      selectText();
      show("failed");
    }
  };

  return (
    <div>
      <div className="flex items-start gap-2">
        <code
          ref={text}
          className="min-w-0 flex-1 select-all break-all rounded bg-slate-50 px-2 py-1.5 font-mono text-[15px] leading-snug text-slate-900"
          data-testid={testId}
        >
          {value}
        </code>
        <button
          type="button"
          onClick={copy}
          aria-label={buttonLabel}
          className={`shrink-0 rounded-md border px-3 py-1.5 text-sm font-medium ${
            state === "copied"
              ? "border-emerald-300 bg-emerald-50 text-emerald-800"
              : "border-slate-300 bg-white text-brand-700 hover:bg-brand-50"
          }`}
          data-testid={buttonTestId}
        >
          {state === "copied" ? t("copied") : t("copy")}
        </button>
      </div>
      <p role="status" aria-live="polite" className={state === "failed" ? "mt-1 text-xs text-amber-800" : "sr-only"}>
        {state === "copied" ? t("copied") : state === "failed" ? t("copyFailed") : ""}
      </p>
    </div>
  );
}
