import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { PageHeader } from "../../../_components/PageHeader";
import { PersonForm } from "../PersonForm";

export const dynamic = "force-dynamic";

const NO_FLAGS = {
  isDirector: false,
  isSeniorManager: false,
  isCoreTechnician: false,
  isForeign: false,
  isIndependentDirector: false,
  isSupervisor: false,
  isMajorHolder: false,
  isActualControllerOrRelative: false,
};

/** Add a person by hand. */
export default page({ access: "staffWrite" }, async () => {
  const t = await getTranslations("hrPeople");
  return (
    <div className="space-y-6">
      <Link href="/hr/people" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader title={t("newTitle")} testId="person-new-title" />
      <PersonForm
        initial={{
          id: null,
          employeeNo: "",
          name: "",
          namePinyin: "",
          position: "",
          department: "",
          email: "",
          nationality: "CN",
          idType: "resident_id",
          idNumberMasked: null,
          flags: NO_FLAGS,
        }}
      />
    </div>
  );
});
