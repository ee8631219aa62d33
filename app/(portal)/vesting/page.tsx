import { getLocale, getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { myVestingPage } from "@/lib/features/me/vestingBatches";
import { toLocale } from "@/i18n/locales";
import { ClientMessages } from "@/app/ClientMessages";
import { PageHeader } from "../_components/PageHeader";
import { BatchCard } from "./BatchCard";

/**
 * 归属缴款与个税: the grantee's vesting batches from the payment notice on, newest first. ?price= is the tax
 * estimate's form without JavaScript; with it, the estimate asks the API and the page stays put.
 */
export default page({ access: "signedIn" }, async ({ searchParams }) => {
  const { today, batches, priceRefused } = await myVestingPage(searchParams.price);
  const t = await getTranslations("myVesting");
  const locale = toLocale(await getLocale());
  return (
    <ClientMessages namespaces={["myVesting"]}>
      <div className="mx-auto max-w-3xl space-y-6">
        <PageHeader title={t("title")} intro={t("intro")} testId="my-vesting-title" />
        {priceRefused && (
          <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900" role="alert">
            {t("priceRefused")}
          </p>
        )}
        {batches.length === 0 ? (
          <p
            className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600"
            data-testid="my-vesting-empty"
          >
            {t("empty")}
          </p>
        ) : (
          <div className="space-y-6">
            {batches.map((b) => (
              <BatchCard key={b.id} batch={b} today={today} locale={locale} />
            ))}
          </div>
        )}
      </div>
    </ClientMessages>
  );
});
