import { expect, test } from "@playwright/test";
import { signIn, SHOTS } from "./support";

const ROLES = [
  { email: "admin@demo.local", role: /管理员|Administrator/, sees: "plan-card" },
  { email: "hr@demo.local", role: /人力资源|HR/, sees: "plan-card" },
  { email: "auditor@demo.local", role: /审计|Auditor/, sees: "plan-card" },
  { email: "employee@demo.local", role: /激励对象|Grantee/, sees: "grant-card" },
  { email: "employee2@demo.local", role: /激励对象|Grantee/, sees: "grant-card" },
];

test("an anonymous visitor is sent to the login page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.locator("h1")).toHaveText(/登录|Sign in/);
});

for (const r of ROLES) {
  test(`${r.email} signs in to the home page and out again`, async ({ page }) => {
    await signIn(page, r.email);
    await expect(page.getByText(r.role).first()).toBeVisible();
    await expect(page.getByTestId(r.sees).first()).toBeVisible();
    await page.getByTestId("sign-out").click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });
}

test("a wrong password is refused with a clear message that does not say which part was wrong", async ({ page }) => {
  await page.goto("/login");
  await page.locator('input[name="identifier"]').fill("hr@demo.local");
  await page.locator('input[name="password"]').fill("not-the-password");
  await page.locator('button[type="submit"]').click();
  const error = page.getByTestId("login-error");
  await expect(error).toBeVisible();
  await expect(error).toHaveText(/邮箱\/工号与密码不匹配|do not match/);
  await expect(page).toHaveURL(/\/login/);
});

test("the grantee sees the 2021 grant at 45.26 and the tranche moved by the major event", async ({ page }) => {
  await signIn(page, "employee@demo.local");
  const cards = page.getByTestId("grant-card");
  await expect(cards).toHaveCount(3);
  await expect(cards.nth(0).getByTestId("grant-price")).toContainText("45.26");
  await expect(cards.nth(0)).toContainText("45.86");
  const deferred = page.getByTestId("deferred-reason").first();
  await expect(deferred).toContainText("2026-11-16");
  // The plan dated from the seed day: its reserved tranche opens 2026-12-12, inside the event of 12-10..12-14.
  await cards.nth(2).getByTestId("grant-link").click();
  await expect(page.getByTestId("deferred-reason").first()).toContainText("2026-12-14");
});

test("the language switch changes the interface and is kept after signing in again", async ({ page }) => {
  await signIn(page, "employee2@demo.local");
  await expect(page.getByTestId("home-heading")).toContainText("您好");
  await page.getByTestId("language-switch").click();
  await expect(page.getByTestId("home-heading")).toContainText("Hello");
  await page.getByTestId("sign-out").click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, "employee2@demo.local");
  await expect(page.getByTestId("home-heading")).toContainText("Hello");
  await page.getByTestId("language-switch").click();
  await expect(page.getByTestId("home-heading")).toContainText("您好");
});

test("screenshots of the login and home pages at phone and desktop width, in Chinese and English", async ({
  browser,
}) => {
  for (const width of [390, 1280]) {
    for (const lang of ["zh-CN", "en"] as const) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      await context.addCookies([
        { name: "vd_locale", value: lang, url: "http://localhost:" + (process.env.E2E_PORT || 3210) },
      ]);
      const page = await context.newPage();
      await page.goto("/login");
      await page.screenshot({ path: `${SHOTS}/login-${lang}-${width}.png`, fullPage: true });
      for (const who of ["employee", "hr"]) {
        await signIn(page, `${who}@demo.local`);
        if (lang === "en" && !(await page.getByTestId("home-heading").textContent())?.includes("Hello"))
          await page.getByTestId("language-switch").click();
        if (lang === "zh-CN" && !(await page.getByTestId("home-heading").textContent())?.includes("您好"))
          await page.getByTestId("language-switch").click();
        await expect(page.getByTestId("home-heading")).toContainText(lang === "en" ? "Hello" : "您好");
        await page.screenshot({ path: `${SHOTS}/home-${who}-${lang}-${width}.png`, fullPage: true });
        await page.getByTestId("sign-out").click();
        await expect(page).toHaveURL(/\/login/);
      }
      await context.close();
    }
  }
});
