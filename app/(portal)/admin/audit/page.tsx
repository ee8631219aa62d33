import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ApiError } from "@/lib/platform/errors/apiError";
import { auditQuerySchema, type AuditPage, type AuditQuery } from "@/lib/features/admin/schemas";
import { auditTrailPage, auditTrailVerification } from "@/lib/features/admin/queries";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../_components/PageHeader";
import { AuditTable } from "./AuditTable";

export const dynamic = "force-dynamic";

const FILTERS = ["actor", "entityType", "entityId", "action", "from", "to"] as const;

/** The audit trail for admins and auditors: filter with a plain GET form, page by id (keyset cursor), verify the hash chain. */
export default page({ access: "adminOrAuditor" }, async ({ searchParams }) => {
  const params = Object.fromEntries(
    Object.entries(searchParams).flatMap(([k, v]) => (typeof v === "string" && v.trim() !== "" ? [[k, v]] : [])),
  );
  const parsed = auditQuerySchema.safeParse(params);
  const t = await getTranslations("adminAudit");
  let trail: AuditPage | null = null;
  let problem: string | null = parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  if (parsed.success) {
    try {
      trail = await auditTrailPage(parsed.data);
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 400) throw e;
      problem = e.message;
    }
  }
  const verification = params.verify ? await auditTrailVerification() : null;
  const filters: AuditQuery = parsed.success ? parsed.data : {};
  const hrefWith = (extra: Record<string, string>) =>
    `/admin/audit?${new URLSearchParams({ ...pick(filters), ...extra }).toString()}`;
  const field = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} testId="admin-audit-title" />
      <form
        method="get"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2 lg:grid-cols-3"
        data-testid="audit-filters"
      >
        <label className="block text-sm">
          <span className="font-medium">{t("filters.actor")}</span>
          <input
            name="actor"
            defaultValue={filters.actor ?? ""}
            maxLength={200}
            className={field}
            data-testid="audit-actor"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("filters.entityType")}</span>
          <input
            name="entityType"
            defaultValue={filters.entityType ?? ""}
            maxLength={60}
            className={field}
            data-testid="audit-entity-type"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("filters.entityId")}</span>
          <input
            name="entityId"
            defaultValue={filters.entityId ?? ""}
            maxLength={200}
            className={field}
            data-testid="audit-entity-id"
          />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("filters.action")}</span>
          <input
            name="action"
            defaultValue={filters.action ?? ""}
            maxLength={100}
            placeholder="user.*"
            className={field}
            data-testid="audit-action"
          />
          <span className="mt-1 block text-xs text-slate-500">{t("filters.actionHint")}</span>
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("filters.from")}</span>
          <input type="date" name="from" defaultValue={filters.from ?? ""} className={field} data-testid="audit-from" />
        </label>
        <label className="block text-sm">
          <span className="font-medium">{t("filters.to")}</span>
          <input type="date" name="to" defaultValue={filters.to ?? ""} className={field} data-testid="audit-to" />
        </label>
        <div className="flex flex-wrap items-end gap-2 sm:col-span-2 lg:col-span-3">
          <button
            type="submit"
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700"
            data-testid="audit-apply"
          >
            {t("filters.apply")}
          </button>
          <Link
            href="/admin/audit"
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
          >
            {t("filters.clear")}
          </Link>
          <Link
            href={hrefWith({ verify: "1" })}
            className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50"
            title={t("verifyHint")}
            data-testid="audit-verify"
          >
            {t("verify")}
          </Link>
        </div>
      </form>

      {verification &&
        (verification.ok ? (
          <p
            role="status"
            className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
            data-testid="audit-chain-ok"
          >
            {t("chainOk", { rows: verification.rows })}
          </p>
        ) : (
          <section
            role="alert"
            className="space-y-2 rounded-md border border-rose-200 bg-rose-50 p-3 text-sm text-rose-800"
            data-testid="audit-chain-broken"
          >
            <p className="font-medium">
              {t("chainBroken", { id: verification.brokenAt?.id ?? "?", rows: verification.rows })}
            </p>
            {verification.brokenAt && (
              <>
                <p>{t("brokenRow")}</p>
                <AuditTable items={[verification.brokenAt]} testId="audit-broken-row" />
              </>
            )}
          </section>
        ))}

      {problem && (
        <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="audit-invalid">
          {t("invalid", { problem })}
        </p>
      )}
      {trail &&
        (trail.items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <AuditTable items={trail.items} testId="audit-table" />
        ))}
      {trail && (filters.before || filters.cursor || trail.nextCursor) && (
        <nav className="flex flex-wrap gap-3 text-sm">
          {(filters.before || filters.cursor) && (
            <Link href={hrefWith({})} className="text-brand-700 hover:underline" data-testid="audit-newest">
              {t("newer")}
            </Link>
          )}
          {trail.nextCursor && (
            <Link
              href={hrefWith({ cursor: trail.nextCursor })}
              className="text-brand-700 hover:underline"
              data-testid="audit-older"
            >
              {t("older")} →
            </Link>
          )}
        </nav>
      )}
    </div>
  );
});

/** The filters worth carrying into links (not the page cursor). */
function pick(q: AuditQuery): Record<string, string> {
  return Object.fromEntries(FILTERS.flatMap((k) => (q[k] ? [[k, q[k]!]] : [])));
}
