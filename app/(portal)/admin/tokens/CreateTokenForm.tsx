"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { AdminRefusal } from "../_components/AdminRefusal";
import { OneTimeSecret } from "../_components/OneTimeSecret";
import { createApiTokenAction } from "./actions";

const ROLES = ["auditor", "finance", "hr", "admin", "employee"] as const;
type Role = (typeof ROLES)[number];

/** An enabled user who may own a token, with the roles they could lend it. */
export interface TokenOwnerOption {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
}

/** Name, role and the user it acts as (only users holding the role are offered); the token is shown once. */
export function CreateTokenForm({ owners }: { owners: TokenOwnerOption[] }) {
  const t = useTranslations("adminTokens");
  const [role, setRole] = useState<Role>("auditor");
  const [result, setResult] = useState<ActionResult<{ token: string; name: string }> | null>(null);
  const [pending, start] = useTransition();
  const eligible = owners.filter((o) => o.roles.includes(role));
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="token-create-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        start(async () => {
          const r = await createApiTokenAction({ name: data.get("name"), role, userId: data.get("userId") });
          setResult(r);
          if (r.ok) form.reset();
        });
      }}
    >
      <h2 className="text-lg font-semibold">{t("create.title")}</h2>
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block text-sm">
          <span className="font-medium">{t("create.name")}</span>
          <input
            name="name"
            required
            maxLength={100}
            placeholder={t("create.namePlaceholder")}
            className={field}
            data-testid="token-name"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("create.role")}</span>
          <select
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className={field}
            data-testid="token-role"
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roleNames.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("create.owner")}</span>
          <select
            name="userId"
            required
            key={role}
            className={field}
            data-testid="token-owner"
            disabled={eligible.length === 0}
          >
            {eligible.map((o) => (
              <option key={o.id} value={o.id}>
                {o.displayName} ({o.email})
              </option>
            ))}
          </select>
          {eligible.length === 0 && <span className="mt-1 block text-xs text-rose-700">{t("create.noOwner")}</span>}
        </label>
      </div>
      <AdminRefusal result={result} ns="adminTokens" />
      {result?.ok && (
        <OneTimeSecret
          value={result.data.token}
          note={t("create.shownOnce")}
          copyLabel={t("create.copy")}
          copiedLabel={t("create.copied")}
          testId="token-secret"
        />
      )}
      <button
        type="submit"
        disabled={pending || eligible.length === 0}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="token-create-submit"
      >
        {t("create.submit")}
      </button>
    </form>
  );
}
