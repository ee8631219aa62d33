import { getTranslations } from "next-intl/server";
import { verifyingBodyFor } from "@/lib/domain/process/processRules";
import { today } from "@/lib/platform/clock";
import { page } from "@/lib/auth/procedures/page";
import { NewPlanForm } from "./NewPlanForm";
import { PageHeader } from "@/app/(portal)/_components/PageHeader";

/** Set up a draft plan: quantities, validity, blackout rule set, verifying body and one category's tranches. */
export default page({ access: "staffWrite" }, async () => {
  const t = await getTranslations("hrPlans");
  const now = today();
  return (
    <div className="space-y-4">
      <PageHeader title={t("form.title")} intro={t("form.intro")} />
      <NewPlanForm today={now} defaultVerifyingBody={verifyingBodyFor(now)} />
    </div>
  );
});
