import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { isTerminalPlanStatus } from "@/lib/domain/plans/planLifecycle";
import { verifyingBodyFor } from "@/lib/domain/process/processRules";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { planEditForm } from "@/lib/features/plans/queries";
import { NewPlanForm } from "../../new/NewPlanForm";
import { PRESETS } from "../../new/planFormModel";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";

/**
 * Edit a plan with the form that creates one: every term while it is a draft; afterwards only its
 * categories (a category with grants keeps its arrangement); an ended plan is shown read-only.
 */
export default page({ access: "staffWrite" }, async ({ params }) => {
  const { planId = "" } = params;
  const form = await planEditForm(planId);
  if (!form) notFound();
  const { plan, dates: row, categories } = form;
  const t = await getTranslations("hrPlans");
  const now = today();
  const mode = plan.status === "draft" ? "draft" : isTerminalPlanStatus(plan.status) ? "ended" : "categories";
  const preset = (PRESETS as readonly string[]).includes(plan.blackoutRule.name);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t(mode === "draft" ? "form.editTitle" : "form.editCategoriesTitle")}
        intro={t(mode === "draft" ? "form.editIntro" : "form.editCategoriesIntro")}
      />
      <NewPlanForm
        today={now}
        defaultVerifyingBody={verifyingBodyFor(row.boardApprovalDate ?? now)}
        edit={{
          planId,
          mode,
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
            rule: preset ? plan.blackoutRule.name : "custom",
            ruleName: plan.blackoutRule.name,
            annualDays: String(plan.blackoutRule.annualDays),
            quarterlyDays: String(plan.blackoutRule.quarterlyDays),
            verifyingBody: plan.verifyingBody,
          },
          categories: categories.map((c) => ({
            key: c.id,
            code: String(c.code),
            name: c.name,
            nameEn: c.nameEn,
            stored: true,
            grants: c.grants,
            tranches: c.tranches.map((x) => ({
              startMonths: String(x.startMonths),
              endMonths: String(x.endMonths),
              ratio: x.ratio,
            })),
          })),
        }}
      />
    </div>
  );
});
