import { expect, type Browser, type Page } from "@playwright/test";
import { generate } from "otplib";

/** The demo password the e2e server was started with. */
export const DEMO_PASSWORD = "vesting-demo";

/** Signs in through the login form and waits for the home page. */
export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.locator('input[name="identifier"]').fill(identifier);
  await page.locator('input[name="password"]').fill(password);
  await page.locator('button[type="submit"]').click();
  await expect(page.getByTestId("home-heading")).toBeVisible({ timeout: 30_000 });
}

/** Where screenshots go for a person to look at. */
export const SHOTS = "test-results/screenshots";

/** Sets the signed-in user's saved language (it wins over the cookie) through the header's switch, on the home page. */
export async function setLanguage(page: Page, locale: "zh-CN" | "en") {
  await page.goto("/");
  const heading = page.getByTestId("home-heading");
  const greeting = locale === "en" ? "Hello" : "您好";
  if (!(await heading.textContent())?.includes(greeting)) await page.getByTestId("language-switch").click();
  await expect(heading).toContainText(greeting);
}

/**
 * A new staff user invited by the demo admin through the API, with a password set through the link:
 * for tests that give a user second factors without touching the demo logins other tests use.
 */
export async function inviteStaff(browser: Browser, role: "hr" | "admin" | "auditor" | "finance", password: string) {
  const admin = await browser.newContext();
  const adminPage = await admin.newPage();
  await signIn(adminPage, "admin@demo.local");
  const email = `${role}-${Date.now()}-${Math.floor(Math.random() * 1000)}@demo.local`;
  const res = await adminPage.request.post("/api/v1/users", {
    data: { email, displayName: `${role} 2FA`, roles: [role] },
  });
  expect(res.status(), await res.text()).toBe(201);
  const link = new URL((await res.json()).setupLink.url);
  await admin.close();
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await page.goto(link.pathname + link.search);
  await page.getByTestId("set-password-new").fill(password);
  await page.getByTestId("set-password-confirm").fill(password);
  await page.getByTestId("set-password-submit").click();
  await expect(page.getByTestId("set-password-done")).toBeVisible();
  await ctx.close();
  return email;
}

/** The TOTP code for `secret` at now + `stepsAhead` × 30 s (one step ahead is still inside the accepted drift). */
export function totpCode(secret: string, stepsAhead = 0): Promise<string> {
  return generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * stepsAhead });
}
