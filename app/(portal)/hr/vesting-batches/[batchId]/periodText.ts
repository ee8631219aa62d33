import type { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { BatchPeriodView } from "@/lib/features/vesting-batches/pageQueries";

type T = Awaited<ReturnType<typeof getTranslations>>;

/** A period's key, unique within its batch: for React keys and test ids. */
export const periodKey = (p: { grantBatchId: string; categoryId: string; trancheIndex: number }) =>
  `${p.grantBatchId}-${p.categoryId}-${p.trancheIndex}`;

/** A period's category, in the page's language. */
export const categoryName = (p: BatchPeriodView, locale: Locale) =>
  locale === "en" ? p.categoryNameEn : p.categoryLabel;

/** A period in one line: grant kind and date, category, tranche (`t` is the "hrVestingBatches" namespace). */
export const periodLabel = (t: T, p: BatchPeriodView, locale: Locale) =>
  t("periodLabel", {
    kind: t(`kind.${p.grantBatchKind}`),
    grantDate: p.grantDate,
    category: categoryName(p, locale),
    tranche: p.trancheIndex,
  });
