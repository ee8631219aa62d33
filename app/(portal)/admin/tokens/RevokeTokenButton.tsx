"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { AdminRefusal } from "../_components/AdminRefusal";
import { revokeApiTokenAction } from "./actions";

/** Revokes one token after a confirmation; the list refreshes with its revocation time. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("adminTokens");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [pending, start] = useTransition();
  return (
    <div className="space-y-1">
      <button
        type="button"
        disabled={pending}
        className="rounded-md border border-rose-300 bg-white px-2.5 py-1 text-xs text-rose-800 hover:bg-rose-50 disabled:opacity-60"
        data-testid="token-revoke"
        onClick={() => {
          if (window.confirm(t("revokeConfirm", { name })))
            start(async () => setResult(await revokeApiTokenAction({ tokenId })));
        }}
      >
        {t("revoke")}
      </button>
      <AdminRefusal result={result} ns="adminTokens" />
    </div>
  );
}
