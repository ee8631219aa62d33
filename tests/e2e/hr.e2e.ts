import { expect, test, type Page } from "@playwright/test";
import { SHOTS, signIn } from "./support";

// A plan taken from draft to its first vesting run. Dates lie in the past of the pinned today
// (2026-11-21) so the first window (2025-11-05 .. 2026-11-04) is open and inside the published calendar.
const PLAN = {
  name: "2024年第二期限制性股票激励计划（e2e）",
  nameEn: "2024 Second Restricted Stock Plan (e2e)",
  boardApprovalDate: "2024-10-08",
  announcementDate: "2024-10-09",
  totalQuantity: 500_000,
  firstGrantQuantity: 400_000,
  reservedQuantity: 100_000,
  shareCapitalAtAnnouncement: 461_000_000,
  validityMonths: 60,
  blackoutRule: { preset: "2024-05-24 rules" },
  categories: [
    {
      code: 1,
      name: "核心技术人员",
      nameEn: "Core technical staff",
      tranches: [
        { index: 1, startMonths: 12, endMonths: 24, ratio: "0.5" },
        { index: 2, startMonths: 24, endMonths: 36, ratio: "0.5" },
      ],
    },
  ],
};
const PEOPLE = [
  ["E00030", 10_000],
  ["E00031", 20_000],
  ["E00032", 30_000],
] as const;

async function refusalCode(res: {
  status(): number;
  json(): Promise<{ error: { code: string; message: string; details?: unknown } }>;
}) {
  const body = await res.json();
  return { status: res.status(), code: body.error.code, message: body.error.message, details: body.error.details };
}

test("HR takes a new plan from draft to its first vesting run, and every rule refuses with its code", async ({
  page,
}) => {
  await signIn(page, "hr@demo.local");
  const api = page.request;

  const created = await api.post("/api/v1/plans", { data: PLAN });
  expect(created.status()).toBe(201);
  const plan = await created.json();
  expect(plan).toMatchObject({
    status: "draft",
    verifyingBody: "board_of_supervisors",
    blackoutRule: { annualDays: 15, quarterlyDays: 5 },
  });
  const categoryId = plan.categories[0].id;
  await page.goto(`/hr/plans/${plan.id}`);
  await page.getByTestId("plan-edit-link").click();
  await page.getByTestId("plan-validity").fill("66");
  await page.getByTestId("plan-submit").click();
  await expect(page).toHaveURL(new RegExp(`/hr/plans/${plan.id}$`));
  expect((await (await api.get(`/api/v1/plans/${plan.id}`)).json()).validityMonths).toBe(66);
  const edited = await api.patch(`/api/v1/plans/${plan.id}`, { data: { ...PLAN, validityMonths: 72 } });
  expect(edited.status()).toBe(200);
  expect((await edited.json()).validityMonths).toBe(72);
  expect(
    await refusalCode(await api.patch(`/api/v1/plans/${plan.id}`, { data: { ...PLAN, validityMonths: 121 } })),
  ).toMatchObject({ status: 422, code: "VALIDITY_TOO_LONG" });
  expect(
    await refusalCode(await api.post(`/api/v1/plans/${plan.id}/status`, { data: { to: "granted" } })),
  ).toMatchObject({ status: 409, code: "INVALID_TRANSITION" });
  const approved = await api.post(`/api/v1/plans/${plan.id}/status`, { data: { to: "board_approved" } });
  expect((await approved.json()).status).toBe("board_approved");
  expect(await refusalCode(await api.patch(`/api/v1/plans/${plan.id}`, { data: PLAN }))).toMatchObject({
    status: 409,
    code: "PLAN_NOT_DRAFT",
  });
  await page.goto("/hr/plans");
  await expect(page.getByTestId("plans-table")).toContainText(PLAN.name);

  // Participant list: a cap breach in the file is refused with the row's error; a clean list is a version.
  expect((await (await api.get(`/api/v1/plans/${plan.id}/participants`)).json()).versions).toEqual([]);
  const plans = (await (await api.get("/api/v1/plans")).json()).items as { id: string; nameEn: string }[];
  const p2021 = plans.find((p) => p.nameEn.startsWith("2021"))!;
  const held = (await (await api.get(`/api/v1/plans/${p2021.id}/grants`)).json()).items as {
    employeeNo: string;
    personName: string;
  }[];
  const nameOf = new Map(held.map((g) => [g.employeeNo, g.personName]));
  const withNames = (extra: number) =>
    PEOPLE.map(([employeeNo, quantity], i) => ({
      employeeNo,
      name: nameOf.get(employeeNo)!,
      nationality: "CN",
      position: "核心技术人员",
      categoryId,
      quantity: i === 2 ? quantity + extra : quantity,
    }));
  const dry = await api.post(`/api/v1/plans/${plan.id}/participants`, { data: { rows: withNames(0), dryRun: true } });
  expect(dry.status()).toBe(200);
  expect((await dry.json()).rows.every((r: { errors: unknown[] }) => r.errors.length === 0)).toBe(true);
  const capBreach = await api.post(`/api/v1/plans/${plan.id}/participants`, { data: { rows: withNames(4_700_000) } });
  const refused = await refusalCode(capBreach);
  expect(refused).toMatchObject({ status: 422, code: "INVALID_PARTICIPANT_LIST" });
  expect(JSON.stringify(refused.details)).toContain("CAP_PERSON_EXCEEDED");
  const applied = await api.post(`/api/v1/plans/${plan.id}/participants`, { data: { rows: withNames(0) } });
  expect(applied.status()).toBe(201);
  expect(await applied.json()).toMatchObject({ version: 1, people: 3, total: 60_000 });

  // Publicity: 9 days refused through the page, 10 days accepted.
  await page.goto(`/hr/publicity/new?planId=${plan.id}`);
  await page.getByTestId("publicity-start").fill("2024-10-10");
  await page.getByTestId("publicity-end").fill("2024-10-18");
  await page.getByTestId("publicity-submit").click();
  await expect(page.getByTestId("refusal")).toContainText("PUBLICITY_TOO_SHORT");
  const tooShort = await api.post(`/api/v1/plans/${plan.id}/publicity-periods`, {
    data: { startDate: "2024-10-10", endDate: "2024-10-18" },
  });
  expect(await refusalCode(tooShort)).toMatchObject({ status: 422, code: "PUBLICITY_TOO_SHORT" });
  const period = await api.post(`/api/v1/plans/${plan.id}/publicity-periods`, {
    data: { startDate: "2024-10-10", endDate: "2024-10-19" },
  });
  expect(period.status()).toBe(201);

  // Verification: disclosed 4 days before the meeting is too late; 5 days is accepted.
  const verification = {
    body: "board_of_supervisors",
    members: "监事会",
    opinionDate: "2024-10-30",
    generalMeetingDate: "2024-11-05",
    opinion: "激励对象主体资格合法、有效。",
  };
  const late = await api.post(`/api/v1/plans/${plan.id}/verifications`, {
    data: { ...verification, disclosureDate: "2024-11-01" },
  });
  expect(await refusalCode(late)).toMatchObject({ status: 422, code: "VERIFICATION_TOO_LATE" });
  const verified = await api.post(`/api/v1/plans/${plan.id}/verifications`, {
    data: { ...verification, disclosureDate: "2024-10-31" },
  });
  expect(verified.status()).toBe(201);

  // First grant from the verified list, only in the procedure's order: refused while the publicity is not
  // closed and the meeting's approval not recorded, then accepted; a late reserved grant is refused.
  const firstGrant = {
    batch: "first",
    grantDate: "2024-11-05",
    grantPrice: "20.00",
    items: PEOPLE.map(([employeeNo, quantity]) => ({ employeeNo, categoryId, quantity })),
  };
  const notApproved = await api.post(`/api/v1/plans/${plan.id}/grants`, { data: firstGrant });
  expect(await refusalCode(notApproved)).toMatchObject({ status: 409, code: "PLAN_STATUS" });
  const approvedByMeeting = await api.post(`/api/v1/plans/${plan.id}/status`, {
    data: { to: "approved_by_general_meeting" },
  });
  expect((await approvedByMeeting.json()).status).toBe("approved_by_general_meeting");
  const stillOpen = await refusalCode(await api.post(`/api/v1/plans/${plan.id}/grants`, { data: firstGrant }));
  expect(stillOpen).toMatchObject({ status: 422, code: "PUBLICITY_NOT_CLOSED" });
  const closed = await api.post(`/api/v1/publicity-periods/${(await period.json()).id}/close`, {
    data: { summary: "公示期内未收到异议。" },
  });
  expect(closed.status()).toBe(200);
  const beforeMeeting = await refusalCode(
    await api.post(`/api/v1/plans/${plan.id}/grants`, { data: { ...firstGrant, grantDate: "2024-11-04" } }),
  );
  expect(beforeMeeting).toMatchObject({ status: 422, code: "GRANT_BEFORE_GENERAL_MEETING" });
  expect(beforeMeeting.message).toContain("2024-11-05");
  const first = await api.post(`/api/v1/plans/${plan.id}/grants`, { data: firstGrant });
  expect(first.status()).toBe(201);
  const lateReserve = await api.post(`/api/v1/plans/${plan.id}/grants`, {
    data: {
      batch: "reserved",
      grantDate: "2025-11-06",
      grantPrice: "20.00",
      items: [{ employeeNo: "E00033", categoryId, quantity: 1_000 }],
    },
  });
  expect(await refusalCode(lateReserve)).toMatchObject({ status: 422, code: "RESERVE_DEADLINE_PASSED" });

  // Vesting run of tranche 1 (window 2025-11-05 .. 2026-11-04): a holiday and a blackout day are refused.
  const run = {
    batch: "first",
    categoryId,
    trancheIndex: 1,
    companyRatio: "1",
    fiscalYear: 2024,
    grades: [
      { employeeNo: "E00030", grade: "A" },
      { employeeNo: "E00031", grade: "C" },
      { employeeNo: "E00032", grade: "D" },
    ],
  };
  const holiday = await refusalCode(
    await api.post(`/api/v1/plans/${plan.id}/vesting-runs`, {
      data: { ...run, vestingDate: "2025-10-01", confirm: true },
    }),
  );
  expect(holiday).toMatchObject({ status: 422 });
  expect(JSON.stringify(holiday)).toContain("NOT_A_TRADING_DAY");
  const blackout = await refusalCode(
    await api.post(`/api/v1/plans/${plan.id}/vesting-runs`, { data: { ...run, vestingDate: "2026-04-13" } }),
  );
  expect(blackout).toMatchObject({ status: 422 });
  expect(JSON.stringify(blackout)).toContain("IN_BLACKOUT");
  const previewRun = await api.post(`/api/v1/plans/${plan.id}/vesting-runs`, {
    data: { ...run, vestingDate: "2025-11-10" },
  });
  expect(previewRun.status()).toBe(200);
  const confirmed = await api.post(`/api/v1/plans/${plan.id}/vesting-runs`, {
    data: { ...run, vestingDate: "2025-11-10", confirm: true },
  });
  expect(confirmed.status()).toBe(201);
  const grants = (await (await api.get(`/api/v1/plans/${plan.id}/grants`)).json()).items as {
    employeeNo: string;
    tranches: { index: number; status: string; vestedQuantity: number; lapsedQuantity: number }[];
  }[];
  const t1 = Object.fromEntries(grants.map((g) => [g.employeeNo, g.tranches[0]!]));
  expect(t1.E00030).toMatchObject({ status: "vested", vestedQuantity: 5_000, lapsedQuantity: 0 });
  expect(t1.E00031).toMatchObject({ status: "vested", vestedQuantity: 8_000, lapsedQuantity: 2_000 });
  expect(t1.E00032).toMatchObject({ status: "lapsed", vestedQuantity: 0, lapsedQuantity: 15_000 });

  await page.goto(`/hr/vesting/${plan.id}`);
  await expect(page.getByTestId("runs")).toContainText("2025-11-10");
  await page.goto(`/hr/grants/${plan.id}`);
  await expect(page.getByTestId("batches")).toContainText("2024-11-05");
});

test("the disclosure calendar shows the postponed report and a corporate action is previewed from the page", async ({
  page,
}) => {
  await signIn(page, "hr@demo.local");
  await page.goto("/hr/disclosures");
  await expect(page.getByTestId("events-table")).toBeVisible();
  await page.getByTestId("year-2024").click();
  await expect(page.getByTestId("postponed").first()).toBeVisible();
  await page.goto("/hr/corporate-actions");
  await page.getByTestId("action-type").selectOption("dividend");
  await page.getByTestId("action-exdate").fill("2026-12-01");
  await page.getByTestId("action-v").fill("0.50");
  await page.getByTestId("action-preview").click();
  await expect(page.getByTestId("preview-table")).toContainText("39.08");
  await page.getByTestId("action-v").fill("40.00");
  await page.getByTestId("action-preview").click();
  await expect(page.getByTestId("refusal-code")).toContainText("PRICE_BELOW_PAR");
});

test("the objection inbox names the filer for HR and is closed to employees", async ({ browser }) => {
  const hrPage = await (await browser.newContext()).newPage();
  await signIn(hrPage, "hr@demo.local");
  const open = (await (await hrPage.request.get("/api/v1/publicity-periods")).json()).items as { id: string }[];
  const inbox = await hrPage.request.get(`/api/v1/publicity-periods/${open[0]!.id}/objections`);
  expect(inbox.status()).toBe(200);
  const employee = await (await browser.newContext()).newPage();
  await signIn(employee, "employee@demo.local");
  expect((await employee.request.get(`/api/v1/publicity-periods/${open[0]!.id}/objections`)).status()).toBe(403);
});

test("employees cannot reach HR pages or write APIs", async ({ page }) => {
  await signIn(page, "employee@demo.local");
  const res = await page.goto("/hr/plans");
  expect(res?.status()).toBe(404);
  expect((await page.request.post("/api/v1/plans", { data: PLAN })).status()).toBe(403);
  expect(
    (
      await page.request.post("/api/v1/disclosures", {
        data: { kind: "major_event", title: "x", startDate: "2026-12-01", endDate: "2026-12-02" },
      })
    ).status(),
  ).toBe(403);
});

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test("screenshots of the HR pages at 390 px and 1280 px in Chinese and English", async ({ browser }) => {
  // 48 full-page screenshots: about 50 s on an idle 2-core machine, so the default 60 s is too tight.
  test.setTimeout(180_000);
  for (const width of [390, 1280]) {
    for (const lang of ["zh-CN", "en"] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await signIn(page, "hr@demo.local");
      const heading = page.getByTestId("home-heading");
      if (!(await heading.textContent())?.includes(lang === "en" ? "Hello" : "您好"))
        await page.getByTestId("language-switch").click();
      await expect(heading).toContainText(lang === "en" ? "Hello" : "您好");
      const plans = (await (await page.request.get("/api/v1/plans")).json()).items as { id: string; nameEn: string }[];
      const p2022 = plans.find((p) => p.nameEn.startsWith("2022"))!;
      const p2026 = plans.find((p) => p.nameEn.startsWith("2026"))!;
      const periods = (await (await page.request.get(`/api/v1/plans/${p2026.id}/publicity-periods`)).json()).items as {
        id: string;
      }[];
      const pages: [string, string][] = [
        ["hr-plans", "/hr/plans"],
        ["hr-plan-new", "/hr/plans/new"],
        ["hr-plan", `/hr/plans/${p2022.id}`],
        ["hr-participants", `/hr/plans/${p2026.id}/participants`],
        ["hr-publicity", "/hr/publicity"],
        ["hr-publicity-period", `/hr/publicity/${periods[0]!.id}`],
        ["hr-verification", `/hr/publicity/verification/${p2026.id}`],
        ["hr-grants", `/hr/grants/${p2022.id}`],
        ["hr-vesting", `/hr/vesting/${p2022.id}`],
        ["hr-leavers", "/hr/leavers"],
        ["hr-disclosures", "/hr/disclosures"],
        ["hr-actions", "/hr/corporate-actions"],
      ];
      for (const [name, path] of pages) {
        const res = await page.goto(path);
        expect(res?.status(), path).toBe(200);
        await shoot(page, `${name}-${lang}-${width}`);
      }
      await context.close();
    }
  }
});
