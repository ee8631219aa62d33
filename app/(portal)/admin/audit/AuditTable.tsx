import { getTranslations } from "next-intl/server";
import type { AuditEntry } from "@/lib/features/admin/schemas";
import { shanghaiTime } from "../_components/shanghaiTime";

/** Audit rows as a table; before/after snapshots fold away so a phone shows the list first. */
export async function AuditTable({ items, testId }: { items: AuditEntry[]; testId: string }) {
  const t = await getTranslations("adminAudit");
  const cell = "px-3 py-2";
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full text-sm" data-testid={testId}>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th className={cell}>{t("columns.id")}</th>
            <th className={cell}>{t("columns.at")}</th>
            <th className={cell}>{t("columns.actor")}</th>
            <th className={cell}>{t("columns.action")}</th>
            <th className={cell}>{t("columns.entity")}</th>
            <th className={cell}>{t("columns.ip")}</th>
            <th className={cell}>{t("columns.change")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className="border-t border-slate-100 align-top" data-testid="audit-row" data-audit-id={r.id}>
              <td className={`${cell} tabular text-slate-500`}>{r.id}</td>
              <td className={`${cell} whitespace-nowrap`}>{shanghaiTime(r.at, true)}</td>
              <td className={`${cell} whitespace-nowrap`}>
                {r.actor ? (
                  <span>{r.actor.email}</span>
                ) : r.actorUserId ? (
                  t("unknownActor", { id: r.actorUserId })
                ) : (
                  t("system")
                )}
              </td>
              <td className={`${cell} whitespace-nowrap font-mono text-xs`}>{r.action}</td>
              <td className={cell}>
                <span className="block">{r.entityType}</span>
                {r.entityId && <span className="block break-all font-mono text-xs text-slate-500">{r.entityId}</span>}
              </td>
              <td className={`${cell} whitespace-nowrap text-xs`}>{r.ip ?? ""}</td>
              <td className={`${cell} min-w-48`}>
                {(r.before !== null || r.after !== null) && (
                  <details>
                    <summary className="cursor-pointer text-xs text-brand-700">{t("showChange")}</summary>
                    <div className="mt-1 space-y-1">
                      {r.before !== null && (
                        <>
                          <p className="text-xs text-slate-500">{t("before")}</p>
                          <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                            {JSON.stringify(r.before, null, 2)}
                          </pre>
                        </>
                      )}
                      {r.after !== null && (
                        <>
                          <p className="text-xs text-slate-500">{t("after")}</p>
                          <pre className="max-w-md overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-2 text-xs">
                            {JSON.stringify(r.after, null, 2)}
                          </pre>
                        </>
                      )}
                    </div>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
