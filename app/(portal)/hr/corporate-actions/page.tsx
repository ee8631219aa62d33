import { getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { corporateActionsOverview } from "@/lib/features/corporate-actions/queries";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { ActionForm } from "./ActionForm";
import { CompensateButton } from "./CompensateButton";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";
import type { CorporateActionType as ActionType } from "@/lib/domain/adjustments/corporateActions";

/** Recorded corporate actions with their status and the grants each adjusted, and the preview-then-confirm form. */
export default page({ access: "staffRead" }, async ({ user }) => {
  const canWrite = hasRole(user, ...STAFF_WRITE_ROLES);
  const t = await getTranslations("hrActions");
  const actions = await corporateActionsOverview();
  const params = (a: (typeof actions)[number]) =>
    [
      ["n", a.n],
      ["V", a.v],
      ["P1", a.p1],
      ["P2", a.p2],
    ]
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k} = ${v}`)
      .join(", ");
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section className="space-y-2">
        <h2 className="font-semibold">{t("recordedTitle")}</h2>
        {actions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full min-w-[720px] text-left text-sm" data-testid="actions-table">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("exDate")}</th>
                  <th className="px-3 py-2">{t("type")}</th>
                  <th className="px-3 py-2">{t("parameters")}</th>
                  <th className="px-3 py-2">{t("status")}</th>
                  <th className="px-3 py-2">{t("affectedGrants")}</th>
                  <th className="px-3 py-2">{t("description")}</th>
                  {canWrite && <th className="px-3 py-2" />}
                </tr>
              </thead>
              <tbody>
                {actions.map((a) => (
                  <tr key={a.id} className="border-t border-slate-100 align-top" data-testid="action-row">
                    <td className="px-3 py-2 tabular">{a.exDate}</td>
                    <td className="px-3 py-2">
                      {t(`types.${a.type as ActionType}`)}
                      {a.compensatesId && <span className="block text-xs text-slate-500">{t("isCompensation")}</span>}
                      {a.compensatedBy && (
                        <span className="mt-1 inline-block rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">
                          {t("wasCompensated")}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 tabular">{params(a) || "—"}</td>
                    <td className="px-3 py-2" data-testid="action-status" data-status={a.status}>
                      {a.status === "scheduled" ? (
                        <span className="inline-block rounded-full bg-amber-100 px-2 py-0.5 text-xs text-amber-900">
                          {t("statusScheduled", { date: a.exDate })}
                        </span>
                      ) : (
                        <span className="inline-block rounded-full bg-emerald-100 px-2 py-0.5 text-xs text-emerald-900">
                          {t("statusApplied")}
                        </span>
                      )}
                    </td>
                    <td className="px-3 py-2 tabular">
                      {a.status === "scheduled" ? t("notYetAdjusted") : a.affectedGrants}
                    </td>
                    <td className="px-3 py-2">{a.description ?? ""}</td>
                    {canWrite && (
                      <td className="px-3 py-2">
                        {!a.compensatedBy && !a.compensatesId && <CompensateButton actionId={a.id} />}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {canWrite && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t("newTitle")}</h2>
          <ActionForm />
        </section>
      )}
    </div>
  );
});
