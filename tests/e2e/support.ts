import { expect, type Page } from "@playwright/test";

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
