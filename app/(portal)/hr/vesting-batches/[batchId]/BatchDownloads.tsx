import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { VestingBatchDto } from "@/lib/features/vesting-batches/batchDto";
import { card } from "./batchCells";
import { reached, type BatchStatus } from "./batchStatus";

/** The registers and announcement drafts, each from the step that makes it meaningful. */
const DOWNLOADS: { kind: string; formats: readonly string[]; from: BatchStatus }[] = [
  { kind: "announcement-conditions", formats: ["docx", "md"], from: "conditions_confirmed" },
  { kind: "capital-verification", formats: ["csv", "xlsx"], from: "payment_closed" },
  { kind: "announcement-lapse", formats: ["docx", "md"], from: "payment_closed" },
  { kind: "withholding", formats: ["csv", "xlsx"], from: "registered" },
  { kind: "registrar-list", formats: ["csv", "xlsx"], from: "registered" },
  { kind: "announcement-result", formats: ["docx", "md"], from: "registered" },
];

/**
 * What a batch can be downloaded as so far, in each format; an admin also gets the registrar list with
 * ID numbers.
 */
export async function BatchDownloads({
  batch,
  admin,
  locale,
}: {
  batch: VestingBatchDto;
  admin: boolean;
  locale: Locale;
}) {
  const t = await getTranslations("hrVestingBatches");
  const documentUrl = (kind: string, format: string, extra = "") =>
    `/api/v1/vesting-batches/${batch.id}/documents/${kind}?format=${format}&locale=${locale}${extra}`;
  const available = DOWNLOADS.filter((d) => reached(batch.status, d.from));

  return (
    <section className={`${card} space-y-3`} data-testid="downloads">
      <h2 className="font-semibold">{t("downloads.title")}</h2>
      <p className="text-sm text-slate-600">{t("downloads.intro")}</p>
      {available.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="downloads-none">
          {t("downloads.none")}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm">
          {available.map((d) => (
            <li
              key={d.kind}
              className="flex flex-col gap-1 py-2 sm:flex-row sm:items-center sm:justify-between"
              data-testid={`download-${d.kind}`}
            >
              <span>{t(`downloads.${d.kind}`)}</span>
              <span className="flex flex-wrap gap-x-3 gap-y-1">
                {d.formats.map((f) => (
                  <a
                    key={f}
                    href={documentUrl(d.kind, f)}
                    className="font-medium text-brand-700 hover:underline"
                    data-testid={`download-${d.kind}-${f}`}
                  >
                    {f.toUpperCase()}
                  </a>
                ))}
                {d.kind === "registrar-list" &&
                  admin &&
                  d.formats.map((f) => (
                    <a
                      key={`${f}-ids`}
                      href={documentUrl(d.kind, f, "&includeIdNumbers=true")}
                      className="font-medium text-amber-800 hover:underline"
                      data-testid={`download-${d.kind}-${f}-ids`}
                    >
                      {f.toUpperCase()} · {t("downloads.withIds")}
                    </a>
                  ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
