import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { EXPORT_FORMATS, REGISTERS } from "@/lib/features/registers/schemas";
import { registerPlanChoices } from "@/lib/features/registers/queries";
import { hasRole } from "@/lib/auth/session";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../_components/PageHeader";

export const dynamic = "force-dynamic";

/**
 * Registers for admins and auditors: a plain GET form whose submission is the download itself
 * (GET /api/v1/exports/register), so it works without client script. Only admins see the choice to
 * include full ID numbers; the API refuses it to anyone else as well.
 */
export default page({ access: "adminOrAuditor" }, async ({ user }) => {
  const isAdmin = hasRole(user, "admin");
  const planList = await registerPlanChoices();
  const t = await getTranslations("adminExports");
  const locale = toLocale(await getLocale());
  const field = "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-base";
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} intro={t("intro")} testId="admin-exports-title" />
      <form
        method="get"
        action="/api/v1/exports/register"
        className="space-y-4 rounded-lg border border-slate-200 bg-white p-4"
        data-testid="export-form"
      >
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t("register.label")}</legend>
          {REGISTERS.map((r, i) => (
            <label
              key={r}
              className="flex items-start gap-3 rounded-md border border-slate-200 p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name="register"
                value={r}
                defaultChecked={i === 0}
                className="mt-1 h-4 w-4"
                data-testid={`export-register-${r}`}
              />
              <span>
                <span className="block font-medium">{t(`register.${r}`)}</span>
                <span className="block text-slate-600">{t(`register.${r}Hint`)}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block text-sm">
            <span className="font-medium">{t("plan.label")}</span>
            <select name="planId" defaultValue="" className={field} data-testid="export-plan">
              <option value="">{t("plan.all")}</option>
              {planList.map((p) => (
                <option key={p.id} value={p.id}>
                  {locale === "en" ? p.nameEn : p.name}
                </option>
              ))}
            </select>
            <span className="mt-1 block text-xs text-slate-500">{t("plan.hint")}</span>
          </label>
          <label className="block text-sm">
            <span className="font-medium">{t("format.label")}</span>
            <select name="format" defaultValue="xlsx" className={field} data-testid="export-format">
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {t(`format.${f}`)}
                </option>
              ))}
            </select>
            <span className="mt-1 block text-xs text-slate-500">{t("format.hint")}</span>
          </label>
        </div>
        {isAdmin && (
          <div
            className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
            data-testid="export-id-numbers"
          >
            <label className="flex items-start gap-3">
              <input
                type="checkbox"
                name="includeIdNumbers"
                value="true"
                className="mt-1 h-4 w-4"
                data-testid="export-include-ids"
              />
              <span className="font-medium">{t("ids.label")}</span>
            </label>
            <p role="note" className="text-amber-900">
              {t("ids.warning")}
            </p>
          </div>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            className="w-full rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 sm:w-auto"
            data-testid="export-download"
          >
            {t("submit")}
          </button>
          <p className="text-xs text-slate-500">{t("audited")}</p>
        </div>
      </form>
      <section className="space-y-1 text-sm text-slate-600">
        <h2 className="font-medium text-slate-800">{t("notes.title")}</h2>
        <ul className="list-disc space-y-1 pl-5">
          <li>{t("notes.masked")}</li>
          <li>{t("notes.formulas")}</li>
          <li>{t("notes.ocf")}</li>
        </ul>
      </section>
    </div>
  );
});
