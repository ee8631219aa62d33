"use client";
import { useTranslations } from "next-intl";
import type { CorporateActionType } from "@/lib/domain/adjustments/corporateActions";
import {
  multipliesQuantitiesByMoreThanTwo,
  nFromEntry,
  quantityFactorText,
  ratioEntryKind,
} from "@/lib/domain/adjustments/ratioEntry";

const input = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base";

/** What the ratio field gives the form: n as the API takes it (per share), and whether it may be submitted. */
export function ratioOf(
  type: CorporateActionType,
  entered: string,
  others: { p1?: string; p2?: string },
): { n: string | null; factor: string | null; large: boolean } {
  const n = nFromEntry(type, entered);
  const action = { type, n: n ?? undefined, ...others };
  return { n, factor: quantityFactorText(action), large: multipliesQuantitiesByMoreThanTwo(action) };
}

/**
 * The share ratio as the announcement writes it: 每10股转增X股 (X per 10 shares) for a conversion or bonus
 * issue, "1 share becomes N" for a split or consolidation, n itself for a rights issue. Shows the n it
 * stands for and the resulting ratio, and a warning to tick when quantities would more than double.
 */
export function RatioField({
  type,
  entered,
  others,
  confirmed,
  onChange,
  onConfirm,
}: {
  type: CorporateActionType;
  entered: string;
  others: { p1?: string; p2?: string };
  confirmed: boolean;
  onChange: (value: string) => void;
  onConfirm: (confirmed: boolean) => void;
}) {
  const t = useTranslations("hrActions");
  const kind = ratioEntryKind(type);
  const label =
    kind === "perTen"
      ? t("params.perTen")
      : kind === "oneInto"
        ? t(type === "split" ? "params.oneIntoSplit" : "params.oneIntoConsolidation")
        : t("params.nRights");
  const { n, factor, large } = ratioOf(type, entered, others);
  return (
    <div className="block text-sm">
      <label className="block">
        <span className="font-medium">{label}</span>
        <input
          inputMode="decimal"
          value={entered}
          onChange={(e) => onChange(e.target.value.trim())}
          placeholder={kind === "perTen" ? "4" : kind === "oneInto" ? "2" : "0.3"}
          className={input}
          data-testid="action-n"
        />
      </label>
      {entered !== "" && (
        <p className="mt-1 text-xs text-slate-600" data-testid="action-ratio">
          {n === null ? t("ratioInvalid") : t("ratio", { n, factor: factor ?? "—" })}
        </p>
      )}
      {large && factor && (
        <div
          role="alert"
          className="mt-2 space-y-1 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-xs text-amber-900"
          data-testid="large-ratio-warning"
        >
          <p>{t("largeRatioWarning", { factor })}</p>
          <label className="flex items-start gap-2">
            <input
              type="checkbox"
              checked={confirmed}
              onChange={(e) => onConfirm(e.target.checked)}
              data-testid="large-ratio-confirm"
            />
            <span>{t("largeRatioConfirm", { factor })}</span>
          </label>
        </div>
      )}
    </div>
  );
}
