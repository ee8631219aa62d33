import "server-only";
import { planValidityEnd } from "@/lib/domain/plans/planValidity";
import type { CorporateActionInput } from "@/lib/domain/adjustments/corporateActions";
import { lapseReasonLabel } from "@/lib/domain/registers/registerLabels";
import { priceAtVesting } from "@/lib/domain/registers/priceAtVesting";
import { trancheOutcomeDate } from "@/lib/domain/registers/trancheOutcomeDate";
import type { OcfGrantRow } from "@/lib/features/registers/grantRegisterQuery";
import type { RegisterPlan } from "@/lib/features/registers/registerContext";

// Open Cap Format objects for a Class II restricted stock register. Numbers travel as OCF Numeric
// strings and money as {amount, currency: "CNY"}; optional dates are left out rather than null.

type OcfObject = Record<string, unknown>;
const money = (amount: string) => ({ amount, currency: "CNY" });
const COUNTRY = /^[A-Z]{2}$/;

/** The one stock class every plan delivers: the issuer's ordinary A shares. */
export const ordinaryClassId = (issuerId: string) => `${issuerId}.ordinary`;

/** The issuer; Vesting Desk does not record a formation date, so a stand-in is named in the comments. */
export function ocfIssuer(issuer: { id: string; name: string; nameEn: string }, formationDate: string): OcfObject {
  return {
    id: issuer.id,
    object_type: "ISSUER",
    legal_name: issuer.name,
    dba: issuer.nameEn,
    formation_date: formationDate,
    country_of_formation: "CN",
    comments: [
      "formation_date: Vesting Desk does not record the formation date; this is the earliest share-capital record / 未记录成立日期，此为最早的股本记录日期",
    ],
  };
}

/** The ordinary share class with its par value and the share capital first recorded. */
export function ocfStockClass(issuerId: string, parValue: string, initialShares: number | null): OcfObject {
  return {
    id: ordinaryClassId(issuerId),
    object_type: "STOCK_CLASS",
    name: "人民币普通股（A股）Ordinary A shares",
    class_type: "COMMON",
    default_id_prefix: "A-",
    initial_shares_authorized: initialShares === null ? "NOT APPLICABLE" : String(initialShares),
    votes_per_share: "1",
    seniority: "1",
    par_value: money(parValue),
  };
}

/** A plan as an OCF stock plan: lapsed Class II awards are never issued, so cancelled quantity is retired. */
export function ocfStockPlan(plan: RegisterPlan): OcfObject {
  return {
    id: plan.id,
    object_type: "STOCK_PLAN",
    plan_name: plan.name,
    ...(plan.boardApprovalDate ? { board_approval_date: plan.boardApprovalDate } : {}),
    ...(plan.generalMeetingDate ? { stockholder_approval_date: plan.generalMeetingDate } : {}),
    initial_shares_reserved: String(plan.totalQuantity),
    default_cancellation_behavior: "RETIRE",
    stock_class_ids: [ordinaryClassId(plan.issuerId)],
    comments: [plan.nameEn, `预留部分 Reserved portion: ${plan.reservedQuantity}`],
  };
}

/** A category's vesting arrangement with its tranches. */
export interface OcfCategory {
  id: string;
  planName: string;
  name: string;
  nameEn: string;
  tranches: { index: number; startMonths: number; endMonths: number; ratio: string }[];
}

/**
 * Vesting terms of one category. Each tranche is a VESTING_EVENT, not a time trigger: Class II shares
 * vest only when the board registers them inside the window after the appraisals, never by time alone.
 * The engine floors every tranche but the last, which takes the remainder (BACK_LOADED_TO_SINGLE_TRANCHE).
 */
export function ocfVestingTerms(c: OcfCategory): OcfObject {
  const trancheIds = c.tranches.map((t) => `tranche-${t.index}`);
  return {
    id: c.id,
    object_type: "VESTING_TERMS",
    name: `${c.planName} · ${c.name}`,
    description: `${c.nameEn}: ${c.tranches.map((t) => `T${t.index} ${t.ratio} in months ${t.startMonths}–${t.endMonths}`).join("; ")}; subject to company and individual appraisal and registration by the board.`,
    allocation_type: "BACK_LOADED_TO_SINGLE_TRANCHE",
    vesting_conditions: [
      {
        id: "grant-date",
        description: "授予日 Grant date",
        portion: { numerator: "0", denominator: "1" },
        trigger: { type: "VESTING_START_DATE" },
        next_condition_ids: trancheIds,
      },
      ...c.tranches.map((t) => ({
        id: `tranche-${t.index}`,
        description: `第${t.index}个归属期：授予日后第${t.startMonths}至${t.endMonths}个月内归属 ${t.ratio} / Tranche ${t.index}: registered between ${t.startMonths} and ${t.endMonths} months after the grant date`,
        portion: { numerator: t.ratio, denominator: "1" },
        trigger: { type: "VESTING_EVENT" },
        next_condition_ids: [],
      })),
    ],
  };
}

/** A person holding grants; the ID number goes into tax_ids only when the export includes ID numbers. */
export function ocfStakeholder(
  p: {
    id: string;
    employeeNo: string;
    name: string;
    nationality: string;
    left: boolean;
    isDirector: boolean;
    isSeniorManager: boolean;
  },
  idNumber: string | null,
): OcfObject {
  const relationships = [
    ...(p.isDirector ? ["BOARD_MEMBER"] : []),
    ...(p.isSeniorManager ? ["OFFICER"] : []),
    p.left ? "EX_EMPLOYEE" : "EMPLOYEE",
  ];
  return {
    id: p.id,
    object_type: "STAKEHOLDER",
    name: { legal_name: p.name },
    stakeholder_type: "INDIVIDUAL",
    issuer_assigned_id: p.employeeNo,
    current_relationships: relationships,
    ...(p.left ? {} : { current_status: "ACTIVE" }),
    // In China the resident ID number is the individual's taxpayer number; a passport number is filed under its country.
    ...(idNumber && COUNTRY.test(p.nationality) ? { tax_ids: [{ tax_id: idNumber, country: p.nationality }] } : {}),
  };
}

/**
 * One grant as OCF transactions: the RSU issuance (Class II restricted stock gives no shares until
 * vesting); per vested tranche a release plus the stock issuance it results in, at the price paid;
 * per lapsed quantity a cancellation on the same security (no balance securities are split off).
 */
export function ocfGrantTransactions(
  g: OcfGrantRow,
  plan: RegisterPlan | undefined,
  actions: readonly CorporateActionInput[],
  asOf: string,
): OcfObject[] {
  const classId = ordinaryClassId(plan?.issuerId ?? "");
  const validityEnd = plan ? planValidityEnd(plan.firstGrantDate, plan.validityMonths) : null;
  const out: OcfObject[] = [
    {
      id: `${g.grantId}.issuance`,
      object_type: "TX_EQUITY_COMPENSATION_ISSUANCE",
      security_id: g.grantId,
      date: g.grantDate,
      custom_id: `${g.employeeNo}-${g.batch}-${g.grantDate}`,
      stakeholder_id: g.personId,
      stock_plan_id: g.planId,
      stock_class_id: classId,
      compensation_type: "RSU",
      quantity: String(g.adjustedQuantity),
      vesting_terms_id: g.categoryId,
      expiration_date: validityEnd,
      termination_exercise_windows: [],
      security_law_exemptions: [],
      consideration_text: `授予价格 ${g.grantPrice} 元/股（调整后 ${g.adjustedPrice}），归属时缴款 / Grant price CNY ${g.grantPrice} (adjusted ${g.adjustedPrice}) per share, paid at vesting`,
      comments: [`授予数量 Granted quantity: ${g.quantity}; 调整后 current quantity: ${g.adjustedQuantity}`],
    },
  ];
  for (const t of g.tranches) {
    // A voided batch's tranches are cancelled on the day the batch was voided.
    const date = trancheOutcomeDate(g.voidedOn === null ? t : { ...t, voidDate: g.voidedOn }, {
      leaveDate: g.leaveDate,
      planFirstGrantDate: plan?.firstGrantDate ?? null,
      validityMonths: plan?.validityMonths ?? 0,
    });
    if (t.vested > 0 && t.vestingDate) {
      const price = priceAtVesting(g.grantPrice, g.grantDate, t.vestingDate, actions);
      const shares = `${g.grantId}.t${t.index}.shares`;
      out.push({
        id: `${g.grantId}.t${t.index}.release`,
        object_type: "TX_EQUITY_COMPENSATION_RELEASE",
        security_id: g.grantId,
        date: t.vestingDate,
        settlement_date: t.vestingDate,
        release_price: money(price),
        quantity: String(t.vested),
        resulting_security_ids: [shares],
        comments: [
          "release_price is the price paid per share (the adjusted grant price), not a market value / 为每股缴款价格",
        ],
      });
      out.push({
        id: `${g.grantId}.t${t.index}.stock-issuance`,
        object_type: "TX_STOCK_ISSUANCE",
        security_id: shares,
        date: t.vestingDate,
        custom_id: `${g.employeeNo}-T${t.index}-${t.vestingDate}`,
        stakeholder_id: g.personId,
        stock_plan_id: g.planId,
        stock_class_id: classId,
        share_price: money(price),
        quantity: String(t.vested),
        security_law_exemptions: [],
        stock_legend_ids: [],
      });
    }
    if (t.lapsed > 0) {
      out.push({
        id: `${g.grantId}.t${t.index}.cancellation`,
        object_type: "TX_EQUITY_COMPENSATION_CANCELLATION",
        security_id: g.grantId,
        // A lapse without a recorded date (not expected) is reported as of the export day.
        date: date ?? asOf,
        quantity: String(t.lapsed),
        reason_text: `第${t.index}期 Tranche ${t.index}: ${lapseReasonLabel(t.lapseReason) ?? "作废 lapsed"}`,
      });
    }
  }
  return out;
}
