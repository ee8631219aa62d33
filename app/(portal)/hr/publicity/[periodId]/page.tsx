import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { publicityPeriodView } from "@/lib/features/publicity/queries";
import { objectionInboxQuery } from "@/lib/features/publicity/schemas";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { ClosePeriodForm } from "./ClosePeriodForm";
import { ObjectionAnswerForm } from "./ObjectionAnswerForm";
import { InboxFilterForm, InboxPager } from "./InboxFilters";

export const dynamic = "force-dynamic";

const OBJECTION_STYLE: Record<string, string> = {
  open: "bg-amber-50 text-amber-800",
  answered: "bg-emerald-50 text-emerald-700",
  upheld: "bg-rose-50 text-rose-700",
};

/**
 * One publicity period: the list, the objection inbox (with filers, staff only; searched, filtered by
 * status and paged), closing, the notice downloads.
 */
export default page({ access: "staffRead" }, async ({ user, params, searchParams }) => {
  const canWrite = hasRole(user, ...STAFF_WRITE_ROLES);
  const t = await getTranslations("hrPublicity");
  const locale = toLocale(await getLocale());
  const parsed = objectionInboxQuery.safeParse({
    q: searchParams.q || undefined,
    status: searchParams.status || undefined,
    cursor: searchParams.cursor || undefined,
  });
  const inboxQuery = parsed.success ? parsed.data : {};
  const view = await publicityPeriodView(params.periodId ?? "", inboxQuery);
  if (!view) notFound();
  const { period } = view;
  const inbox = view.inbox.items;
  const filtered = Boolean(inboxQuery.q || inboxQuery.status);
  const now = today();

  return (
    <div className="space-y-6">
      <Link href="/hr/publicity" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <header className="space-y-1">
        <h1 className="text-xl font-semibold">{locale === "en" ? period.planNameEn : period.planName}</h1>
        <p className="text-sm text-slate-600" data-testid="publicity-period-info">
          {t("periodRange", { from: period.startDate, to: period.endDate })} ·{" "}
          {t("versionShort", { batch: t(`batch.${period.batch}`), version: period.listVersion })} · {period.channel} ·{" "}
          <span data-testid="publicity-status" data-status={period.status}>
            {t(`status.${period.status}`)}
          </span>
        </p>
        <div className="flex flex-wrap gap-3 pt-1 text-sm">
          <a
            href={`/api/v1/publicity-periods/${period.id}/notice.xlsx`}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            data-testid="publicity-xlsx"
          >
            {t("detail.downloadXlsx")}
          </a>
          <Link
            href={`/hr/publicity/${period.id}/print`}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
            data-testid="publicity-print-link"
          >
            {t("detail.print")}
          </Link>
          <Link
            href={`/hr/publicity/verification/${period.planId}`}
            className="rounded-md border border-slate-300 px-3 py-1.5 hover:bg-slate-50"
          >
            {t("verification")}
          </Link>
        </div>
      </header>

      <section id="inbox" className="space-y-3" data-testid="objection-inbox">
        <h2 className="text-lg font-semibold">{t("detail.inbox")}</h2>
        <p className="text-xs text-slate-500">{t("detail.inboxPrivate")}</p>
        <InboxFilterForm periodId={period.id} query={inboxQuery} />
        {inbox.length === 0 && (
          <p className="text-sm text-slate-600">{filtered ? t("detail.noMatch") : t("detail.noObjections")}</p>
        )}
        <ul className="space-y-3">
          {inbox.map((o) => (
            <li
              key={o.id}
              className="space-y-2 rounded-lg border border-slate-200 bg-white p-4"
              data-testid="objection-item"
              data-status={o.status}
            >
              <div className="flex flex-wrap items-center gap-2 text-sm">
                <span className="font-mono text-xs">{o.receiptNo}</span>
                <span className={`rounded-full px-2 py-0.5 text-xs ${OBJECTION_STYLE[o.status] ?? ""}`}>
                  {t(`objectionStatus.${o.status}`)}
                </span>
                <span className="text-slate-500">{o.createdAt.slice(0, 10)}</span>
              </div>
              <p className="text-sm text-slate-700" data-testid="objection-filer">
                {t("detail.filer")}: {o.filerName} · {o.filerEmail}
                {o.filerEmployeeNo ? ` · ${o.filerEmployeeNo}` : ""}
              </p>
              <p className="whitespace-pre-wrap text-sm">{o.text}</p>
              {o.response && (
                <p className="rounded-md bg-slate-50 px-3 py-2 text-sm">
                  <span className="font-medium">{t("detail.response")}:</span> {o.response}
                </p>
              )}
              {o.status === "upheld" && <p className="text-sm text-amber-800">{t("detail.upheldHint")}</p>}
              {canWrite && <ObjectionAnswerForm objectionId={o.id} response={o.response} />}
            </li>
          ))}
        </ul>
        <InboxPager periodId={period.id} query={inboxQuery} shown={inbox.length} nextCursor={view.inbox.nextCursor} />
      </section>

      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h2 className="text-lg font-semibold">{t("close.title")}</h2>
        {period.status === "closed" ? (
          <div className="text-sm" data-testid="publicity-closed">
            <p>{t("close.closedAt", { at: period.closedAt?.slice(0, 10) ?? "—" })}</p>
            {period.summary && <p className="mt-1 whitespace-pre-wrap text-slate-700">{period.summary}</p>}
          </div>
        ) : canWrite ? (
          <ClosePeriodForm periodId={period.id} endDate={period.endDate} ended={now > period.endDate} />
        ) : (
          <p className="text-sm text-slate-600">{t("close.notYet", { endDate: period.endDate })}</p>
        )}
      </section>

      <section className="space-y-2">
        <h2 className="text-lg font-semibold">{t("detail.list", { count: period.entries.length })}</h2>
        <div className="max-h-[32rem] overflow-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm" data-testid="publicity-list">
            <thead className="sticky top-0 bg-slate-50 text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("no")}</th>
                <th className="px-3 py-2">{t("name")}</th>
                <th className="px-3 py-2">{t("position")}</th>
              </tr>
            </thead>
            <tbody>
              {period.entries.map((e, i) => (
                <tr key={i} className="border-t border-slate-100">
                  <td className="tabular px-3 py-1.5">{i + 1}</td>
                  <td className="px-3 py-1.5">{e.name}</td>
                  <td className="px-3 py-1.5">{e.position}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
});
