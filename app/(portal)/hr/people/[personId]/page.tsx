import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { page } from "@/lib/auth/procedures/page";
import { personForEdit } from "@/lib/features/persons/personQueries";
import { taxProfileForEdit } from "@/lib/features/tax/queries";
import { hasRole, STAFF_WRITE_ROLES } from "@/lib/auth/session";
import { PageHeader } from "../../../_components/PageHeader";
import { PersonForm } from "../PersonForm";
import { TaxProfileForm } from "./TaxProfileForm";

export const dynamic = "force-dynamic";

/** One person's record, to read and change. */
export default page({ access: "staffRead" }, async ({ user, params, searchParams }) => {
  const person = await personForEdit(String(params.personId));
  if (!person) notFound();
  const taxProfile = await taxProfileForEdit(person.id);
  const t = await getTranslations("hrPeople");
  return (
    <div className="space-y-6">
      <Link href="/hr/people" className="text-sm text-brand-700 hover:underline">
        ← {t("back")}
      </Link>
      <PageHeader
        title={t("editTitle", { employeeNo: person.employeeNo, name: person.name })}
        intro={person.employmentStatus === "left" ? t("leftOn", { date: person.leaveDate ?? "" }) : undefined}
        testId="person-edit-title"
      />
      {searchParams.created && (
        <p
          role="status"
          className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800"
          data-testid="person-created"
        >
          {t("created", { employeeNo: person.employeeNo, name: person.name })}
        </p>
      )}
      <PersonForm
        initial={{
          id: person.id,
          employeeNo: person.employeeNo,
          name: person.name,
          namePinyin: person.namePinyin ?? "",
          position: person.position,
          department: person.department ?? "",
          email: person.email ?? "",
          nationality: person.nationality,
          idType: person.idType ?? "resident_id",
          idNumberMasked: person.idNumberMasked,
          flags: person.flags,
        }}
      />
      <TaxProfileForm initial={taxProfile} canWrite={hasRole(user, ...STAFF_WRITE_ROLES)} />
    </div>
  );
});
