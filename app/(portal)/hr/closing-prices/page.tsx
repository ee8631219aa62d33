import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { closingPricesPage } from "@/lib/features/tax/queries";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";
import { EnterPriceForm, ImportPricesForm } from "./ClosingPriceForms";

export const dynamic = "force-dynamic";

const dateInput = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/** Closing prices HR records for vesting-day tax: the recent ones, one-by-one entry and a CSV import. */
export default page({ access: "staffRead" }, async ({ user, searchParams }) => {
  const canWrite = hasRole(user, ...STAFF_WRITE_ROLES);
  const t = await getTranslations("hrClosingPrices");
  const locale = toLocale(await getLocale());
  const data = await closingPricesPage({ from: searchParams.from, to: searchParams.to });
  const at = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short", timeZone: "Asia/Shanghai" });
  const correcting = typeof searchParams.correct === "string" ? searchParams.correct : null;
  const initial = correcting ? data.items.find((p) => p.tradeDate === correcting) : undefined;
  if (data.noIssuer)
    return (
      <div className="space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} testId="closing-prices-title" />
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">{t("noIssuer")}</p>
      </div>
    );
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} testId="closing-prices-title" />
      <p className="text-sm font-medium text-slate-800" data-testid="latest-price">
        {data.latest ? t("latest", { close: data.latest.close, date: data.latest.tradeDate }) : t("noneYet")}
      </p>

      <section className="space-y-3">
        <form className="flex flex-wrap items-end gap-3 text-sm" method="get" data-testid="price-range">
          <label className="block w-[calc(50%-0.375rem)] sm:w-44">
            <span className="font-medium">{t("from")}</span>
            <input type="date" name="from" defaultValue={data.from} className={dateInput} />
          </label>
          <label className="block w-[calc(50%-0.375rem)] sm:w-44">
            <span className="font-medium">{t("to")}</span>
            <input type="date" name="to" defaultValue={data.to} className={dateInput} />
          </label>
          <button
            type="submit"
            className="w-full rounded-md border border-slate-300 bg-white px-4 py-2 font-medium text-slate-700 hover:bg-slate-50 sm:w-auto"
          >
            {t("show")}
          </button>
        </form>
        <h2 className="font-semibold">{t("range", { from: data.from, to: data.to })}</h2>
        {data.items.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="prices-empty">
            {t("none")}
          </p>
        ) : (
          <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
            <table className="w-full text-left text-sm" data-testid="prices-table">
              <thead className="bg-slate-50 text-slate-600">
                <tr>
                  <th className="px-3 py-2">{t("columns.tradeDate")}</th>
                  <th className="px-3 py-2 text-right">{t("columns.close")}</th>
                  <th className="hidden px-3 py-2 sm:table-cell">{t("columns.source")}</th>
                  <th className="hidden px-3 py-2 md:table-cell">{t("columns.enteredBy")}</th>
                  <th className="hidden px-3 py-2 md:table-cell">{t("columns.enteredAt")}</th>
                  {canWrite && (
                    <th className="px-3 py-2">
                      <span className="sr-only">{t("correct")}</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.items.map((p) => (
                  <tr key={p.tradeDate} className="border-t border-slate-100" data-testid="price-row">
                    <td className="px-3 py-2 tabular">{p.tradeDate}</td>
                    <td className="px-3 py-2 text-right font-medium tabular">{p.close}</td>
                    <td className="hidden max-w-[16rem] truncate px-3 py-2 text-slate-600 sm:table-cell">{p.source}</td>
                    <td className="hidden px-3 py-2 text-slate-600 md:table-cell">{p.enteredBy ?? "—"}</td>
                    <td className="hidden px-3 py-2 tabular text-slate-600 md:table-cell">
                      {at.format(new Date(p.createdAt))}
                    </td>
                    {canWrite && (
                      <td className="px-3 py-2 text-right">
                        <Link
                          href={`/hr/closing-prices?from=${data.from}&to=${data.to}&correct=${p.tradeDate}#enter-price`}
                          className="text-brand-700 hover:underline"
                        >
                          {t("correct")}
                        </Link>
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
        <section id="enter-price" className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t("enterTitle")}</h2>
          <p className="text-sm text-slate-600">{t("enterIntro")}</p>
          <EnterPriceForm
            key={initial?.tradeDate ?? "new"}
            today={data.today}
            initial={initial ? { tradeDate: initial.tradeDate, close: initial.close } : undefined}
          />
        </section>
      )}

      {canWrite && (
        <section className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t("importTitle")}</h2>
          <p className="text-sm text-slate-600">{t("importIntro")}</p>
          <ImportPricesForm />
        </section>
      )}
    </div>
  );
});
