"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { advancePlanStatusAction } from "./actions";
import { RefusalBox, type Refusal } from "@/app/(portal)/hr/_components/RefusalBox";

/** One button per status the plan may move to next (labels already translated). */
export function AdvanceStatus({ planId, options }: { planId: string; options: { to: string; label: string }[] }) {
  const t = useTranslations("hrPlans");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  if (options.length === 0) return <p className="text-sm text-slate-500">{t("detail.final")}</p>;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {options.map((o) => (
          <button
            key={o.to}
            type="button"
            disabled={pending}
            onClick={() => {
              if (!window.confirm(t("detail.confirmAdvance", { status: o.label }))) return;
              startTransition(async () => {
                const result = await advancePlanStatusAction({ planId, to: o.to });
                if (result.ok) {
                  setRefusal(null);
                  router.refresh();
                } else setRefusal(result);
              });
            }}
            className="rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            data-testid={`advance-${o.to}`}
          >
            {t("detail.advanceTo", { status: o.label })}
          </button>
        ))}
      </div>
      {refusal && <RefusalBox refusal={refusal} />}
    </div>
  );
}
