import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/i18n/locales";
import type { MyPaymentDue } from "@/lib/features/me/vestingBatches";
import { deadlineState, formatMoney } from "./figures";

/** The grantee home's card for a batch whose payment is open: what is left to pay, by when, and the way to /vesting. */
export async function PaymentDueCard({ due, today, locale }: { due: MyPaymentDue; today: string; locale: Locale }) {
  const t = await getTranslations("myVesting");
  const deadline = deadlineState(today, due.paymentDeadline);
  const settled = due.outstanding === "0.00";
  return (
    <section
      className={`rounded-lg border p-4 shadow-sm ${settled ? "border-emerald-200 bg-emerald-50" : "border-amber-300 bg-amber-50"}`}
      data-testid="home-payment-due"
      aria-labelledby={`payment-due-${due.batchId}`}
    >
      <h2 id={`payment-due-${due.batchId}`} className="text-sm font-medium text-slate-600">
        {t("home.title")} ·{" "}
        {t("home.body", { plan: locale === "en" ? due.planNameEn : due.planName, batchNo: due.batchNo })}
      </h2>
      <p className="mt-1 flex flex-wrap items-baseline gap-x-2">
        <span className="text-sm text-slate-700">{settled ? t("home.paidInFull") : t("home.outstanding")}</span>
        <span className="tabular text-2xl font-semibold text-slate-900" data-testid="home-payment-amount">
          {formatMoney(settled ? due.amountDue : due.outstanding, locale)}
        </span>
      </p>
      <p className="tabular text-sm">
        <span data-testid="home-payment-deadline">{t("home.deadline", { date: due.paymentDeadline })}</span>
        <span
          className={deadline.kind === "ahead" && deadline.days > 3 ? "text-slate-600" : "font-medium text-rose-700"}
        >
          {" · "}
          {deadline.kind === "ahead"
            ? t("daysLeft", { days: deadline.days })
            : deadline.kind === "today"
              ? t("deadlineToday")
              : t("deadlinePassed")}
        </span>
      </p>
      <Link
        href="/vesting"
        className="mt-2 inline-block text-sm font-medium text-brand-700 hover:underline"
        data-testid="home-payment-link"
      >
        {`${t("home.open")} →`}
      </Link>
    </section>
  );
}
