import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { toLocale } from "@/i18n/locales";
import { page } from "@/lib/auth/procedures/page";
import { FINANCE_WRITE_ROLES, hasRole } from "@/lib/auth/session";
import { planExpensePage } from "@/lib/features/expense/queries";
import { PageHeader } from "../../../_components/PageHeader";
import { ExpenseChart } from "../../_components/ExpenseChart";
import { GrainSwitch } from "../../_components/GrainSwitch";
import { LinesTable } from "../../_components/LinesTable";
import { MeasurementList } from "../../_components/MeasurementList";
import { formatAmount } from "../../_components/money";
import { PeriodTable } from "../../_components/PeriodTable";
import { PlanTextTable } from "../../_components/PlanTextTable";
import { SummaryCards } from "../../_components/SummaryCards";
import { FairValueForm } from "./FairValueForm";

export const dynamic = "force-dynamic";

const GRAINS = ["year", "quarter", "month"] as const;

/** One plan's expense: the current estimate or the draft projection, by period, with its inputs and the form to record them. */
export default page({ access: "financeRead" }, async ({ user, params, searchParams }) => {
  const by = GRAINS.find((g) => g === searchParams.by) ?? "year";
  const version = searchParams.version === "draft" ? "draft" : "current";
  const dto = await planExpensePage(params.planId ?? "", { by, version });
  if (!dto) notFound();
  const t = await getTranslations("financeExpense");
  const locale = toLocale(await getLocale());
  const money = (v: string) => formatAmount(v, locale);
  const planName = locale === "en" ? dto.planNameEn : dto.planName;
  const base = `/finance/plans/${dto.planId}`;
  const columnLabel = (c: (typeof dto.columns)[number]) => t(`columns.${c.batch}`, { date: c.grantDate });
  const termMonths = [...new Set(dto.categories.flatMap((c) => c.termMonths))].sort((a, b) => a - b);
  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/finance" className="text-brand-700 hover:underline">
          ← {t("title")}
        </Link>
      </p>
      <PageHeader title={planName} intro={t("planIntro", { plan: planName })} testId="plan-expense-heading" />
      <div className="flex flex-wrap items-center gap-3">
        <nav
          className="inline-flex overflow-hidden rounded-md border border-slate-300 text-sm"
          data-testid="version-switch"
        >
          {(["current", "draft"] as const).map((v) => (
            <Link
              key={v}
              href={`${base}?${new URLSearchParams({ by, version: v })}`}
              aria-current={version === v ? "page" : undefined}
              className={`px-3 py-1.5 ${version === v ? "bg-brand-700 text-white" : "bg-white text-slate-700 hover:bg-slate-50"}`}
              data-testid={`version-${v}`}
            >
              {t(v)}
            </Link>
          ))}
        </nav>
        <GrainSwitch
          basePath={base}
          current={by}
          extra={{ version }}
          labels={{ year: t("byYear"), quarter: t("byQuarter"), month: t("byMonth") }}
        />
        <span className="text-sm text-slate-600">
          {t("download")}:{" "}
          {(["xlsx", "csv"] as const).map((f) => (
            <a
              key={f}
              href={`/api/v1/plans/${dto.planId}/expense?${new URLSearchParams({ by, version, format: f })}`}
              className="mr-2 text-brand-700 hover:underline"
              data-testid={`expense-download-${f}`}
            >
              {f.toUpperCase()}
            </a>
          ))}
        </span>
      </div>
      <SummaryCards
        items={[
          { label: t("total"), value: money(dto.total), testId: "expense-total" },
          // A projection books nothing: only its total is shown.
          ...(version === "draft"
            ? []
            : [
                {
                  label: t("recognised", { month: dto.asOf.slice(0, 7) }),
                  value: money(dto.recognised),
                  testId: "expense-recognised",
                },
                { label: t("unrecognised"), value: money(dto.unrecognised), testId: "expense-unrecognised" },
              ]),
        ]}
      />
      {version === "current" && dto.unmeasuredBatches.length > 0 && (
        <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="expense-unmeasured">
          {t("notMeasured", { count: dto.unmeasuredBatches.length })}
        </p>
      )}
      {dto.missingTerms.map((m) => (
        <p key={`${m.measurementId}-${m.months}`} className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          {t("staleTerms", { months: m.months })}
        </p>
      ))}
      {dto.lines.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="expense-empty">
          {version === "draft" ? t("noDraft") : t("noExpense")}
        </p>
      ) : (
        <>
          <ExpenseChart periods={dto.periods} label={t("chartLabel")} />
          <PeriodTable
            periods={dto.periods}
            columns={dto.columns.map((c) => ({ id: c.id, label: columnLabel(c) }))}
            total={dto.total}
            labels={{ period: t("period"), amount: t("amount"), sum: t("sum") }}
            locale={locale}
          />
          {dto.planTextTable && <PlanTextTable table={dto.planTextTable} />}
          <LinesTable lines={dto.lines} locale={locale} />
        </>
      )}
      <MeasurementList measurements={dto.measurements} />
      {hasRole(user, ...FINANCE_WRITE_ROLES) && (
        <section className="space-y-2">
          <h2 className="text-base font-semibold">{t("formTitle")}</h2>
          <p className="text-sm text-slate-600">{t("formIntro")}</p>
          <FairValueForm
            planId={dto.planId}
            batches={dto.batches.map((b) => ({
              id: b.id,
              label: columnLabel({ id: b.id, batch: b.batch, grantDate: b.grantDate }),
            }))}
            categories={dto.categories.map((c, i) => ({
              id: c.id,
              label: locale === "en" ? c.nameEn : c.name,
              defaultQuantity: i === 0 ? dto.firstGrantQuantity : 0,
            }))}
            termMonths={termMonths}
          />
        </section>
      )}
    </div>
  );
});
