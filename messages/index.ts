import en from "./en.json";
import zh from "./zh-CN.json";
import hrCommonEn from "./hr/common.en.json";
import hrCommonZh from "./hr/common.zh-CN.json";
import hrPlansEn from "./hr/plans.en.json";
import hrPlansZh from "./hr/plans.zh-CN.json";
import hrParticipantsEn from "./hr/participants.en.json";
import hrParticipantsZh from "./hr/participants.zh-CN.json";
import hrPublicityEn from "./hr/publicity.en.json";
import hrPublicityZh from "./hr/publicity.zh-CN.json";
import hrGrantsEn from "./hr/grants.en.json";
import hrGrantsZh from "./hr/grants.zh-CN.json";
import hrVestingEn from "./hr/vesting.en.json";
import hrVestingZh from "./hr/vesting.zh-CN.json";
import hrDisclosuresEn from "./hr/disclosures.en.json";
import hrDisclosuresZh from "./hr/disclosures.zh-CN.json";
import hrActionsEn from "./hr/actions.en.json";
import hrPeopleEn from "./hr/people.en.json";
import hrPeopleZh from "./hr/people.zh-CN.json";
import hrAgendaEn from "./hr/agenda.en.json";
import hrAgendaZh from "./hr/agenda.zh-CN.json";
import hrActionsZh from "./hr/actions.zh-CN.json";
import hrClosingPricesEn from "./hr/hrClosingPrices.en.json";
import hrClosingPricesZh from "./hr/hrClosingPrices.zh-CN.json";
import hrTaxProfileEn from "./hr/hrTaxProfile.en.json";
import hrTaxProfileZh from "./hr/hrTaxProfile.zh-CN.json";
import hrVestingBatchesEn from "./hr/hrVestingBatches.en.json";
import hrVestingBatchesZh from "./hr/hrVestingBatches.zh-CN.json";
import adminUsersEn from "./admin/users.en.json";
import adminUsersZh from "./admin/users.zh-CN.json";
import adminTokensEn from "./admin/tokens.en.json";
import adminTokensZh from "./admin/tokens.zh-CN.json";
import adminAuditEn from "./admin/audit.en.json";
import adminAuditZh from "./admin/audit.zh-CN.json";
import adminExportsEn from "./admin/exports.en.json";
import adminExportsZh from "./admin/exports.zh-CN.json";
import adminSecurityEn from "./admin/security.en.json";
import adminSecurityZh from "./admin/security.zh-CN.json";
import financeExpenseEn from "./finance/expense.en.json";
import financeExpenseZh from "./finance/expense.zh-CN.json";
import secondFactorEn from "./secondFactor.en.json";
import secondFactorZh from "./secondFactor.zh-CN.json";
import myVestingEn from "./en/myVesting.json";
import myVestingZh from "./zh-CN/myVesting.json";
import type { Locale } from "@/i18n/locales";

/** Namespaces of the HR and admin pages; sent to the browser only under /hr. */
export const HR_NAMESPACES = [
  "hrCommon",
  "hrPlans",
  "hrParticipants",
  "hrPublicity",
  "hrGrants",
  "hrVesting",
  "hrDisclosures",
  "hrActions",
  "hrAgenda",
  "hrPeople",
  "hrClosingPrices",
  "hrTaxProfile",
  "hrVestingBatches",
  // A sensitive form may ask for the second factor again (StepUpPrompt inside the refusal box).
  "secondFactor",
] as const;

/** Namespaces of the administration pages (users, API tokens, audit trail, registers); sent only under /admin. */
export const ADMIN_NAMESPACES = [
  "adminUsers",
  "adminTokens",
  "adminAudit",
  "adminExports",
  "adminSecurity",
  "secondFactor",
] as const;

/** Namespaces of the finance pages (the share-based payment expense); sent only under /finance. */
export const FINANCE_NAMESPACES = ["financeExpense"] as const;

/** Every message of each locale; HR namespaces live in their own files so each feature owns its texts. */
export const MESSAGES: Record<Locale, Record<string, unknown>> = {
  en: {
    ...en,
    hrCommon: hrCommonEn,
    hrPlans: hrPlansEn,
    hrParticipants: hrParticipantsEn,
    hrPublicity: hrPublicityEn,
    hrGrants: hrGrantsEn,
    hrVesting: hrVestingEn,
    hrDisclosures: hrDisclosuresEn,
    hrActions: hrActionsEn,
    hrAgenda: hrAgendaEn,
    hrPeople: hrPeopleEn,
    hrClosingPrices: hrClosingPricesEn,
    hrTaxProfile: hrTaxProfileEn,
    hrVestingBatches: hrVestingBatchesEn,
    adminUsers: adminUsersEn,
    adminTokens: adminTokensEn,
    adminAudit: adminAuditEn,
    adminExports: adminExportsEn,
    adminSecurity: adminSecurityEn,
    financeExpense: financeExpenseEn,
    secondFactor: secondFactorEn,
    myVesting: myVestingEn,
  },
  "zh-CN": {
    ...zh,
    hrCommon: hrCommonZh,
    hrPlans: hrPlansZh,
    hrParticipants: hrParticipantsZh,
    hrPublicity: hrPublicityZh,
    hrGrants: hrGrantsZh,
    hrVesting: hrVestingZh,
    hrDisclosures: hrDisclosuresZh,
    hrActions: hrActionsZh,
    hrAgenda: hrAgendaZh,
    hrPeople: hrPeopleZh,
    hrClosingPrices: hrClosingPricesZh,
    hrTaxProfile: hrTaxProfileZh,
    hrVestingBatches: hrVestingBatchesZh,
    adminUsers: adminUsersZh,
    adminTokens: adminTokensZh,
    adminAudit: adminAuditZh,
    adminExports: adminExportsZh,
    adminSecurity: adminSecurityZh,
    financeExpense: financeExpenseZh,
    secondFactor: secondFactorZh,
    myVesting: myVestingZh,
  },
};
