import { getLocale, getTranslations } from "next-intl/server";
import { myObjections, openPublicityNotices } from "@/lib/features/publicity/queries";
import { toLocale } from "@/i18n/locales";
import { ObjectionForm } from "./ObjectionForm";
import { ClientMessages } from "@/app/ClientMessages";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";
import { page } from "@/lib/auth/procedures/page";

export default page({ access: "signedIn" }, async () => {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const [notices, mine] = await Promise.all([openPublicityNotices(), myObjections()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("publicity.title")} intro={t("publicity.intro")} />
      {notices.length === 0 && <p className="text-sm text-slate-600">{t("publicity.none")}</p>}
      {notices.map((n) => (
        <section
          key={n.id}
          className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
          data-testid="publicity-notice"
        >
          <div>
            <h2 className="font-semibold">{locale === "en" ? n.planNameEn : n.planName}</h2>
            <p className="text-sm text-slate-600">
              {t("publicity.period", { from: n.startDate, to: n.endDate, channel: n.channel })} ·{" "}
              {t("publicity.people", { count: n.entries.length })}
            </p>
          </div>
          <div className="max-h-96 overflow-y-auto rounded-md border border-slate-100">
            <table className="w-full text-left text-sm">
              <thead className="sticky top-0 bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("publicity.name")}</th>
                  <th className="px-3 py-2">{t("publicity.position")}</th>
                </tr>
              </thead>
              <tbody>
                {n.entries.map((e, i) => (
                  <tr key={i} className="border-t border-slate-100">
                    <td className="px-3 py-1.5">{e.name}</td>
                    <td className="px-3 py-1.5">{e.position}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <ClientMessages namespaces={["publicity"]}>
            <ObjectionForm periodId={n.id} />
          </ClientMessages>
        </section>
      ))}
      {mine.length > 0 && (
        <section className="space-y-3" data-testid="my-objections">
          <div>
            <h2 className="font-semibold">{t("publicity.myObjections")}</h2>
            <p className="text-sm text-slate-600">{t("publicity.myObjectionsIntro")}</p>
          </div>
          <ul className="space-y-3">
            {mine.map((o) => (
              <li
                key={o.receiptNo}
                className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm"
                data-testid="my-objection"
                data-status={o.status}
              >
                <p className="flex flex-wrap gap-x-2 text-slate-600">
                  <span className="font-medium text-slate-800">{locale === "en" ? o.planNameEn : o.planName}</span>
                  <span className="tabular-nums">{o.receiptNo}</span>
                  <span>{t("publicity.filed", { date: o.createdAt.slice(0, 10) })}</span>
                  <span className="font-medium">{t(`publicity.status.${o.status as "open"}`)}</span>
                </p>
                <div>
                  <p className="text-xs text-slate-500">{t("publicity.yourText")}</p>
                  <p className="whitespace-pre-wrap" data-testid="my-objection-text">
                    {o.text}
                  </p>
                </div>
                <div>
                  <p className="text-xs text-slate-500">
                    {t("publicity.hrResponse")}
                    {o.answeredAt && ` · ${t("publicity.answered", { date: o.answeredAt.slice(0, 10) })}`}
                  </p>
                  <p className="whitespace-pre-wrap" data-testid="my-objection-response">
                    {o.response ?? t("publicity.noResponse")}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
});
