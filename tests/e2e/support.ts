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
