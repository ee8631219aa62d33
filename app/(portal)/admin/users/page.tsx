import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { mailDeliveryStatus, usersForAdmin } from "@/lib/features/admin/queries";
import { userListQuerySchema } from "@/lib/features/admin/schemas";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../_components/PageHeader";
import { shanghaiTime } from "../_components/shanghaiTime";
import { CreateUserForm } from "./CreateUserForm";
import { statusText } from "./userStatus";

export const dynamic = "force-dynamic";

const ROLES = ["employee", "hr", "admin", "auditor", "finance"] as const;

/** Users: search, filter and page through the accounts, open one to change it, or invite a new one. */
export default page({ access: "adminOnly" }, async ({ searchParams: params }) => {
  const parsed = userListQuerySchema.safeParse({
    q: params.q || undefined,
    role: params.role || undefined,
    state: params.state || undefined,
    cursor: params.cursor || undefined,
  });
  const query = parsed.success ? parsed.data : {};
  const [{ items, nextCursor }, mail] = await Promise.all([usersForAdmin(query), mailDeliveryStatus()]);
  const t = await getTranslations("adminUsers");
  // Paging links keep the search and filters; only the cursor changes.
  const keep = (extra: Record<string, string>) => {
    const s = new URLSearchParams();
    for (const k of ["q", "role", "state"] as const) if (query[k]) s.set(k, String(query[k]));
    for (const [k, v] of Object.entries(extra)) s.set(k, v);
    return `/admin/users?${s.toString()}`;
  };
  const cell = "px-3 py-2";
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} testId="admin-users-title" />
      <form method="get" className="flex flex-col gap-2 sm:flex-row sm:flex-wrap" role="search">
        <input
          name="q"
          defaultValue={query.q ?? ""}
          placeholder={t("searchPlaceholder")}
          maxLength={100}
          className="min-w-0 flex-1 rounded-md border border-slate-300 px-3 py-2 text-base"
          data-testid="user-search"
        />
        <select
          name="role"
          defaultValue={query.role ?? ""}
          className="rounded-md border border-slate-300 px-3 py-2 text-base"
          aria-label={t("columns.roles")}
        >
          <option value="">{t("anyRole")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roleNames.${r}`)}
            </option>
          ))}
        </select>
        <select
          name="state"
          defaultValue={query.state ?? ""}
          className="rounded-md border border-slate-300 px-3 py-2 text-base"
          aria-label={t("columns.status")}
        >
          <option value="">{t("anyState")}</option>
          {(["enabled", "disabled", "pending"] as const).map((s) => (
            <option key={s} value={s}>
              {t(`states.${s}`)}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
        >
          {t("search")}
        </button>
      </form>
      {items.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="user-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={cell}>{t("columns.email")}</th>
                <th className={cell}>{t("columns.name")}</th>
                <th className={cell}>{t("columns.roles")}</th>
                <th className={cell}>{t("columns.person")}</th>
                <th className={cell}>{t("columns.status")}</th>
                <th className={cell}>{t("columns.lastLogin")}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((u) => (
                <tr key={u.id} className="border-t border-slate-100 align-top" data-testid="user-row">
                  <td className={`${cell} whitespace-nowrap`}>
                    <Link href={`/admin/users/${u.id}`} className="text-brand-700 hover:underline">
                      {u.email}
                    </Link>
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>{u.displayName}</td>
                  <td className={`${cell} whitespace-nowrap`}>{u.roles.map((r) => t(`roleNames.${r}`)).join(" · ")}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {u.person ? `${u.person.employeeNo} ${u.person.name}` : t("none")}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>{statusText(u, t)}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {u.lastLoginAt ? shanghaiTime(u.lastLoginAt) : t("never")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="flex items-center justify-between text-sm" aria-label={t("pages")}>
        <span className="text-slate-600">{t("shown", { count: items.length })}</span>
        <span className="flex gap-3">
          {query.cursor && (
            <Link href={keep({})} className="text-brand-700 hover:underline" data-testid="user-first">
              {t("firstPage")}
            </Link>
          )}
          {nextCursor && (
            <Link
              href={keep({ cursor: nextCursor })}
              className="text-brand-700 hover:underline"
              data-testid="user-next"
            >
              {t("nextPage")}
            </Link>
          )}
        </span>
      </nav>
      <CreateUserForm />
      <p className="text-sm text-slate-600" data-testid="mail-delivery">
        {mail.mode === "outbox_only"
          ? t("mail.outboxOnly", { pending: mail.pending })
          : mail.server
            ? t("mail.smtp", { server: mail.server, pending: mail.pending, dead: mail.dead })
            : t("mail.smtpInvalid", { pending: mail.pending })}
      </p>
    </div>
  );
});
