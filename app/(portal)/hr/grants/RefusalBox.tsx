"use client";
import type { ActionResult } from "@/lib/server/hr/staffAction";

type Violation = { code: string; message: string; details?: unknown };

/** A refused action: the code and message, every rule broken, and the details (limits, dates, people) to fix it. */
export function RefusalBox({ result, detailsLabel }: { result: ActionResult<unknown> | null; detailsLabel: string }) {
  if (!result || result.ok) return null;
  const details = (result.details ?? null) as { violations?: Violation[] } | null;
  const violations = details?.violations ?? [];
  return (
    <div role="alert" className="space-y-1 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="refusal">
      <p><span className="font-mono font-semibold" data-testid="refusal-code">{result.code}</span> {result.message}</p>
      {violations.length > 1 && (
        <ul className="list-disc pl-5">
          {violations.map((v, i) => <li key={i}><span className="font-mono">{v.code}</span> {v.message}</li>)}
        </ul>
      )}
      {details && (
        <details>
          <summary className="cursor-pointer text-xs">{detailsLabel}</summary>
          <pre className="mt-1 overflow-x-auto whitespace-pre-wrap break-all text-xs">{JSON.stringify(violations.length > 0 ? violations.map((v) => ({ code: v.code, ...(v.details as object) })) : details, null, 2)}</pre>
        </details>
      )}
    </div>
  );
}
