"use client";
import { useState } from "react";

/**
 * A secret (setup link or API token) the server will never show again: read-only, selected on focus,
 * with a copy button. The note above it says so in the page's words.
 */
export function OneTimeSecret({
  value,
  note,
  copyLabel,
  copiedLabel,
  testId,
}: {
  value: string;
  note: string;
  copyLabel: string;
  copiedLabel: string;
  testId: string;
}) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm" role="status">
      <p className="text-amber-900">{note}</p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          className="min-w-0 flex-1 rounded border border-amber-200 bg-white px-2 py-1.5 font-mono text-xs"
          data-testid={testId}
          aria-label={note}
        />
        <button
          type="button"
          className="rounded-md border border-amber-300 bg-white px-3 py-1.5 text-sm hover:bg-amber-100"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopied(true);
            } catch {
              // Clipboard refused (plain HTTP, permissions): the field is selectable by hand.
              setCopied(false);
            }
          }}
        >
          {copied ? copiedLabel : copyLabel}
        </button>
      </div>
    </div>
  );
}
