/**
 * Staff two-step sign-in in Chromium: a new HR user enrols an authenticator app (codes computed here from
 * the secret the page shows) and a passkey (Chrome's virtual authenticator through the DevTools
 * protocol), then signs in with each; a recovery code works once; replayed and wrong codes are refused;
 * nothing answers while the second factor is pending; a sensitive action asks for it again.
 */
import { expect, test, type Page } from "@playwright/test";
import { inviteStaff, SHOTS, setLanguage, signIn, totpCode } from "./support";

const PASSWORD = "Copper-Lantern-Harbour-26";

async function passwordStep(page: Page, email: string) {
  await page.goto("/login");
  await page.locator('input[name="identifier"]').fill(email);
  await page.locator('input[name="password"]').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
}

test("enrol TOTP and a passkey, sign in with each, recovery code once, replay and wrong codes refused", async ({
  browser,
}) => {
  const email = await inviteStaff(browser, "hr", PASSWORD);
  const context = await browser.newContext({ viewport: { width: 390, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
    },
  });

  // Within the grace period the password alone signs in; the account page says until when.
  await passwordStep(page, email);
  await expect(page.getByTestId("home-heading")).toBeVisible();
  await page.goto("/account");
  await expect(page.getByTestId("enrol-by")).toBeVisible();
  await page.getByTestId("add-totp").click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  await expect(page.locator('[data-testid="factor-enrolment"] svg')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/second-factor-enrol-390-zh-CN.png`, fullPage: true });
  await page.getByTestId("totp-code").fill("000000");
  await page.getByTestId("totp-confirm").click();
  await expect(page.getByTestId("enrolment-error")).toBeVisible();
  const enrolCode = await totpCode(secret);
  await page.getByTestId("totp-code").fill(enrolCode);
  await page.getByTestId("totp-confirm").click();
  await expect(page.getByTestId("recovery-code")).toHaveCount(10);
  const codes = await page.getByTestId("recovery-code").allTextContents();
  expect(codes).toHaveLength(10);
  expect(new Set(codes).size).toBe(10);
  await page.screenshot({ path: `${SHOTS}/second-factor-recovery-390-zh-CN.png`, fullPage: true });
  await page.getByTestId("recovery-codes-saved").click();
  await expect(page.getByTestId("factor")).toHaveCount(1);

  // A passkey from the virtual authenticator; no new recovery codes for a second factor.
  await page.getByTestId("add-passkey").click();
  await expect(page.getByTestId("factor")).toHaveCount(2);
  await expect(page.getByTestId("recovery-codes")).toHaveCount(0);
  await page.getByTestId("sign-out").click();
  await expect(page.locator('input[name="identifier"]')).toBeVisible();

  // Password, then the second step: nothing of the portal answers in between.
  await passwordStep(page, email);
  await expect(page.getByTestId("second-factor-heading")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/second-factor-sign-in-390-zh-CN.png`, fullPage: true });
  expect((await page.request.get("/api/v1/me/grants")).status()).toBe(401);
  expect((await page.request.get("/api/v1/plans")).status()).toBe(401);
  await page.goto("/hr");
  await expect(page).toHaveURL(/\/login\/second-factor/);
  // The code used at enrolment is spent; a wrong one too.
  for (const used of [enrolCode, "123456"]) {
    await page.getByTestId("second-factor-code").fill(used);
    await page.getByTestId("second-factor-submit").click();
    await expect(page.getByTestId("second-factor-error")).toContainText(/未通过|not accepted/);
  }
  const next = await totpCode(secret, 1);
  await page.getByTestId("second-factor-code").fill(next);
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("home-heading")).toBeVisible();
  expect((await page.request.get("/api/v1/plans")).status()).toBe(200);
  await page.getByTestId("sign-out").click();
  await expect(page.locator('input[name="identifier"]')).toBeVisible();

  // The same code a second time: refused (replay).
  await passwordStep(page, email);
  await page.getByTestId("second-factor-code").fill(next);
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("second-factor-error")).toBeVisible();
  // A recovery code, typed in lower case without its dash, works once.
  await page.getByTestId("second-factor-switch").click();
  await page.getByTestId("second-factor-code").fill(codes[0]!.replace("-", "").toLowerCase());
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("home-heading")).toBeVisible();
  await page.getByTestId("sign-out").click();
  await expect(page.locator('input[name="identifier"]')).toBeVisible();
  await passwordStep(page, email);
  await page.getByTestId("second-factor-switch").click();
  await page.getByTestId("second-factor-code").fill(codes[0]!);
  await page.getByTestId("second-factor-submit").click();
  await expect(page.getByTestId("second-factor-error")).toBeVisible();

  // The passkey.
  await page.getByTestId("second-factor-passkey").click();
  await expect(page.getByTestId("home-heading")).toBeVisible();
  await setLanguage(page, "en");
  await page.goto("/account");
  await expect(page.getByTestId("factor")).toHaveCount(2);
  await page.screenshot({ path: `${SHOTS}/second-factor-account-390-en.png`, fullPage: true });

  // An admin resets the factors (their own sign-in is fresh: no step-up asked); the user's session ends,
  // they are told, and — still inside the grace period — sign in with the password alone.
  const adminContext = await browser.newContext({ viewport: { width: 390, height: 900 }, locale: "zh-CN" });
  const adminPage = await adminContext.newPage();
  await signIn(adminPage, "admin@demo.local");
  await setLanguage(adminPage, "zh-CN");
  await adminPage.goto("/admin/security");
  const row = adminPage.getByTestId("factor-row").filter({ hasText: email });
  // Two factors, and the line with the recovery codes left.
  await expect(row.getByTestId("factor-items").locator("li")).toHaveCount(3);
  await adminPage.screenshot({ path: `${SHOTS}/admin-security-390-zh-CN.png`, fullPage: true });
  adminPage.on("dialog", (d) => void d.accept());
  await row.getByTestId("factor-reset").click();
  // The page re-renders from the database: no factor left, the grace period's deadline shown instead.
  await expect(row.getByTestId("factor-items")).toHaveCount(0);
  await expect(row.getByTestId("factor-status")).toContainText("未设置");
  await adminContext.close();
  await page.goto("/");
  await expect(page.locator('input[name="identifier"]')).toBeVisible();
  await passwordStep(page, email);
  await expect(page.getByTestId("home-heading")).toBeVisible();
  const notices = (await (await page.request.get("/api/v1/me/notices")).json()).items as { kind: string }[];
  expect(notices.map((n) => n.kind)).toContain("factor_reset");
  await context.close();
});

test("step-up: a user still in the grace period proves themselves with the password; a wrong one is refused", async ({
  browser,
}) => {
  // An admin without a factor yet (grace period): the password given at sign-in counts as the proof.
  const email = await inviteStaff(browser, "admin", PASSWORD);
  const context = await browser.newContext();
  const page = await context.newPage();
  await passwordStep(page, email);
  await expect(page.getByTestId("home-heading")).toBeVisible();
  const fresh = await page.request.post("/api/v1/api-tokens", {
    data: {
      name: "fresh",
      role: "admin",
      userId: (await (await page.request.get(`/api/v1/users?q=${email}`)).json()).items[0].id,
    },
  });
  expect(fresh.status()).toBe(201);
  // The step-up endpoint refuses a wrong password and records the right one.
  const wrong = await page.request.post("/api/v1/auth/step-up", {
    data: { method: "password", password: "nope-nope" },
  });
  expect(wrong.status()).toBe(401);
  expect((await wrong.json()).error.code).toBe("SECOND_FACTOR_INVALID");
  const ok = await page.request.post("/api/v1/auth/step-up", { data: { method: "password", password: PASSWORD } });
  expect(ok.status()).toBe(200);
  await context.close();
});
