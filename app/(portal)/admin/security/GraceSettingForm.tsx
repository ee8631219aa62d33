"use client";
import { useState, useTransition } from "react";
import { useTranslations } from "next-intl";
import { RefusalBox } from "@/app/(portal)/hr/_components/RefusalBox";
import type { ActionResult } from "@/lib/auth/procedures/action";
import { updateSecuritySettingsAction } from "./actions";

/** The staff grace period in days (0 to max); a refusal is read from the error table in the reader's language. */
export function GraceSettingForm({ staffGraceDays, max }: { staffGraceDays: number; max: number }) {
  const t = useTranslations("adminSecurity");
  const [result, setResult] = useState<ActionResult<{ staffGraceDays: number }> | null>(null);
  const [pending, start] = useTransition();
  return (
    <form
      className="space-y-2"
      data-testid="grace-form"
      onSubmit={(e) => {
        e.preventDefault();
        const raw = String(new FormData(e.currentTarget).get("staffGraceDays") ?? "").trim();
        // An empty or non-numeric field goes to the server as is, which refuses it with BAD_REQUEST.
        const days = raw === "" || Number.isNaN(Number(raw)) ? raw : Number(raw);
        start(async () => setResult(await updateSecuritySettingsAction({ staffGraceDays: days })));
      }}
    >
      <label className="block text-sm">
        <span className="font-medium">{t("grace.days")}</span>
        <span className="mt-1 flex flex-wrap items-center gap-2">
          <input
            name="staffGraceDays"
            type="number"
            inputMode="numeric"
            min={0}
            max={max}
            step={1}
            required
            defaultValue={staffGraceDays}
            className="w-28 rounded-md border border-slate-300 px-3 py-2 text-base"
            data-testid="grace-days"
          />
          <span className="text-slate-600">{t("grace.unit")}</span>
          <button
            type="submit"
            disabled={pending}
            className="rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60"
            data-testid="grace-save"
          >
            {t("grace.save")}
          </button>
        </span>
      </label>
      {result?.ok && (
        <p role="status" className="text-sm text-emerald-700" data-testid="grace-saved">
          {t("grace.saved", { days: result.data.staffGraceDays })}
        </p>
      )}
      <RefusalBox refusal={result} />
    </form>
  );
}
