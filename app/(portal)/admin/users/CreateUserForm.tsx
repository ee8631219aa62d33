"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { AdminRefusal } from "../_components/AdminRefusal";
import { OneTimeSecret } from "../_components/OneTimeSecret";
import { shanghaiTime } from "../_components/shanghaiTime";
import { createUserAction } from "./actions";

const ROLES = ["employee", "hr", "admin", "auditor", "finance"] as const;
type Created = { userId: string; email: string; setupLink: { url: string; expiresAt: string } };

/** Invites a user: email, name, roles and an optional employee record; the setup link is shown once. */
export function CreateUserForm() {
  const t = useTranslations("adminUsers");
  const [result, setResult] = useState<ActionResult<Created> | null>(null);
  const [pending, start] = useTransition();
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <form
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4"
      data-testid="user-create-form"
      onSubmit={(e) => {
        e.preventDefault();
        const form = e.currentTarget;
        const data = new FormData(form);
        const employeeNo = String(data.get("personEmployeeNo") ?? "").trim();
        const input = {
          email: data.get("email"),
          displayName: data.get("displayName"),
          roles: data.getAll("roles"),
          personEmployeeNo: employeeNo === "" ? null : employeeNo,
        };
        start(async () => {
          const r = await createUserAction(input);
          setResult(r);
          if (r.ok) form.reset();
        });
      }}
    >
      <h2 className="text-lg font-semibold">{t("create.title")}</h2>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="font-medium">{t("create.email")}</span>
          <input
            name="email"
            type="email"
            required
            maxLength={200}
            autoComplete="off"
            className={field}
            data-testid="user-create-email"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("create.displayName")}</span>
          <input name="displayName" required maxLength={100} className={field} data-testid="user-create-name" />
        </label>
      </div>
      <fieldset className="text-sm">
        <legend className="font-medium">{t("create.roles")}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
          {ROLES.map((r) => (
            <label key={r} className="flex items-center gap-1.5">
              <input
                type="checkbox"
                name="roles"
                value={r}
                defaultChecked={r === "employee"}
                data-testid={`user-create-role-${r}`}
              />
              {t(`roleNames.${r}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <label className="block text-sm">
        <span className="font-medium">{t("create.person")}</span>
        <input name="personEmployeeNo" maxLength={40} className={`${field} sm:w-56`} data-testid="user-create-person" />
        <span className="mt-1 block text-xs text-slate-500">{t("create.personHint")}</span>
      </label>
      <AdminRefusal result={result} ns="adminUsers" />
      {result?.ok && (
        <div className="space-y-2" data-testid="user-created">
          <p className="text-sm text-emerald-800">{t("create.done", { email: result.data.email })}</p>
          <OneTimeSecret
            value={result.data.setupLink.url}
            note={t("link.shownOnce", { until: shanghaiTime(result.data.setupLink.expiresAt) })}
            copyLabel={t("link.copy")}
            copiedLabel={t("link.copied")}
            testId="setup-link"
          />
        </div>
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
        data-testid="user-create-submit"
      >
        {t("create.submit")}
      </button>
    </form>
  );
}
