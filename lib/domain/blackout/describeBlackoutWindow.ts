import type { BlackoutWindow, DisclosureKind } from "./blackoutWindows";

/** Locales the portal renders domain texts in. */
export type DomainLocale = "en" | "zh-CN";

type PeriodicKind = Exclude<DisclosureKind, "major_event" | "exchange_window">;

const EN_NAMES: Record<PeriodicKind, string> = {
  annual_report: "annual report",
  semi_annual_report: "semi-annual report",
  q1_report: "Q1 report",
  q3_report: "Q3 report",
  performance_forecast: "performance forecast",
  performance_express: "performance express",
};

// Chinese report names read "2024年年度报告" with a fiscal year and "年度报告" without one.
const ZH_NAMES: Record<PeriodicKind, { withYear: string; bare: string }> = {
  annual_report: { withYear: "年年度报告", bare: "年度报告" },
  semi_annual_report: { withYear: "年半年度报告", bare: "半年度报告" },
  q1_report: { withYear: "年第一季度报告", bare: "第一季度报告" },
  q3_report: { withYear: "年第三季度报告", bare: "第三季度报告" },
  performance_forecast: { withYear: "年度业绩预告", bare: "业绩预告" },
  performance_express: { withYear: "年度业绩快报", bare: "业绩快报" },
};

/**
 * One-line explanation of a blackout window, e.g. "30 days before the 2024 annual report on
 * 2025-04-18" / "2024年年度报告（2025-04-18）披露前30日".
 */
export function describeBlackoutWindow(w: BlackoutWindow, locale: DomainLocale): string {
  const r = w.reason;
  const title = locale === "en" ? (r.eventTitleEn ?? r.eventTitle) : r.eventTitle;
  if (w.kind === "major_event") {
    return locale === "en"
      ? `Major event${title ? `: ${title}` : ""}, from ${w.from} until its disclosure on ${w.to}`
      : `重大事件${title ? `（${title}）` : ""}：自${w.from}起至依法披露之日（${w.to}）`;
  }
  if (w.kind === "exchange_window") {
    return locale === "en"
      ? `Period set by the exchange${title ? ` (${title})` : ""}: ${w.from} to ${w.to}`
      : `证券交易所规定的其他期间${title ? `（${title}）` : ""}：${w.from}至${w.to}`;
  }
  const days = r.days ?? 0;
  const published = r.publicationDate ?? "";
  const fy = r.fiscalYear;
  if (locale === "en") {
    const name = `${fy !== undefined ? `${fy} ` : ""}${EN_NAMES[w.kind]}`;
    return r.scheduledDate !== undefined
      ? `${days} days before the originally scheduled date (${r.scheduledDate}) of the ${name}, until its publication on ${published}`
      : `${days} days before the ${name} on ${published}`;
  }
  const zh = ZH_NAMES[w.kind];
  const name = fy !== undefined ? `${fy}${zh.withYear}` : zh.bare;
  return r.scheduledDate !== undefined
    ? `${name}原预约披露日（${r.scheduledDate}）前${days}日至实际披露日（${published}）前一日`
    : `${name}（${published}）披露前${days}日`;
}
