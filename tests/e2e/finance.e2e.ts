/**
 * The finance pages in Chromium: the company table and a plan's table in Chinese and English, a draft
 * projection recorded through the form and checked against figures computed by hand here, a refusal read in
 * Chinese, the XLSX download read back, and screenshots at 390 px and 1280 px.
 */
import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { ERROR_CODES } from "../../lib/platform/errors/errorCodes";
import { SHOTS, setLanguage, signIn } from "./support";

const PLAN_2022 = "2022 Restricted Stock Incentive Plan";
const PLAN_2026 = "2026 Restricted Stock Incentive Plan";

async function planId(page: Page, nameEn: string): Promise<string> {
  const res = await page.request.get("/api/v1/expense?by=year");
  expect(res.status()).toBe(200);
  const plan = ((await res.json()).plans as { planId: string; nameEn: string }[]).find((p) => p.nameEn === nameEn);
  expect(plan, nameEn).toBeTruthy();
  return plan!.planId;
}

/** "1,234.56" (as the page prints it) → fen. */
const fenOf = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, "")) * 100);

test("finance reads the company table by year and quarter in Chinese and English, and it ties out to the API", async ({
  page,
}) => {
  await signIn(page, "finance@demo.local");
  try {
    for (const locale of ["zh-CN", "en"] as const) {
      await setLanguage(page, locale);
      await page.getByTestId("nav-finance").first().click();
      await expect(page.getByTestId("expense-heading")).toHaveText(
        locale === "en" ? "Share-based payment expense" : "股份支付费用",
      );
      for (const by of ["year", "quarter"] as const) {
        await page.goto(`/finance?by=${by}`);
        const api = await (await page.request.get(`/api/v1/expense?by=${by}`)).json();
        const rows = page.getByTestId("expense-row");
        await expect(rows).toHaveCount(api.periods.length);
        expect(api.periods.length).toBeGreaterThan(by === "year" ? 3 : 12);
        const amounts = await page.getByTestId("expense-row-amount").allTextContents();
        // The rows add up to the total shown, to the fen, and each equals the API's figure.
        expect(amounts.map(fenOf)).toEqual(api.periods.map((p: { amount: string }) => fenOf(p.amount)));
        const total = await page.getByTestId("expense-total").textContent();
        expect(fenOf(total!)).toBe(amounts.reduce((s, a) => s + fenOf(a), 0));
        await expect(page.getByTestId("expense-chart")).toBeVisible();
        if (by === "quarter") await expect(rows.first()).toHaveAttribute("data-period", /^\d{4}Q[1-4]$/);
      }
      await expect(page.getByTestId("grain-year")).toHaveText(locale === "en" ? "By year" : "按年度");
    }
  } finally {
    await setLanguage(page, "zh-CN");
  }
});

test("a draft projection recorded through the form gives the table plan texts print, as computed by hand", async ({
  page,
}) => {
  await signIn(page, "finance@demo.local");
  await setLanguage(page, "zh-CN");
  const id = await planId(page, PLAN_2026);
  await page.goto(`/finance/plans/${id}?version=draft`);
  await page.getByTestId("fv-target").selectOption("draft");
  await page.getByTestId("fv-valuation-date").fill("2025-04-17");
  await page.getByTestId("fv-grant-price").fill("5.01");
  await page.getByTestId("fv-share-price").fill("23.70");
  await page.getByTestId("fv-dividend-yield").fill("0");
  for (const [months, vol, rate] of [
    [12, "20.42", "1.50"],
    [24, "17.44", "2.10"],
    [36, "17.44", "2.75"],
  ] as const) {
    await page.getByTestId(`fv-volatility-${months}`).fill(vol);
    await page.getByTestId(`fv-rate-${months}`).fill(rate);
  }

  // More shares than the plan grants (1,200,000): refused in Chinese, nothing recorded.
  await page.getByTestId("fv-quantity").first().fill("5000000");
  await page.getByTestId("fv-submit").click();
  const refusal = page.getByTestId("refusal");
  await expect(refusal).toHaveAttribute("data-code", "FAIR_VALUE_QUANTITY_EXCEEDS_PLAN");
  await expect(refusal).toContainText(ERROR_CODES.FAIR_VALUE_QUANTITY_EXCEEDS_PLAN.zh);

  await page.getByTestId("fv-quantity").first().fill("1000000");
  await page.getByTestId("fv-submit").click();
  // The 12/24-month inputs are 生益电子's (688183) of 2025-04-17: 18.76 and 18.90; 36 months: 19.09.
  await expect(page.getByTestId("fv-recorded")).toContainText("18.76");
  await page.reload();
  await expect(page.getByTestId("measurement-fair-value")).toHaveText(["18.76", "18.90", "19.09"]);

  // 1,000,000 shares at 40/30/30 %: 400,000 × 18.76 + 300,000 × 18.90 + 300,000 × 19.09 = 18,901,000 yuan.
  // Monthly from April 2025 (grant month counted): 2025 = 7,504,000 × 9/12 + 5,670,000 × 9/24 + 5,727,000 × 9/36
  // = 9,186,000; 2026 = × 3/12 + × 12/24 + × 12/36 = 6,620,000; 2027 = 5,670,000 × 3/24 + 5,727,000 × 12/36
  // = 2,617,750; 2028 = 5,727,000 × 3/36 = 477,250.
  await expect(page.getByTestId("plan-text-total")).toHaveText("1890.10");
  await expect(page.getByTestId("plan-text-year")).toHaveText(["918.60", "662.00", "261.78", "47.73"]);
  await expect(page.getByTestId("expense-row-amount")).toHaveText([
    "9,186,000.00",
    "6,620,000.00",
    "2,617,750.00",
    "477,250.00",
  ]);

  // The download is a real XLSX with the same figures, in 万元.
  const download = await page.request.get(`/api/v1/plans/${id}/expense?by=year&version=draft&format=xlsx`);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toContain("spreadsheetml");
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(await download.body()) as unknown as ArrayBuffer);
  const sheet = book.worksheets[0]!;
  expect(sheet.getRow(2).values).toEqual([undefined, 100, 1890.1, 918.6, 662, 261.78, 47.73]);
  expect(String(sheet.getRow(1).getCell(3).value)).toContain("2025");
});

test("a plan's current estimate lists each tranche's fair value, and the quarter table in English", async ({
  page,
}) => {
  await signIn(page, "finance@demo.local");
  const id = await planId(page, PLAN_2022);
  try {
    await setLanguage(page, "en");
    await page.goto(`/finance/plans/${id}?by=quarter`);
    await expect(page.getByTestId("plan-expense-heading")).toHaveText(PLAN_2022);
    const api = await (await page.request.get(`/api/v1/plans/${id}/expense?by=quarter`)).json();
    await expect(page.getByTestId("expense-line")).toHaveCount(api.lines.length);
    await expect(page.getByTestId("expense-line-fair-value")).toHaveText(
      api.lines.map((l: { fairValue: string }) => l.fairValue),
    );
    const total = fenOf((await page.getByTestId("expense-table-total").textContent())!);
    expect(total).toBe(api.lines.reduce((s: number, l: { total: string }) => s + fenOf(l.total), 0));
    await expect(page.getByText("Fair-value inputs")).toBeVisible();
  } finally {
    await setLanguage(page, "zh-CN");
  }
});

test("employees do not see the finance pages, auditors read them without the form", async ({ browser }) => {
  const employee = await (await browser.newContext()).newPage();
  await signIn(employee, "employee@demo.local");
  await expect(employee.getByTestId("nav-finance")).toHaveCount(0);
  expect((await employee.goto("/finance"))?.status()).toBe(404);
  expect((await employee.request.get("/api/v1/expense")).status()).toBe(403);
  const auditor = await (await browser.newContext()).newPage();
  await signIn(auditor, "auditor@demo.local");
  const id = await planId(auditor, PLAN_2022);
  await auditor.goto(`/finance/plans/${id}`);
  await expect(auditor.getByTestId("expense-table")).toBeVisible();
  await expect(auditor.getByTestId("fair-value-form")).toHaveCount(0);
});

test("screenshots of the finance pages at 390 px and 1280 px in Chinese and English", async ({ browser }) => {
  test.setTimeout(120_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    for (const lang of ["zh-CN", "en"] as const) {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await signIn(page, "finance@demo.local");
      await setLanguage(page, lang);
      const id = await planId(page, PLAN_2022);
      for (const [name, path] of [
        ["finance-company", "/finance"],
        ["finance-plan", `/finance/plans/${id}`],
        ["finance-plan-quarter", `/finance/plans/${id}?by=quarter`],
      ] as const) {
        expect((await page.goto(path))?.status(), path).toBe(200);
        await page.screenshot({ path: `${SHOTS}/${name}-${width}-${lang}.png`, fullPage: true });
      }
      await setLanguage(page, "zh-CN");
    }
  }
});
