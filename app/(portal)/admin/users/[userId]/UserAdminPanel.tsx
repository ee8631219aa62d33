"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { AdminRefusal } from "../../_components/AdminRefusal";
import { OneTimeSecret } from "../../_components/OneTimeSecret";
import { shanghaiTime } from "../../_components/shanghaiTime";
import { resetPasswordAction, updateUserAction } from "./actions";

const ROLES = ["employee", "hr", "admin", "auditor", "finance"] as const;
type Role = (typeof ROLES)[number];

export interface PanelUser {
  id: string;
  email: string;
  displayName: string;
  roles: Role[];
  personEmployeeNo: string | null;
  disabled: boolean;
}

/**
 * The changes an admin makes to one account: name, roles, employee record, enabled state and password
 * reset. Each section saves on its own, so a refusal names exactly what was refused.
 */
export function UserAdminPanel({ user, isSelf }: { user: PanelUser; isSelf: boolean }) {
  const t = useTranslations("adminUsers");
  const [result, setResult] = useState<ActionResult<unknown> | null>(null);
  const [link, setLink] = useState<{ url: string; expiresAt: string } | null>(null);
  const [pending, start] = useTransition();
  const update = (body: Record<string, unknown>) =>
    start(async () => {
      setLink(null);
      setResult(await updateUserAction({ userId: user.id, body }));
    });
  const box = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";
  const button =
    "rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60";
  const quiet = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm hover:bg-slate-50 disabled:opacity-60";
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <div className="space-y-4">
      {isSelf && (
        <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700" data-testid="user-self-note">
          {t("detail.you")}
        </p>
      )}
      <AdminRefusal result={result} ns="adminUsers" />
      {result?.ok && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="user-saved"
        >
          {t("detail.saved")}
        </p>
      )}

      <form
        className={box}
        onSubmit={(e) => {
          e.preventDefault();
          update({ displayName: new FormData(e.currentTarget).get("displayName") });
        }}
      >
        <label className="block text-sm">
          <span className="font-medium">{t("detail.profile")}</span>
          <input
            name="displayName"
            required
            maxLength={100}
            defaultValue={user.displayName}
            className={`${field} sm:max-w-sm`}
            data-testid="user-name-input"
          />
        </label>
        <button type="submit" disabled={pending} className={button}>
          {t("detail.save")}
        </button>
      </form>

      <form
        className={box}
        onSubmit={(e) => {
          e.preventDefault();
          update({ roles: new FormData(e.currentTarget).getAll("roles") });
        }}
        data-testid="user-roles-form"
      >
        <fieldset className="text-sm">
          <legend className="font-medium">{t("detail.rolesTitle")}</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {ROLES.map((r) => (
              <label key={r} className="flex items-center gap-1.5">
                <input
                  type="checkbox"
                  name="roles"
                  value={r}
                  defaultChecked={user.roles.includes(r)}
                  data-testid={`user-role-${r}`}
                />
                {t(`roleNames.${r}`)}
              </label>
            ))}
          </div>
          <p className="mt-1 text-xs text-slate-500">{t("detail.rolesHint")}</p>
        </fieldset>
        <button type="submit" disabled={pending} className={button} data-testid="user-roles-save">
          {t("detail.save")}
        </button>
      </form>

      <form
        className={box}
        onSubmit={(e) => {
          e.preventDefault();
          update({ personEmployeeNo: String(new FormData(e.currentTarget).get("employeeNo") ?? "").trim() });
        }}
        data-testid="user-person-form"
      >
        <h2 className="text-sm font-medium">{t("detail.personTitle")}</h2>
        <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
          <label className="block text-sm">
            <span className="text-slate-600">{t("detail.personInput")}</span>
            <input
              name="employeeNo"
              required
              maxLength={40}
              defaultValue={user.personEmployeeNo ?? ""}
              className={`${field} sm:w-56`}
              data-testid="user-person-input"
            />
          </label>
          <button type="submit" disabled={pending} className={button} data-testid="user-person-link">
            {t("detail.link")}
          </button>
          {user.personEmployeeNo && (
            <button
              type="button"
              disabled={pending}
              className={quiet}
              onClick={() => update({ personEmployeeNo: null })}
              data-testid="user-person-unlink"
            >
              {t("detail.unlink")}
            </button>
          )}
        </div>
      </form>

      <section className={box}>
        <h2 className="text-sm font-medium">{t("detail.accessTitle")}</h2>
        {user.disabled && <p className="text-sm text-rose-800">{t("detail.disabledNote")}</p>}
        {user.disabled ? (
          <button
            type="button"
            disabled={pending}
            className={button}
            onClick={() => update({ disabled: false })}
            data-testid="user-enable"
          >
            {t("detail.enable")}
          </button>
        ) : (
          !isSelf && (
            <button
              type="button"
              disabled={pending}
              className="rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60"
              onClick={() => {
                if (window.confirm(t("detail.disableConfirm", { email: user.email }))) update({ disabled: true });
              }}
              data-testid="user-disable"
            >
              {t("detail.disable")}
            </button>
          )
        )}
      </section>

      {!user.disabled && (
        <section className={box}>
          <h2 className="text-sm font-medium">{t("detail.resetTitle")}</h2>
          <p className="text-sm text-slate-600">{t("detail.resetHint")}</p>
          <button
            type="button"
            disabled={pending}
            className={quiet}
            data-testid="user-reset"
            onClick={() => {
              if (!window.confirm(t("detail.resetConfirm", { email: user.email }))) return;
              start(async () => {
                const r = await resetPasswordAction({ userId: user.id });
                setResult(r.ok ? null : r);
                setLink(r.ok ? r.data : null);
              });
            }}
          >
            {t("detail.reset")}
          </button>
          {link && (
            <OneTimeSecret
              value={link.url}
              note={t("link.shownOnce", { until: shanghaiTime(link.expiresAt) })}
              copyLabel={t("link.copy")}
              copiedLabel={t("link.copied")}
              testId="setup-link"
            />
          )}
        </section>
      )}
    </div>
  );
}
