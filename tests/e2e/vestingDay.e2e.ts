import { expect, test, type Browser, type Page } from "@playwright/test";
import { SHOTS, setLanguage, signIn } from "./support";

// One vesting batch of the demo's 2022 plan walked from its conditions to the announcement, as HR and as
// the grantees (pinned today 2026-11-21). Two periods: category 1's tranche 3 (the demo grantee, E00100,
// pays in full) and category 2's tranche 2 (employee2, E00221, pays 10,000.00 for part); E00101 never
// pays and lapses. The registration day 2026-11-13 lies before the major-event blackout (11-16 .. 11-27),
// the payment window before it, so every step can be taken today. Figures are computed here by hand.
const PRICE = 39.58; // the 2022 first grant's price; its only corporate action (2021) predates it
const CLOSE = "52.30"; // the close HR enters for 2026-11-13
const REGISTRATION = "2026-11-13";

/** Yuan as the pages print them: "59,040.00". */
const yuan = (fen: number) =>
  (fen / 100).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** shares × 39.58 in fen, exactly (integers only). */
const dueFen = (shares: number) => shares * 3958;

/** Tax on a year's equity income in fen under the annual table (财税〔2018〕164号), written out again. */
function taxFen(incomeFen: number): number {
  const table: [number, number, number][] = [
    [3_600_000, 3, 0],
    [14_400_000, 10, 252_000],
    [30_000_000, 20, 1_692_000],
    [42_000_000, 25, 3_192_000],
    [66_000_000, 30, 5_292_000],
    [96_000_000, 35, 8_592_000],
    [Infinity, 45, 18_192_000],
  ];
  const [, rate, deduction] = table.find(([upTo]) => incomeFen <= upTo)!;
  return Math.round((incomeFen * rate) / 100) - deduction;
}

async function grantee(browser: Browser, email: string) {
  const ctx = await browser.newContext({ locale: "zh-CN" });
  const page = await ctx.newPage();
  await signIn(page, email);
  return { ctx, page };
}

/** Planned shares of one of the grantee's 2022 tranches, from their own grants. */
async function planned(page: Page, tranche: number): Promise<{ shares: number; categoryId: string }> {
  const grants = (await (await page.request.get("/api/v1/me/grants")).json()).items as {
    planNameEn: string;
    batch: string;
    categoryId: string;
    grantPrice: string;
    tranches: { index: number; plannedQuantity: number }[];
  }[];
  const g = grants.find((x) => x.planNameEn.startsWith("2022") && x.batch === "first")!;
  expect(g.grantPrice).toBe(PRICE.toFixed(2));
  return { shares: g.tranches.find((t) => t.index === tranche)!.plannedQuantity, categoryId: g.categoryId };
}

const accept = (page: Page) => page.once("dialog", (d) => d.accept());

test("a vesting batch from conditions to announcement: full, partial and no payment, tax, registers and announcements", async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  const one = await grantee(browser, "employee@demo.local");
  const two = await grantee(browser, "employee2@demo.local");
  const a = await planned(one.page, 3);
  const b = await planned(two.page, 2);
  expect(a.shares).toBeGreaterThan(253);
  expect(b.shares).toBeGreaterThan(253);

  await signIn(page, "hr@demo.local");
  const api = page.request;
  const plan = ((await (await api.get("/api/v1/plans")).json()).items as { id: string; nameEn: string }[]).find((p) =>
    p.nameEn.startsWith("2022"),
  )!;

  // Step 0 (HR): the draft, then each period's vesting run on the registration date (company 100 %, all A).
  const draft = await api.post(`/api/v1/plans/${plan.id}/vesting-batches`, {
    data: {
      periods: [
        { batch: "first", categoryId: a.categoryId, trancheIndex: 3 },
        { batch: "first", categoryId: b.categoryId, trancheIndex: 2 },
      ],
      registrationDate: REGISTRATION,
      paymentStart: "2026-11-09",
      paymentDeadline: "2026-11-12",
      payeeName: "演示科技股份有限公司",
      payeeBank: "招商银行上海张江支行",
      payeeAccount: "1219 0866 1010 888",
    },
  });
  expect(draft.status(), await draft.text()).toBe(201);
  const batch = await draft.json();
  expect(batch).toMatchObject({ status: "draft", batchNo: 1, referenceTemplate: "VD{batchNo}-{employeeNo}" });
  for (const [categoryId, trancheIndex] of [
    [a.categoryId, 3],
    [b.categoryId, 2],
  ] as const) {
    const run = {
      batch: "first",
      categoryId,
      trancheIndex,
      vestingDate: REGISTRATION,
      companyRatio: "1",
      fiscalYear: 2025,
    };
    const missing = await (
      await api.post(`/api/v1/plans/${plan.id}/vesting-runs`, { data: { ...run, grades: [] } })
    ).json();
    const employeeNos = missing.error.details.employeeNos as string[];
    const grades = employeeNos.map((employeeNo) => ({ employeeNo, grade: "A" }));
    const recorded = await api.post(`/api/v1/plans/${plan.id}/vesting-runs`, {
      data: { ...run, grades, confirm: true },
    });
    expect(recorded.status(), await recorded.text()).toBe(201);
  }

  // Step 1 (HR, page): conditions confirmed, the list fixed at 100 % of the planned shares.
  await page.goto(`/hr/vesting-batches/${batch.id}`);
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "draft");
  accept(page);
  await page.getByTestId("batch-step-confirm").click();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "conditions_confirmed");
  const rowOf = (employeeNo: string) => page.getByTestId(`line-row-${employeeNo}`);
  await expect(rowOf("E00100").getByTestId("line-shares")).toHaveText(a.shares.toLocaleString("en-US"));
  await expect(rowOf("E00100").getByTestId("line-amount-due")).toHaveAttribute(
    "data-value",
    yuan(dueFen(a.shares)).replaceAll(",", ""),
  );
  await expect(rowOf("E00221").getByTestId("line-amount-due")).toHaveAttribute(
    "data-value",
    yuan(dueFen(b.shares)).replaceAll(",", ""),
  );

  // HR imports recent closes from CSV (preview, then apply): the grantee's estimate starts from the latest.
  await page.goto("/hr/closing-prices");
  await page.getByTestId("import-csv").fill("日期,收盘价\n2026-11-19,50.00\n2026/11/20,51.00");
  await page.getByTestId("import-preview").click();
  await page.getByTestId("import-apply").click();
  await expect(page.getByTestId("import-applied")).toBeVisible();
  await expect(page.getByTestId("latest-price")).toContainText("51");
  await page.goto(`/hr/vesting-batches/${batch.id}`);

  // Step 2: the payment opens; the grantee sees what to pay, where and by when.
  accept(page);
  await page.getByTestId("batch-step-open").click();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "payment_open");
  await one.page.goto("/vesting");
  // The demo grantee also has the current plan's batch 1 (its payment open too): this one is the 2022 plan's.
  const mine = one.page.getByTestId("my-batch-1").filter({ hasText: "2022" });
  await expect(mine.getByTestId("my-amount-due")).toContainText(yuan(dueFen(a.shares)));
  await expect(mine.getByTestId("my-reference")).toHaveText("VD1-E00100");
  await expect(mine.getByTestId("my-payee-account")).toContainText("1219 0866 1010 888");
  await expect(mine.getByTestId("my-deadline")).toContainText("2026-11-12");
  // The estimate starts at the latest close HR entered, (51.00 − 39.58) × shares taxed under the table; then
  // at a price the grantee types, (50.00 − 39.58) × shares.
  await expect(mine.getByTestId("tax-basis")).toContainText("2026-11-20");
  await expect(mine.getByTestId("tax-estimate-total")).toContainText(yuan(taxFen(a.shares * 1142)));
  await mine.getByTestId("tax-price-input").fill("50.00");
  await expect(mine.getByTestId("tax-estimate-total")).toContainText(yuan(taxFen(a.shares * 1042)));
  await one.page.setViewportSize({ width: 390, height: 844 });
  await one.page.screenshot({ path: `${SHOTS}/vesting-payment-390-zh.png`, fullPage: true });

  // Step 3: payments — the demo grantee's in full by hand, employee2's 10,000.00 from the bank statement.
  await page.getByTestId("payment-employee").selectOption("E00100");
  await page.getByTestId("payment-amount").fill((dueFen(a.shares) / 100).toFixed(2));
  await page.getByTestId("payment-date").fill("2026-11-10");
  await page.getByTestId("payment-transaction").fill("CMB-0001");
  await page.getByTestId("payment-submit").click();
  await expect(page.getByTestId("payment-recorded")).toBeVisible();
  const statement = (rows: string[]) => ({
    name: "招行流水.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(["交易日期,贷方金额,附言,流水号", ...rows].join("\r\n")),
  });
  // A first file with a duplicate, an unknown reference and an over-payment: nothing can be applied.
  await page
    .getByTestId("statement-file")
    .setInputFiles(
      statement([
        "2026-11-11,10000.00,网银转账 VD1-E00221,B-001",
        "2026-11-11,10000.00,网银转账 VD1-E00221,B-001",
        "2026-11-11,500.00,VD1-E09999,B-002",
        `2026-11-11,${(dueFen(a.shares) / 100 + 1).toFixed(2)},VD1-E00100,B-003`,
      ]),
    );
  await expect(page.getByTestId("statement-preview")).toBeVisible();
  const codes = await page
    .getByTestId("statement-problems")
    .locator("[data-code]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-code")));
  expect(codes).toEqual(["PAYMENT_DUPLICATE_ROW", "PAYMENT_UNKNOWN_REFERENCE", "PAYMENT_OVERPAID"]);
  await expect(page.getByTestId("statement-apply")).toBeDisabled();
  await page.getByTestId("statement-file").setInputFiles(statement(["2026-11-11,10000.00,网银转账 VD1-E00221,B-001"]));
  await expect(page.getByTestId("statement-row-2")).toHaveAttribute("data-matched", "true");
  accept(page);
  await page.getByTestId("statement-apply").click();
  await expect(page.getByTestId("statement-applied")).toBeVisible();
  await two.page.goto("/vesting");
  const theirs = two.page.getByTestId("my-batch-1").filter({ hasText: "2022" });
  await expect(theirs.getByTestId("my-paid")).toContainText("10,000.00");
  await expect(theirs.getByTestId("my-outstanding")).toContainText(yuan(dueFen(b.shares) - 1_000_000));

  // Step 4: the payment closes (the deadline has passed): employee2 gets 252 shares (9,974.16), 25.84 back.
  await page.reload();
  accept(page);
  await page.getByTestId("batch-step-close").click();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "payment_closed");
  await expect(rowOf("E00100").getByTestId("line-paid-shares")).toHaveText(a.shares.toLocaleString("en-US"));
  await expect(rowOf("E00221").getByTestId("line-paid-shares")).toHaveText("252");
  await expect(rowOf("E00221").getByTestId("line-waived-shares")).toHaveText((b.shares - 252).toLocaleString("en-US"));
  await expect(rowOf("E00221").getByTestId("line-refund")).toHaveAttribute("data-value", "25.84");
  await expect(rowOf("E00101").getByTestId("line-paid-shares")).toHaveText("0");
  await two.page.reload();
  await expect(theirs.getByTestId("my-paid-shares")).toContainText("252");
  await expect(theirs.getByTestId("my-waived-shares")).toContainText((b.shares - 252).toLocaleString("en-US"));
  await expect(theirs.getByTestId("my-refund")).toContainText("25.84");

  // Step 5: registration needs the registration day's close; HR enters it, then registers with the listing date.
  accept(page);
  await page.getByTestId("listing-date").fill("2026-11-17");
  await page.getByTestId("batch-step-register").click();
  await expect(page.getByTestId("refusal-code")).toContainText("CLOSING_PRICE_MISSING");
  await page.goto("/hr/closing-prices");
  await page.getByTestId("price-date").fill(REGISTRATION);
  await page.getByTestId("price-close").fill(CLOSE);
  await page.getByTestId("price-save").click();
  await expect(page.getByTestId("price-saved")).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/hr-closing-prices-390-zh.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/hr/vesting-batches/${batch.id}`);
  await page.getByTestId("listing-date").fill("2026-11-17");
  accept(page);
  await page.getByTestId("batch-step-register").click();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "registered");
  const incomeA = a.shares * 1272; // (52.30 − 39.58) × shares, in fen
  await expect(rowOf("E00100").getByTestId("line-taxable-income")).toHaveAttribute(
    "data-value",
    (incomeA / 100).toFixed(2),
  );
  await expect(rowOf("E00100").getByTestId("line-tax")).toHaveAttribute(
    "data-value",
    (taxFen(incomeA) / 100).toFixed(2),
  );
  await expect(rowOf("E00221").getByTestId("line-tax")).toHaveAttribute(
    "data-value",
    (taxFen(252 * 1272) / 100).toFixed(2),
  );
  await one.page.goto("/vesting");
  await expect(mine.getByTestId("tax-final-total")).toContainText(yuan(taxFen(incomeA)));

  // The registers tie out: the capital verification and the registrar list hold the paid shares only.
  const paidShares = a.shares + 252;
  const paidFen = dueFen(a.shares) + dueFen(252);
  const csv = await (
    await api.get(`/api/v1/vesting-batches/${batch.id}/documents/capital-verification?format=csv&locale=en`)
  ).text();
  const totals = csv.trim().split(/\r?\n/).at(-1)!;
  expect(totals).toContain(String(paidShares));
  expect(totals).toContain((paidFen / 100).toFixed(2));
  // HR puts the employee no. first in the plan's registrar column order (the page's form); the list follows it.
  await page.goto(`/hr/vesting-batches/plan/${plan.id}`);
  for (let i = 0; i < 4; i++) await page.getByTestId("registrar-up-employeeNo").click();
  await expect(page.getByTestId("registrar-column-employeeNo")).toHaveAttribute("data-position", "1");
  await page.getByTestId("registrar-save").click();
  await expect(page.getByTestId("registrar-saved")).toBeVisible();
  await page.goto(`/hr/vesting-batches/${batch.id}`);
  const registrar = await (
    await api.get(`/api/v1/vesting-batches/${batch.id}/documents/registrar-list?format=csv&locale=en`)
  ).text();
  expect(registrar.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toMatch(/^Employee no\.,Name,/);
  const registrarRows = registrar.trim().split(/\r?\n/);
  expect(registrarRows.some((r) => r.includes("E00101"))).toBe(false);
  expect(registrarRows.at(-1)).toContain(String(paidShares));
  const withholding = await (
    await api.get(`/api/v1/vesting-batches/${batch.id}/documents/withholding?format=csv&locale=en`)
  ).text();
  expect(withholding).toContain((taxFen(incomeA) / 100).toFixed(2));

  // Step 6: announced; the announcements' figures are the registers' figures.
  accept(page);
  await page.getByTestId("batch-step-announce").click();
  await expect(page.getByTestId("batch-status")).toHaveAttribute("data-status", "announced");
  const result = await (
    await api.get(`/api/v1/vesting-batches/${batch.id}/documents/announcement-result?format=md`)
  ).text();
  expect(result).toContain(paidShares.toLocaleString("en-US"));
  expect(result).toContain("2026年11月17日");
  const lapse = await (
    await api.get(`/api/v1/vesting-batches/${batch.id}/documents/announcement-lapse?format=md`)
  ).text();
  const batchNow = await (await api.get(`/api/v1/vesting-batches/${batch.id}`)).json();
  expect(batchNow.totals.waivedShares).toBe(batchNow.totals.shares - paidShares);
  expect(lapse).toContain(batchNow.totals.waivedShares.toLocaleString("en-US"));
  const docx = await api.get(`/api/v1/vesting-batches/${batch.id}/documents/announcement-result?format=docx`);
  expect(docx.headers()["content-type"]).toContain("officedocument.wordprocessingml");

  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/hr-vesting-batch-1280-zh.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/hr-vesting-batch-390-zh.png`, fullPage: true });
  await one.page.screenshot({ path: `${SHOTS}/vesting-tax-390-zh.png`, fullPage: true });
  await setLanguage(one.page, "en");
  await one.page.goto("/vesting");
  await one.page.setViewportSize({ width: 1280, height: 900 });
  await one.page.screenshot({ path: `${SHOTS}/vesting-tax-1280-en.png`, fullPage: true });
  await setLanguage(one.page, "zh-CN");
  await one.ctx.close();
  await two.ctx.close();
});
