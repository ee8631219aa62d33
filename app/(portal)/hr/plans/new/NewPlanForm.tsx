"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { createPlanAction, updatePlanAction, updatePlanCategoriesAction } from "./actions";
import { CategoriesEditor } from "./CategoriesEditor";
import { categoriesBody, checkCategoryDrafts, newCategory, type CategoryDraft } from "./planFormModel";
import { EMPTY_TERMS, PlanTermsFields, type PlanTerms } from "./PlanTermsFields";
import { RefusalBox, type Refusal } from "@/app/(portal)/hr/_components/RefusalBox";

/**
 * What the form edits: "draft" edits every term (PATCH /plans/{id}); "categories" a plan past draft, whose
 * terms are fixed but whose categories may still change (PUT /plans/{id}/categories); "ended" only shows.
 */
export type PlanFormEdit = {
  planId: string;
  mode: "draft" | "categories" | "ended";
  fields: PlanTerms;
  categories: CategoryDraft[];
};

/** The plan form: terms with presets, and any number of categories each with its own tranches; creates or edits. */
export function NewPlanForm({
  today,
  defaultVerifyingBody,
  edit,
}: {
  today: string;
  defaultVerifyingBody: string;
  edit?: PlanFormEdit;
}) {
  const t = useTranslations("hrPlans");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [tried, setTried] = useState(false);
  const [f, setF] = useState<PlanTerms>(edit?.fields ?? EMPTY_TERMS);
  const [categories, setCategories] = useState<CategoryDraft[]>(edit?.categories ?? [newCategory([])]);
  const mode = edit?.mode ?? "create";
  const num = (v: string) => (v.trim() === "" ? Number.NaN : Number(v.replace(/[,\s]/g, "")));
  const problems = checkCategoryDrafts(categories, num(f.validityMonths));

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setTried(true);
    if (problems.length > 0 || mode === "ended") return;
    const cats = categoriesBody(categories);
    const body = {
      name: f.name,
      nameEn: f.nameEn,
      announcementDate: f.announcementDate || null,
      boardApprovalDate: f.boardApprovalDate || null,
      generalMeetingDate: f.generalMeetingDate || null,
      totalQuantity: num(f.totalQuantity),
      firstGrantQuantity: num(f.firstGrantQuantity),
      reservedQuantity: num(f.reservedQuantity),
      shareCapitalAtAnnouncement: num(f.shareCapitalAtAnnouncement),
      validityMonths: num(f.validityMonths),
      blackoutRule:
        f.rule === "custom"
          ? { name: f.ruleName, annualDays: num(f.annualDays), quarterlyDays: num(f.quarterlyDays) }
          : { preset: f.rule },
      ...(f.verifyingBody === "auto" ? {} : { verifyingBody: f.verifyingBody }),
      categories: cats,
    };
    startTransition(async () => {
      const result = !edit
        ? await createPlanAction(body)
        : mode === "draft"
          ? await updatePlanAction({ planId: edit.planId, body })
          : await updatePlanCategoriesAction({ planId: edit.planId, body: { categories: cats } });
      if (result.ok) router.push(`/hr/plans/${result.data.id}`);
      else setRefusal(result);
    });
  }

  return (
    <form onSubmit={submit} className="space-y-6" data-testid="new-plan-form">
      {mode === "categories" && (
        <p className="rounded-md bg-slate-100 p-3 text-sm text-slate-700" data-testid="terms-fixed">
          {t("form.termsFixed")}
        </p>
      )}
      <PlanTermsFields
        f={f}
        onChange={setF}
        readOnly={mode === "categories" || mode === "ended"}
        meetingDateLocked={mode !== "create" && edit?.fields.generalMeetingDate !== ""}
        today={today}
        defaultVerifyingBody={defaultVerifyingBody}
      />
      <CategoriesEditor
        categories={categories}
        onChange={setCategories}
        problems={tried ? problems : []}
        disabled={mode === "ended"}
      />
      {tried && problems.length > 0 && (
        <p className="text-sm text-rose-700" data-testid="form-invalid">
          {t("form.fixProblems", { count: problems.length })}
        </p>
      )}
      {refusal && <RefusalBox refusal={refusal} />}
      {mode !== "ended" && (
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
          data-testid="plan-submit"
        >
          {pending ? t("form.saving") : edit ? t("form.save") : t("form.submit")}
        </button>
      )}
    </form>
  );
}
