import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { ERROR_CODES } from "../../lib/platform/errors/errorCodes";
import { SHOTS, setLanguage, signIn } from "./support";

// Issue #21's walk: a new HR manager on the pinned today (2026-11-21) starts a plan from a spreadsheet of
// 30 new hires, with no person records for them yet, and takes it to an approved first grant in two
// categories. Every order rule of the procedure refuses on the way, and each refusal is read in Chinese.
// The procedure's dates: board 2026-08-10, publicity 08-12..08-21, opinion 08-24, disclosed 08-25,
// general meeting 09-01, first grant 09-10 (within 60 days of the meeting).
const RUN = String(Date.now()).slice(-5);
const NO = (i: number) => `N${RUN}${String(i).padStart(2, "0")}`;
const FILES = path.join("test-results", "new-hr-manager");

/** An 18-digit resident ID with its GB 11643 check digit, fictional area code and birth date. */
function residentId(i: number): string {
  const first17 = `110105${1990 + (i % 10)}0${1 + (i % 9)}1${i % 10}${String(100 + i).padStart(3, "0")}`;
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  return first17 + "10X98765432"[w.reduce((s, x, k) => s + x * Number(first17[k]), 0) % 11];
}

const HIRES = Array.from({ length: 30 }, (_, k) => {
  const i = k + 1;
  return {
    employeeNo: NO(i),
    name: `新员工${String(i).padStart(2, "0")}`,
    pinyin: `Xin Yuangong ${i}`,
    position: i <= 6 ? "核心技术人员" : "研发工程师",
    department: i <= 6 ? "研究院" : "研发中心",
    email: `${NO(i).toLowerCase()}@example.com`,
    idNumber: residentId(i),
    core: i <= 6,
    // Core technicians are category 1, everyone else category 2.
    category: i <= 6 ? 1 : 2,
    quantity: i <= 6 ? 20_000 : 5_000,
  };
});

async function xlsx(name: string, header: string[], rows: (string | number)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet("Sheet1");
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  fs.mkdirSync(FILES, { recursive: true });
  const file = path.join(FILES, `${name}.xlsx`);
  await wb.xlsx.writeFile(file);
  return file;
}

/** The Chinese text of a code up to its first placeholder: what the reader must see. */
const zhOf = (code: keyof typeof ERROR_CODES) => ERROR_CODES[code].zh.split("{")[0]!;

async function expectRefusal(scope: Page | Locator, code: keyof typeof ERROR_CODES, ...fragments: string[]) {
  const box = scope.getByTestId("refusal").first();
  await expect(box).toBeVisible();
  await expect(box).toHaveAttribute("data-code", code);
  await expect(box).toContainText(zhOf(code));
  for (const f of fragments) await expect(box).toContainText(f);
}

test("a new HR manager goes from a spreadsheet of new hires to an approved first grant in two categories, every refusal in Chinese", async ({
  page,
}) => {
  test.setTimeout(240_000);
  // Status changes and corrections ask "are you sure?" in a dialog: HR says yes.
  page.on("dialog", (d) => void d.accept());
  await signIn(page, "hr@demo.local");
  await setLanguage(page, "zh-CN");
  const api = page.request;

  // 1. People: a file with a wrong check digit is refused row by row; the corrected file adds all 30.
  const header = [
    "*工号 Employee no.",
    "*姓名 Name",
    "拼音 Pinyin",
    "*职务 Position",
    "部门 Department",
    "邮箱 E-mail",
    "证件号码 ID number",
    "核心技术人员 Core technician",
  ];
  const row = (h: (typeof HIRES)[number], id = h.idNumber) => [
    h.employeeNo,
    h.name,
    h.pinyin,
    h.position,
    h.department,
    h.email,
    id,
    h.core ? "是" : "否",
  ];
  const badId = HIRES[4]!.idNumber.slice(0, 17) + (HIRES[4]!.idNumber.endsWith("0") ? "1" : "0");
  await page.goto("/hr/people/import");
  await page.getByTestId("person-file").setInputFiles(
    await xlsx(
      "people-bad",
      header,
      HIRES.map((h, i) => (i === 4 ? row(h, badId) : row(h))),
    ),
  );
  await page.getByTestId("person-check").click();
  const badRow = page.getByTestId("person-preview-row").filter({ hasText: HIRES[4]!.employeeNo });
  await expect(badRow).toContainText("校验位有误");
  await expect(page.getByTestId("person-apply")).toBeDisabled();
  await page.getByTestId("person-file").setInputFiles(
    await xlsx(
      "people",
      header,
      HIRES.map((h) => row(h)),
    ),
  );
  await page.getByTestId("person-check").click();
  await expect(page.getByTestId("person-preview-summary")).toContainText("新增30");
  await page.getByTestId("person-apply").click();
  await expect(page.getByTestId("person-import-done")).toContainText("新增30人");
  await page.goto(`/hr/people?q=${NO(1)}`);
  await expect(page.getByTestId("people-row").first()).toContainText("核心技术人员");

  // 2. The plan, with two categories; a tranche beyond the validity is refused by the form first.
  await page.goto("/hr/plans/new");
  await page.getByTestId("plan-name").fill(`2026年限制性股票激励计划（新人 ${RUN}）`);
  await page.getByTestId("plan-name-en").fill(`2026 New Hires Plan ${RUN}`);
  await page.getByTestId("plan-board-date").fill("2026-08-10");
  await page.getByTestId("plan-meeting-date").fill("2026-09-01");
  await page.getByTestId("plan-validity").fill("48");
  await page.getByTestId("plan-total").fill("300000");
  await page.getByTestId("plan-first").fill("270000");
  await page.getByTestId("plan-reserved").fill("30000");
  await page.getByTestId("plan-capital").fill("400000000");
  const blocks = page.getByTestId("category-block");
  if ((await blocks.count()) === 0) await page.getByTestId("category-add").click();
  await blocks.nth(0).getByTestId("category-name").fill("核心技术人员");
  await blocks.nth(0).getByTestId("category-name-en").fill("Core technical staff");
  await page.getByTestId("category-add").click();
  await blocks.nth(1).getByTestId("category-name").fill("其他激励对象");
  await blocks.nth(1).getByTestId("category-name-en").fill("Other grantees");
  // Category 2 vests in two halves; its last window first runs to month 60, past the 48-month validity.
  const tranches = blocks.nth(1).getByTestId("tranche-row");
  while ((await tranches.count()) > 2) await tranches.last().getByTestId("tranche-remove").click();
  const cell = (t: number, k: number) => tranches.nth(t).locator("input").nth(k);
  await cell(0, 2).fill("0.5");
  await cell(1, 0).fill("36");
  await cell(1, 1).fill("60");
  await cell(1, 2).fill("0.5");
  await page.getByTestId("plan-submit").click();
  await expect(page.getByTestId("form-problems")).toContainText("48");
  await cell(1, 0).fill("24");
  await cell(1, 1).fill("36");
  await page.getByTestId("plan-submit").click();
  await expect(page).toHaveURL(/\/hr\/plans\/[0-9a-f-]{36}$/);
  const planId = page.url().split("/").pop()!;
  const plan = await (await api.get(`/api/v1/plans/${planId}`)).json();
  expect(plan.categories.map((c: { name: string }) => c.name)).toEqual(["核心技术人员", "其他激励对象"]);
  expect(plan.categories[1].tranches.map((t: { ratio: string }) => t.ratio)).toEqual(["0.5", "0.5"]);
  const catId = (code: number) => plan.categories[code - 1].id as string;

  // 3. Publicity before the board's approval is refused; the board approves on the plan page.
  const early = await api.post(`/api/v1/plans/${planId}/publicity-periods`, {
    data: { startDate: "2026-08-12", endDate: "2026-08-21" },
  });
  expect((await early.json()).error.code).toBe("PLAN_NOT_BOARD_APPROVED");
  await page.getByTestId("advance-board_approved").click();
  await expect(page.getByTestId("plan-status")).toContainText("董事会");

  // 4. The participant list: without 授予数量 the column is named; without 职务 a warning must be accepted;
  //    two people not on record yet are added from the list when HR ticks it.
  const listHeader = ["工号", "姓名", "类别", "授予数量"];
  const listRows = HIRES.map((h) => [h.employeeNo, h.name, h.category, h.quantity]);
  await page.goto(`/hr/plans/${planId}/participants`);
  await page.getByTestId("upload-file").setInputFiles(
    await xlsx(
      "list-no-quantity",
      listHeader.slice(0, 3),
      listRows.map((r) => r.slice(0, 3)),
    ),
  );
  await page.getByTestId("upload-check").click();
  await expectRefusal(page, "MISSING_COLUMNS", "授予数量");
  await page.getByTestId("upload-file").setInputFiles(await xlsx("list-no-position", listHeader, listRows));
  await page.getByTestId("upload-check").click();
  await expect(page.getByTestId("upload-warning").first()).toContainText("职务");
  await expect(page.getByTestId("upload-apply")).toBeDisabled();
  await page.getByTestId("accept-warning").first().check();
  await page.getByTestId("upload-apply").click();
  await expect(page.getByTestId("upload-done")).toBeVisible();
  // The list HR publicises names each position; two late hires are not on record yet.
  const extra = [
    { employeeNo: NO(31), name: "补录员工甲", position: "测试工程师", category: 2, quantity: 5_000 },
    { employeeNo: NO(32), name: "补录员工乙", position: "测试工程师", category: 2, quantity: 5_000 },
  ];
  const fullRows = [...HIRES, ...extra].map((h) => [h.employeeNo, h.name, h.position, h.category, h.quantity]);
  await page
    .getByTestId("upload-file")
    .setInputFiles(await xlsx("list", ["工号", "姓名", "职务", "类别", "授予数量"], fullRows));
  await page.getByTestId("upload-check").click();
  await expect(page.getByTestId("upload-preview")).toContainText("没有该工号对应的人员");
  await expect(page.getByTestId("upload-apply")).toBeDisabled();
  await page.getByTestId("upload-create-people").check();
  await page.getByTestId("upload-check").click();
  await expect(page.getByTestId("upload-new-people")).toContainText("2个工号");
  await page.getByTestId("upload-apply").click();
  await expect(page.getByTestId("upload-done")).toContainText("已新增2名人员");

  // 5. Publicity of ten days, then the verification: an opinion dated ahead of today and one before the
  //    publicity ended are refused; a meeting date other than the plan's is refused until changed explicitly.
  await page.goto(`/hr/publicity/new?planId=${planId}`);
  await page.getByTestId("publicity-start").fill("2026-08-12");
  await page.getByTestId("publicity-end").fill("2026-08-21");
  await page.getByTestId("publicity-submit").click();
  await expect(page).toHaveURL(/\/hr\/publicity\/[0-9a-f-]{36}$/);
  const periodUrl = page.url();
  await page.goto(`/hr/publicity/verification/${planId}`);
  const verify = async (opinionDate: string, disclosureDate: string, meeting = "2026-09-01") => {
    await page.getByTestId("verification-opinion-date").fill(opinionDate);
    await page.getByTestId("verification-disclosure-date").fill(disclosureDate);
    await page.getByTestId("verification-meeting-date").fill(meeting);
    await page
      .getByTestId("verification-opinion")
      .fill("经核查，列入激励对象名单的人员均符合相关法律法规规定的条件，其作为激励对象的主体资格合法、有效。");
    await page.getByTestId("verification-submit").click();
  };
  await verify("2026-11-30", "2026-11-30");
  await expectRefusal(page, "VERIFICATION_IN_FUTURE", "2026-11-30");
  await verify("2026-08-20", "2026-08-20");
  await expectRefusal(page, "PUBLICITY_NOT_ENDED");
  await verify("2026-08-24", "2026-08-25", "2026-09-02");
  await expectRefusal(page, "GENERAL_MEETING_DATE_MISMATCH", "2026-09-01");
  await verify("2026-08-24", "2026-08-25");
  await expect(page.getByTestId("verification-saved")).toBeVisible();

  // 6. The first grant, in the procedure's order, on the grant page.
  await page.goto(`/hr/grants/${planId}`);
  const grant = async (grantDate: string, boardResolutionDate?: string) => {
    await page.getByTestId("grant-batch-first").check();
    await page.getByTestId("grant-date").fill(grantDate);
    await page.getByTestId("grant-price").fill("12.50");
    await page.locator('input[name="boardResolutionDate"]').fill(boardResolutionDate ?? "");
    await page.getByTestId("grant-submit").click();
  };
  await grant("2026-09-10");
  await expectRefusal(page, "PLAN_STATUS");
  await page.goto(`/hr/plans/${planId}`);
  await page.getByTestId("advance-approved_by_general_meeting").click();
  await expect(page.getByTestId("plan-status")).toContainText("股东");
  await page.goto(`/hr/grants/${planId}`);
  await grant("2026-09-10");
  await expectRefusal(page, "PUBLICITY_NOT_CLOSED", "2026-08-21");
  await page.goto(periodUrl);
  await page.getByTestId("publicity-summary").fill("公示期内未收到异议。");
  await page.getByTestId("publicity-close").click();
  await expect(page.getByTestId("publicity-closed")).toBeVisible();
  await page.goto(`/hr/grants/${planId}`);
  await grant("2026-08-31");
  await expectRefusal(page, "GRANT_BEFORE_GENERAL_MEETING", "2026-09-01");
  await grant("2026-11-05");
  await expectRefusal(page, "FIRST_GRANT_TOO_LATE", "2026-10-31");
  await grant("2026-09-10", "2026-09-11");
  await expectRefusal(page, "GRANT_BEFORE_BOARD_RESOLUTION", "2026-09-11");
  await grant("2026-09-10", "2026-09-10");
  await expect(page.getByTestId("grant-done")).toBeVisible();
  const after = await (await api.get(`/api/v1/plans/${planId}`)).json();
  expect(after.status).toBe("granted");
  const granted = (await (await api.get(`/api/v1/plans/${planId}/grants`)).json()).items as {
    employeeNo: string;
    categoryId: string;
    quantity: number;
  }[];
  expect(granted).toHaveLength(32);
  expect(granted.filter((g) => g.categoryId === catId(1)).reduce((s, g) => s + g.quantity, 0)).toBe(120_000);
  expect(granted.filter((g) => g.categoryId === catId(2)).reduce((s, g) => s + g.quantity, 0)).toBe(130_000);
  // The meeting date is fixed once granted.
  const moved = await api.put(`/api/v1/plans/${planId}/general-meeting-date`, {
    data: { generalMeetingDate: "2026-09-02", reason: "录入错误" },
  });
  expect((await moved.json()).error.code).toBe("GENERAL_MEETING_DATE_LOCKED");

  // 7. A leave date before the person's first grant is refused on the leavers page.
  await page.goto(`/hr/leavers?q=${NO(7)}`);
  await page.getByTestId("leaver-hits").getByRole("link").first().click();
  await page.getByTestId("leave-date").fill("2026-09-01");
  await page.getByTestId("leave-reason").selectOption("resignation");
  await page.getByTestId("leave-confirm").check();
  await page.getByTestId("leave-submit").click();
  await expectRefusal(page, "LEAVE_BEFORE_GRANT", "2026-09-10");

  // 8. A corporate action dated on a Saturday names the next trading day.
  await page.goto("/hr/corporate-actions");
  await page.getByTestId("action-type").selectOption("dividend");
  await page.getByTestId("action-exdate").fill("2026-12-05");
  await page.getByTestId("action-v").fill("0.10");
  await page.getByTestId("action-preview").click();
  await expectRefusal(page, "EX_DATE_NOT_TRADING_DAY", "2026-12-07");

  // 9. One action invites the grantees: 30 logins created and their setup links mailed; the two added from
  //    the list have no work e-mail on record and are named as skipped.
  await page.goto("/hr/people/invite");
  const batch = page.getByTestId("invite-batch").filter({ hasText: "2026-09-10" }).filter({ hasText: RUN });
  await batch.getByTestId("invite-submit").click();
  await expect(batch.getByTestId("invite-done")).toContainText("已邀请30人，跳过2人");
  await expect(batch.getByTestId("invite-done")).toContainText(`${NO(31)} 补录员工甲: 未登记工作邮箱`);
  await page.screenshot({ path: `${SHOTS}/hr-walk-invite-zh-CN-1280.png`, fullPage: true });
});

test("screenshots of the people, invitation, leavers and plan pages at 390 px and 1280 px in Chinese and English", async ({
  browser,
}) => {
  test.setTimeout(180_000);
  for (const width of [390, 1280]) {
    for (const lang of ["zh-CN", "en"] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, "hr@demo.local");
      await setLanguage(page, lang);
      const people = (await (await page.request.get("/api/v1/persons?limit=1")).json()).items as { id: string }[];
      const pages: [string, string][] = [
        ["hr-people", "/hr/people"],
        ["hr-person", `/hr/people/${people[0]!.id}`],
        ["hr-people-import", "/hr/people/import"],
        ["hr-people-invite", "/hr/people/invite"],
        ["hr-leavers-list", "/hr/leavers"],
        ["hr-plan-new-categories", "/hr/plans/new"],
        ["hr-actions-entry", "/hr/corporate-actions"],
      ];
      for (const [name, url] of pages) {
        const res = await page.goto(url);
        expect(res?.status(), url).toBe(200);
        await page.screenshot({ path: `${SHOTS}/${name}-${lang}-${width}.png`, fullPage: true });
      }
      await context.close();
    }
  }
});
