import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ApiError } from "@/lib/platform/errors/apiError";
import { userForAdmin } from "@/lib/features/admin/queries";
import { type UserDetail } from "@/lib/features/admin/schemas";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../../_components/PageHeader";
import { shanghaiTime } from "../../_components/shanghaiTime";
import { statusText } from "../userStatus";
import { UserAdminPanel } from "./UserAdminPanel";

export const dynamic = "force-dynamic";

/** One account: what it is, and the admin's changes to it. */
export default page({ access: "adminOnly" }, async ({ user: me, params }) => {
  const user = await loadUser(params.userId ?? "");
  const t = await getTranslations("adminUsers");
  const row = (label: string, value: React.ReactNode, testId?: string) => (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className="break-all sm:col-span-2" data-testid={testId}>
        {value}
      </dd>
    </>
  );
  return (
    <div className="space-y-6">
      <Link href="/admin/users" className="text-sm text-brand-700 hover:underline">
        ← {t("detail.back")}
      </Link>
      <PageHeader title={user.displayName} intro={user.email} testId="admin-user-title" />
      <dl className="grid max-w-2xl gap-x-4 gap-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
        {row(t("columns.roles"), user.roles.map((r) => t(`roleNames.${r}`)).join(" · "), "user-roles")}
        {row(
          t("columns.person"),
          user.person ? `${user.person.employeeNo} ${user.person.name}` : t("detail.personNone"),
          "user-person",
        )}
        {row(t("columns.status"), statusText(user, t), "user-status")}
        {row(t("columns.lastLogin"), user.lastLoginAt ? shanghaiTime(user.lastLoginAt) : t("never"))}
        {row(t("detail.openSessions"), user.openSessions, "user-open-sessions")}
        {row(t("detail.createdAt"), shanghaiTime(user.createdAt))}
      </dl>
      <UserAdminPanel
        isSelf={me.id === user.id}
        user={{
          id: user.id,
          email: user.email,
          displayName: user.displayName,
          roles: user.roles,
          personEmployeeNo: user.person?.employeeNo ?? null,
          disabled: user.disabled,
        }}
      />
    </div>
  );
});

async function loadUser(userId: string): Promise<UserDetail> {
  try {
    return await userForAdmin(userId);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) notFound();
    throw e;
  }
}
