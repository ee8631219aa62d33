"use client";
import { useTranslations } from "next-intl";
import { verifyingBodyFor } from "@/lib/domain/process/processRules";
import { PRESETS } from "./planFormModel";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base disabled:bg-slate-50";
const label = "block text-sm font-medium";

/** The plan's terms as typed: every value a string, as the inputs hold it. */
export type PlanTerms = {
  name: string;
  nameEn: string;
  announcementDate: string;
  boardApprovalDate: string;
  generalMeetingDate: string;
  totalQuantity: string;
  firstGrantQuantity: string;
  reservedQuantity: string;
  shareCapitalAtAnnouncement: string;
  validityMonths: string;
  rule: string;
  ruleName: string;
  annualDays: string;
  quarterlyDays: string;
  verifyingBody: string;
};

export const EMPTY_TERMS: PlanTerms = {
  name: "",
  nameEn: "",
  announcementDate: "",
  boardApprovalDate: "",
  generalMeetingDate: "",
  totalQuantity: "",
  firstGrantQuantity: "",
  reservedQuantity: "",
  shareCapitalAtAnnouncement: "",
  validityMonths: "60",
  rule: "2024-05-24 rules",
  ruleName: "",
  annualDays: "15",
  quarterlyDays: "5",
  verifyingBody: "auto",
};

/**
 * The plan's terms: names, dates, validity, quantities, blackout rule set and verifying body. Read-only
 * once the plan has left draft; the meeting date is read-only once set (it changes on the plan page,
 * explicitly and with a reason).
 */
export function PlanTermsFields({
  f,
  onChange,
  readOnly,
  meetingDateLocked,
  today,
  defaultVerifyingBody,
}: {
  f: PlanTerms;
  onChange: (next: PlanTerms) => void;
  readOnly: boolean;
  meetingDateLocked: boolean;
  today: string;
  defaultVerifyingBody: string;
}) {
  const t = useTranslations("hrPlans");
  const set = (k: keyof PlanTerms) => (e: { target: { value: string } }) => onChange({ ...f, [k]: e.target.value });
  const autoBody = f.boardApprovalDate ? verifyingBodyFor(f.boardApprovalDate) : defaultVerifyingBody;
  const field = (k: keyof PlanTerms, testId?: string, type?: "date") => (
    <label className={label}>
      {t(`form.${k}`)}
      <input
        required={!type}
        type={type}
        inputMode={type ? undefined : "numeric"}
        className={input}
        value={f[k]}
        onChange={set(k)}
        data-testid={testId}
      />
    </label>
  );
  return (
    <fieldset disabled={readOnly} className="space-y-6" data-testid="plan-terms">
      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("form.basics")}</legend>
        <label className={label}>
          {t("form.name")}
          <input required className={input} value={f.name} onChange={set("name")} data-testid="plan-name" />
        </label>
        <label className={label}>
          {t("form.nameEn")}
          <input required className={input} value={f.nameEn} onChange={set("nameEn")} data-testid="plan-name-en" />
        </label>
        {field("announcementDate", undefined, "date")}
        {field("boardApprovalDate", "plan-board-date", "date")}
        <label className={label}>
          {t("form.generalMeetingDate")}
          <input
            type="date"
            disabled={meetingDateLocked}
            className={input}
            value={f.generalMeetingDate}
            onChange={set("generalMeetingDate")}
            data-testid="plan-meeting-date"
          />
          {meetingDateLocked && (
            <span className="mt-1 block text-xs font-normal text-slate-500">{t("form.meetingDateLocked")}</span>
          )}
        </label>
        {field("validityMonths", "plan-validity")}
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("form.quantities")}</legend>
        <label className={label}>
          {t("form.shareCapital")}
          <input
            required
            inputMode="numeric"
            className={input}
            value={f.shareCapitalAtAnnouncement}
            onChange={set("shareCapitalAtAnnouncement")}
            data-testid="plan-capital"
          />
        </label>
        {field("totalQuantity", "plan-total")}
        {field("firstGrantQuantity", "plan-first")}
        {field("reservedQuantity", "plan-reserved")}
        <p className="text-xs text-slate-500 sm:col-span-2">{t("form.quantityHelp")}</p>
      </fieldset>

      <fieldset className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 sm:grid-cols-2">
        <legend className="px-1 text-sm font-semibold">{t("form.rules")}</legend>
        <label className={label}>
          {t("form.blackoutRule")}
          <select className={input} value={f.rule} onChange={set("rule")} data-testid="plan-rule">
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`form.preset.${p === "2022 rules" ? "r2022" : "r2024"}`)}
              </option>
            ))}
            <option value="custom">{t("form.preset.custom")}</option>
          </select>
        </label>
        <label className={label}>
          {t("form.verifyingBody")}
          <select
            className={input}
            value={f.verifyingBody}
            onChange={set("verifyingBody")}
            data-testid="plan-verifying-body"
          >
            <option value="auto">
              {t("form.bodyAuto", { body: t(`body.${autoBody as "board_of_supervisors"}`) })}
            </option>
            <option value="board_of_supervisors">{t("body.board_of_supervisors")}</option>
            <option value="remuneration_committee">{t("body.remuneration_committee")}</option>
          </select>
          <span className="mt-1 block text-xs font-normal text-slate-500">{t("form.bodyHelp", { today })}</span>
        </label>
        {f.rule === "custom" && (
          <>
            <label className={label}>
              {t("form.ruleName")}
              <input required className={input} value={f.ruleName} onChange={set("ruleName")} />
            </label>
            <div className="grid grid-cols-2 gap-2">
              {field("annualDays")}
              {field("quarterlyDays")}
            </div>
          </>
        )}
      </fieldset>
    </fieldset>
  );
}
