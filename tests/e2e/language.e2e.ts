/** The first visit follows the browser's language; a choice made on the browser, then the account's, win over it. */
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("an English browser lands on English pages; a Chinese one on Chinese", async ({ browser }) => {
  const english = await (await browser.newContext({ locale: "en-US" })).newPage();
  await english.goto("/");
  await expect(english).toHaveURL(/\/login$/);
  await expect(english.locator("h1")).toHaveText("Sign in");
  await expect(english.locator("html")).toHaveAttribute("lang", "en");
  const publicity = await english.goto("/publicity");
  expect(publicity?.status()).toBeLessThan(500);

  const german = await (await browser.newContext({ locale: "de-DE" })).newPage();
  await german.goto("/login");
  await expect(german.locator("h1")).toHaveText("Sign in");

  const chinese = await (await browser.newContext({ locale: "zh-TW" })).newPage();
  await chinese.goto("/login");
  await expect(chinese.locator("h1")).toHaveText("登录");
  await expect(chinese.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("switching on the login page wins over the browser's language, and after sign-in the account's choice does", async ({
  browser,
}) => {
  const page = await (await browser.newContext({ locale: "en-US" })).newPage();
  await page.goto("/login");
  await expect(page.locator("h1")).toHaveText("Sign in");
  await page.getByTestId("language-switch").click();
  await expect(page.locator("h1")).toHaveText("登录");
  await page.reload();
  await expect(page.locator("h1")).toHaveText("登录");

  // The demo accounts have chosen Chinese: an English browser does not override a saved choice.
  const other = await (await browser.newContext({ locale: "en-US" })).newPage();
  await signIn(other, "employee2@demo.local");
  await expect(other.getByTestId("home-heading")).toContainText("您好");
});
