import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "@/i18n/locales";

describe("the first visit's language from Accept-Language", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["zh-Hans-CN;q=1", "zh-CN"],
    ["ZH", "zh-CN"],
    ["en-US,en;q=0.9", "en"],
    ["de-DE,de;q=0.9", "en"],
    ["ja", "en"],
    // By quality, not by order.
    ["en;q=0.5, zh-CN;q=0.9", "zh-CN"],
    ["zh;q=0.4, fr;q=0.8", "en"],
    // Equal quality: the first listed wins.
    ["fr, zh", "en"],
    // q=0 means "not this one".
    ["zh;q=0, en", "en"],
  ])("%s → %s", (header, expected) => {
    expect(localeFromAcceptLanguage(header)).toBe(expected);
  });

  it("keeps the default (Chinese) without a usable header", () => {
    expect(localeFromAcceptLanguage(undefined)).toBe("zh-CN");
    expect(localeFromAcceptLanguage("")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("*")).toBe("zh-CN");
    expect(localeFromAcceptLanguage(" ; ,")).toBe("zh-CN");
  });
});
