import { getLocale, getTranslations } from "next-intl/server";
import { openPublicityNotices } from "@/lib/features/publicity/queries";
import { toLocale } from "@/i18n/locales";
import { ObjectionForm } from "./ObjectionForm";
import { ClientMessages } from "@/app/ClientMessages";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";
import { page } from "@/lib/auth/procedures/page";

export default page({ access: "signedIn" }, async () => {
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const notices = await openPublicityNotices();
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
          {n.myObjections.length > 0 && (
            <div className="text-sm">
              <h3 className="font-medium">{t("publicity.myObjections")}</h3>
              <ul className="mt-1 space-y-1">
                {n.myObjections.map((o) => (
                  <li key={o.receiptNo} className="tabular">
                    {o.receiptNo} · {o.createdAt.slice(0, 10)} · {t(`publicity.status.${o.status as "open"}`)}
                  </li>
                ))}
              </ul>
            </div>
          )}
          <ClientMessages namespaces={["publicity"]}>
            <ObjectionForm periodId={n.id} />
          </ClientMessages>
        </section>
      ))}
    </div>
  );
});
