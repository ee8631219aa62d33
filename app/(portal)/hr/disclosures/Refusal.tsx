"use client";
import type { ActionResult } from "@/lib/server/hr/staffAction";

/** A refusal from a staff action: the code (for support and tests) and the message. */
export function Refusal({ result }: { result: ActionResult<unknown> | null }) {
  if (!result || result.ok) return null;
  return (
    <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="refusal">
      <span className="font-mono font-semibold" data-testid="refusal-code">{result.code}</span> {result.message}
    </p>
  );
}
