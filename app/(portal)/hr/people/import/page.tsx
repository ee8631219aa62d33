import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../../_components/PageHeader";
import { PersonUpload } from "./PersonUpload";

export const dynamic = "force-dynamic";

/** A download from the API, not a page: a plain link, never client-side navigation. */
const templateHref = (format: "xlsx" | "csv") => `/api/v1/persons/import/template?format=${format}`;

/** Import people from a spreadsheet: template, upload, preview, apply. */
export default page({ access: "staffWrite" }, async () => {
  const t = await getTranslations("hrPeople");
  return (
    <div className="space-y-6">
      <Link href="/hr/people" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("importTitle")} intro={t("importIntro")} testId="people-import-title" />
      <p className="flex flex-wrap gap-3 text-sm">
        <span className="font-medium">{t("template")}:</span>
        <a href={templateHref("xlsx")} className="text-brand-700 hover:underline" data-testid="template-xlsx">
          {t("templateXlsx")}
        </a>
        <a href={templateHref("csv")} className="text-brand-700 hover:underline" data-testid="template-csv">
          {t("templateCsv")}
        </a>
      </p>
      <PersonUpload />
    </div>
  );
});
