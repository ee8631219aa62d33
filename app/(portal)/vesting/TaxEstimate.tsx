"use client";
import { useLocale, useTranslations } from "next-intl";
import { useCallback, useEffect, useRef, useState } from "react";
import type { MyVestingBatch } from "@/lib/features/vesting-batches/personBatches";
import { toLocale } from "@/i18n/locales";
import { estimateBasis, formatMoney, formatRate, parsePriceInput, samePrice } from "./figures";

type BatchTax = MyVestingBatch["tax"];

/**
 * The tax estimate of a batch not yet registered, at a closing price the grantee may change. The server's
 * figures at the latest close HR entered come with the page; another price asks GET /api/v1/me/vesting-batches
 * ?price= for the same engine's answer (the batch lines' exact adjusted prices and the year's earlier
 * vestings are not all on the page). Without JavaScript the form submits ?price= to the page itself.
 */
export function TaxEstimate({
  batchId,
  initial,
  lineLabels,
}: {
  batchId: string;
  initial: BatchTax;
  /** Each line's name ("首次授予（2024-05-10）第1个归属期"), by lineId. */
  lineLabels: Record<string, string>;
}) {
  const t = useTranslations("myVesting");
  const locale = toLocale(useLocale());
  const [tax, setTax] = useState<BatchTax>(initial);
  const [text, setText] = useState(initial.assumedPrice ?? initial.latestPrice?.close ?? "");
  const [state, setState] = useState<"idle" | "loading" | "failed" | "stale">("idle");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const asked = useRef(0);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const estimate = useCallback(
    async (price: string) => {
      const request = ++asked.current;
      setState("loading");
      try {
        const res = await fetch(`/api/v1/me/vesting-batches?price=${encodeURIComponent(price)}`, {
          headers: { accept: "application/json" },
          cache: "no-store",
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as { items: MyVestingBatch[] };
        const batch = body.items.find((b) => b.id === batchId);
        if (request !== asked.current) return;
        // Registered since the page was loaded (the figures are final now) or gone: the page must be reloaded.
        if (!batch || batch.tax.final) return setState("stale");
        setTax(batch.tax);
        setState("idle");
      } catch {
        if (request === asked.current) setState("failed");
      }
    },
    [batchId],
  );

  /** Asks for the estimate at `next` after a pause in typing; the figures on show already answer their price. */
  const change = (next: string, delay = 450) => {
    setText(next);
    if (timer.current) clearTimeout(timer.current);
    const price = parsePriceInput(next);
    if (price === null || (tax.assumedPrice !== null && samePrice(price, tax.assumedPrice))) {
      // Any answer still on its way is for another price now.
      asked.current++;
      setState("idle");
      return;
    }
    timer.current = setTimeout(() => void estimate(price), delay);
  };

  const price = parsePriceInput(text);
  const invalid = text.trim() !== "" && price === null;
  const basis = estimateBasis(tax.assumedPrice, tax.latestPrice);
  const latest = tax.latestPrice;
  const inputId = `tax-price-${batchId}`;

  if (!tax.resident)
    return (
      <p className="rounded-md bg-slate-50 p-3 text-sm text-slate-700" data-testid="tax-not-computed">
        {t("reason.non_resident")}
      </p>
    );

  return (
    <div className="space-y-3">
      <form
        method="get"
        action="/vesting"
        className="space-y-2"
        onSubmit={(e) => {
          e.preventDefault();
          if (timer.current) clearTimeout(timer.current);
          if (price !== null) void estimate(price);
        }}
      >
        <label htmlFor={inputId} className="block text-sm font-medium text-slate-700">
          {t("tax.priceLabel")}
        </label>
        <div className="flex flex-wrap items-center gap-2">
          <input
            id={inputId}
            name="price"
            type="text"
            inputMode="decimal"
            autoComplete="off"
            spellCheck={false}
            value={text}
            onChange={(e) => change(e.target.value)}
            aria-invalid={invalid}
            aria-describedby={`${inputId}-basis${invalid ? ` ${inputId}-invalid` : ""}`}
            className={`tabular w-32 rounded-md border px-3 py-2 text-base ${invalid ? "border-rose-400" : "border-slate-300"}`}
            data-testid="tax-price-input"
          />
          <button
            type="submit"
            disabled={price === null || state === "loading"}
            className="rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
          >
            {t("tax.recompute")}
          </button>
          {latest && (price === null || !samePrice(price, latest.close)) && (
            <button
              type="button"
              onClick={() => change(latest.close, 0)}
              className="text-sm text-brand-700 hover:underline"
              data-testid="tax-price-reset"
            >
              {t("tax.resetLatest", { close: latest.close })}
            </button>
          )}
        </div>
        {invalid && (
          <p id={`${inputId}-invalid`} className="text-sm text-rose-700" role="alert">
            {t("tax.invalidPrice")}
          </p>
        )}
      </form>

      <div aria-live="polite" aria-busy={state === "loading"} className="space-y-2">
        <p id={`${inputId}-basis`} className="text-sm text-slate-600" data-testid="tax-basis">
          {basis.kind === "latest"
            ? t("tax.basisLatest", { date: basis.tradeDate, close: basis.close })
            : basis.kind === "assumed"
              ? t("tax.basisAssumed", { price: basis.price })
              : t("tax.noPrice")}
          {state === "loading" && <span className="ml-2 text-slate-400">{t("tax.computing")}</span>}
        </p>
        {(state === "failed" || state === "stale") && (
          <p className="text-sm text-rose-700" role="alert">
            {t(state === "failed" ? "tax.failed" : "tax.stale")}
          </p>
        )}
        {tax.lines.length > 0 && (
          <div className={state === "loading" ? "opacity-60" : undefined}>
            <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
              {tax.lines.map((line) => (
                <li key={line.lineId} className="space-y-1 p-3 text-sm" data-testid={`tax-line-${line.lineId}`}>
                  <p className="font-medium text-slate-800">{lineLabels[line.lineId] ?? ""}</p>
                  {line.status === "computed" ? (
                    <>
                      <dl className="grid grid-cols-3 gap-2">
                        <Figure label={t("tax.income")} value={formatMoney(line.income, locale)} />
                        <Figure label={t("tax.rate")} value={formatRate(line.rate)} />
                        <Figure label={t("tax.tax")} value={formatMoney(line.tax, locale)} strong />
                      </dl>
                      {line.yearToDateIncome !== line.income && (
                        <p className="text-xs text-slate-500">
                          {t("tax.yearToDate", { income: formatMoney(line.yearToDateIncome, locale) })}
                        </p>
                      )}
                    </>
                  ) : (
                    <p className="text-slate-600">
                      {t("tax.notComputedBecause", { reason: t(`reason.${line.reason}`) })}
                    </p>
                  )}
                </li>
              ))}
            </ul>
            <div className="mt-3 flex items-baseline justify-between gap-3">
              <span className="text-sm font-medium text-slate-700">{t("tax.totalEstimate")}</span>
              {tax.total !== null ? (
                <span className="tabular text-xl font-semibold" data-testid="tax-estimate-total">
                  {formatMoney(tax.total, locale)}
                </span>
              ) : (
                <span className="text-right text-sm text-slate-600">{t("tax.totalUnknown")}</span>
              )}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

function Figure({ label, value, strong }: { label: string; value: string; strong?: boolean }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className={`tabular break-words ${strong ? "font-semibold" : ""}`}>{value}</dd>
    </div>
  );
}
