import { getTranslations } from "next-intl/server";
import { apiTokensForAdmin } from "@/lib/features/admin/apiTokens";
import { usersForAdmin } from "@/lib/features/admin/queries";
import { MAX_PAGE_SIZE } from "@/lib/platform/pagination/keysetCursor";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../_components/PageHeader";
import { shanghaiTime } from "../_components/shanghaiTime";
import { CreateTokenForm } from "./CreateTokenForm";
import { RevokeTokenButton } from "./RevokeTokenButton";

export const dynamic = "force-dynamic";

/** API tokens: create one (shown once), see every token's owner, role and use, revoke. */
export default page({ access: "adminOnly" }, async () => {
  // The owner picker offers the first page of enabled accounts at the largest page size, as it did before paging.
  const [tokens, { items: owners }] = await Promise.all([
    apiTokensForAdmin(),
    usersForAdmin({ state: "enabled", limit: MAX_PAGE_SIZE }),
  ]);
  const t = await getTranslations("adminTokens");
  const cell = "px-3 py-2";
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} testId="admin-tokens-title" />
      <CreateTokenForm
        owners={owners.map((o) => ({ id: o.id, email: o.email, displayName: o.displayName, roles: o.roles }))}
      />
      {tokens.length === 0 ? (
        <p className="text-sm text-slate-600">{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="token-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className={cell}>{t("columns.name")}</th>
                <th className={cell}>{t("columns.prefix")}</th>
                <th className={cell}>{t("columns.role")}</th>
                <th className={cell}>{t("columns.owner")}</th>
                <th className={cell}>{t("columns.created")}</th>
                <th className={cell}>{t("columns.lastUsed")}</th>
                <th className={cell}>{t("columns.state")}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((k) => (
                <tr
                  key={k.id}
                  className={`border-t border-slate-100 align-top ${k.revokedAt ? "text-slate-400" : ""}`}
                  data-testid="token-row"
                >
                  <td className={cell}>{k.name}</td>
                  <td className={`${cell} font-mono text-xs whitespace-nowrap`}>{k.prefix}…</td>
                  <td className={`${cell} whitespace-nowrap`}>{t(`roleNames.${k.role}`)}</td>
                  <td className={`${cell} whitespace-nowrap`}>
                    <span className="block">{k.owner.displayName}</span>
                    <span className="block text-xs text-slate-500">{k.owner.email}</span>
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {shanghaiTime(k.createdAt)}
                    {k.createdBy && <span className="block text-xs text-slate-500">{k.createdBy.email}</span>}
                  </td>
                  <td className={`${cell} whitespace-nowrap`}>
                    {k.lastUsedAt ? shanghaiTime(k.lastUsedAt) : t("never")}
                  </td>
                  <td className={cell} data-testid="token-state">
                    {k.revokedAt ? (
                      t("revokedOn", { at: shanghaiTime(k.revokedAt) })
                    ) : (
                      <div className="space-y-1">
                        <span className="block">{k.owner.disabled ? t("ownerDisabled") : t("active")}</span>
                        <RevokeTokenButton tokenId={k.id} name={k.name} />
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});
