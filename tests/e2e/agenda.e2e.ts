/** HR's agenda in Chromium: the same lines as GET /api/v1/hr/agenda, in both languages, each linking to its page. */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { SHOTS, setLanguage, signIn } from "./support";

test("HR's agenda lists what the API lists, in Chinese and English, and every line opens its page", async ({
  page,
}) => {
  await signIn(page, "hr@demo.local");
  const api = await page.request.get("/api/v1/hr/agenda");
  expect(api.status()).toBe(200);
  const agenda = (await api.json()) as { items: { kind: string; href: string; date: string | null }[] };
  expect(agenda.items.length).toBeGreaterThan(0);
  try {
    for (const locale of ["zh-CN", "en"] as const) {
      await setLanguage(page, locale);
      await page.getByTestId("nav-hr-agenda").first().click();
      await expect(page.getByTestId("agenda-heading")).toHaveText(locale === "en" ? "HR agenda" : "待办事项");
      const items = page.getByTestId("agenda-item");
      await expect(items).toHaveCount(agenda.items.length);
      expect(await items.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(
        agenda.items.map((i) => i.kind),
      );
      const texts = await page.getByTestId("agenda-text").allTextContents();
      for (const t of texts) {
        expect(t.length).toBeGreaterThan(5);
        // No placeholder left unfilled.
        expect(t).not.toMatch(/\{\w+\}/);
        if (locale === "en") expect(t).not.toMatch(/作废|归属期|公示/);
      }
    }
    for (const href of [...new Set(agenda.items.map((i) => i.href))]) {
      const res = await page.goto(href);
      expect(res?.status(), href).toBe(200);
    }
  } finally {
    await setLanguage(page, "zh-CN");
  }
});

test("employees get 404 for the agenda and 403 from its API", async ({ page }) => {
  await signIn(page, "employee@demo.local");
  expect((await page.goto("/hr"))?.status()).toBe(404);
  expect((await page.request.get("/api/v1/hr/agenda")).status()).toBe(403);
});

test("screenshots of the HR agenda at 390 px and 1280 px in Chinese and English", async ({ browser }) => {
  test.setTimeout(90_000);
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [390, 1280]) {
    for (const lang of ["zh-CN", "en"] as const) {
      const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
      await signIn(page, "hr@demo.local");
      await setLanguage(page, lang);
      expect((await page.goto("/hr"))?.status()).toBe(200);
      await page.screenshot({ path: `${SHOTS}/hr-agenda-${width}-${lang}.png`, fullPage: true });
      await setLanguage(page, "zh-CN");
    }
  }
});
