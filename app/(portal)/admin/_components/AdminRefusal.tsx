"use client";
import { useTranslations } from "next-intl";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import type { ActionResult } from "@/lib/auth/procedures/action";

/**
 * A refused administration change: codes the page's namespace knows (SELF_DEMOTION, PERSON_ALREADY_LINKED...)
 * are read in the user's language; anything else falls back to the staff pages' refusal box.
 */
export function AdminRefusal({
  result,
  ns,
}: {
  result: ActionResult<unknown> | null | undefined;
  ns: "adminUsers" | "adminTokens";
}) {
  const t = useTranslations(ns);
  if (!result || result.ok) return null;
  const key = `errors.${result.code}`;
  if (!t.has(key)) return <RefusalBox refusal={result} />;
  return (
    <p
      role="alert"
      className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800"
      data-testid="refusal"
      data-code={result.code}
    >
      {t(key)}{" "}
      <code className="text-xs" data-testid="refusal-code">
        {result.code}
      </code>
    </p>
  );
}
