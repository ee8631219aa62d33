import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { verifyingBodyFor } from "@/lib/domain/process/processRules";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { planEditForm } from "@/lib/features/plans/queries";
import { NewPlanForm } from "../../new/NewPlanForm";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";

/** Edit a draft plan with the same form that creates one. */
export default page({ access: "staffWrite" }, async ({ params }) => {
  const { planId = "" } = params;
  const form = await planEditForm(planId);
  if (!form) notFound();
  const { plan, dates: row, codes } = form;
  const t = await getTranslations("hrPlans");
  const now = today();
  const category = plan.categories[0];
  const presets = ["2022 rules", "2024-05-24 rules"];
  return (
    <div className="space-y-4">
      <PageHeader title={t("form.editTitle")} intro={t("form.editIntro")} />
      {plan.categories.length !== 1 || !category ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">{t("form.editMultiCategory")}</p>
      ) : (
        <NewPlanForm
          today={now}
          defaultVerifyingBody={verifyingBodyFor(row.boardApprovalDate ?? now)}
          edit={{
            planId,
            fields: {
              name: plan.name,
              nameEn: plan.nameEn,
              announcementDate: row.announcementDate ?? "",
              boardApprovalDate: row.boardApprovalDate ?? "",
              generalMeetingDate: plan.generalMeetingDate ?? "",
              totalQuantity: String(plan.totalQuantity),
              firstGrantQuantity: String(plan.firstGrantQuantity),
              reservedQuantity: String(plan.reservedQuantity),
              shareCapitalAtAnnouncement: String(plan.shareCapital),
              validityMonths: String(plan.validityMonths),
              rule: presets.includes(plan.blackoutRule.name) ? plan.blackoutRule.name : "custom",
              ruleName: plan.blackoutRule.name,
              annualDays: String(plan.blackoutRule.annualDays),
              quarterlyDays: String(plan.blackoutRule.quarterlyDays),
              verifyingBody: plan.verifyingBody,
              code: String(codes.find((c) => c.id === category.id)?.code ?? 1),
              categoryName: category.name,
              categoryNameEn: category.nameEn,
            },
            tranches: category.tranches.map((x) => ({
              startMonths: String(x.startMonths),
              endMonths: String(x.endMonths),
              ratio: x.ratio,
            })),
          }}
        />
      )}
    </div>
  );
});
