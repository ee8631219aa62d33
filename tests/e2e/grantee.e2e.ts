import { expect, test, type Browser } from "@playwright/test";
import ICAL from "ical.js";
import { SHOTS, signIn } from "./support";

async function pageAs(browser: Browser, email: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await signIn(page, email);
  return page;
}

test("home shows the next vesting event, today's blackout and notices", async ({ browser }) => {
  const page = await pageAs(browser, "employee@demo.local");
  await expect(page.getByTestId("next-event")).toContainText("2026-11-30");
  await expect(page.getByTestId("blackout-today")).toContainText("2026-11-27");
  await expect(page.getByTestId("notice-grant_to_accept")).toBeVisible();
  await expect(page.getByTestId("notice-publicity_opened")).toBeVisible();
});

test("grant detail: price history, appraisal, the deferred tranche with its reason and an accessible timeline", async ({
  browser,
}) => {
  const page = await pageAs(browser, "employee@demo.local");
  await page.getByTestId("grant-link").first().click();
  await expect(page.getByTestId("grant-title")).toContainText("2021");
  await expect(page.getByTestId("grant-price")).toContainText("45.26");
  await expect(page.getByTestId("adjustments")).toContainText("45.86 → 45.26");
  await expect(page.getByTestId("adjustments")).toContainText("2021-07-09");
  await expect(page.locator('svg[role="img"]:visible')).toHaveCount(1);
  await page.goto("/");
  await page.getByTestId("grant-link").nth(1).click();
  await expect(page.getByTestId("grant-title")).toContainText("2022");
  const deferred = page.getByTestId("deferred-reason");
  await expect(deferred).toContainText("2026-11-16");
  await expect(page.getByTestId("earliest-date").last()).toHaveText("2026-11-30");
  await expect(page.getByText(/等级 [ABCD]|Grade [ABCD]/).first()).toBeVisible();
  const svg = page.locator('svg[role="img"]:visible');
  await expect(svg).toHaveAttribute("aria-labelledby", /.+/);
  await expect(svg.locator("desc")).toContainText("2026-11-30");
});

test("the grantee confirms a grant once; it is audit-logged and the button is gone", async ({ browser }) => {
  const page = await pageAs(browser, "employee@demo.local");
  const res = await page.request.get("/api/v1/me/grants");
  const pending = (await res.json()).items.find((g: { acceptedAt: string | null }) => g.acceptedAt === null);
  expect(pending).toBeTruthy();
  // The home page and the API keep the grantee's grants between requests: asked twice, then changed.
  await page.goto("/");
  const toAccept = await page.getByTestId("grant-to-accept").count();
  expect(toAccept).toBeGreaterThan(0);
  await page.reload();
  await expect(page.getByTestId("grant-to-accept")).toHaveCount(toAccept);
  await page.goto(`/grants/${pending.id}`);
  await page.getByTestId("accept-grant").click();
  await expect(page.getByTestId("accepted")).toBeVisible();
  // What was kept is stale the moment the change commits: both doors show the confirmation at once.
  const after = (await (await page.request.get("/api/v1/me/grants")).json()).items.find(
    (g: { id: string }) => g.id === pending.id,
  );
  expect(Date.parse(after.acceptedAt)).not.toBeNaN();
  await page.goto("/");
  await expect(page.getByTestId("grant-to-accept")).toHaveCount(toAccept - 1);
  const again = await page.request.post(`/api/v1/grants/${pending.id}/accept`);
  expect(again.status()).toBe(200);
  const body = await again.json();
  expect(body.id).toBe(pending.id);
  expect(Date.parse(body.acceptedAt)).not.toBeNaN();
});

test("another person's grant answers 404 from the page and the API, and accepting it is 404 too", async ({
  browser,
}) => {
  const other = await pageAs(browser, "employee2@demo.local");
  const theirs = (await (await other.request.get("/api/v1/me/grants")).json()).items[0];
  const page = await pageAs(browser, "employee@demo.local");
  const res = await page.goto(`/grants/${theirs.id}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByText(/不存在|does not exist/)).toBeVisible();
  expect((await page.request.get(`/api/v1/grants/${theirs.id}`)).status()).toBe(404);
  expect((await page.request.post(`/api/v1/grants/${theirs.id}/accept`)).status()).toBe(404);
  const cross = await page.request.post(`/api/v1/grants/${theirs.id}/accept`, {
    headers: { origin: "https://evil.example" },
  });
  expect(cross.status()).toBe(403);
});

test("the ICS download and the secret feed URL are valid iCalendar with windows, earliest dates and blackouts; revoking ends the feed", async ({
  browser,
}) => {
  const page = await pageAs(browser, "employee@demo.local");
  await page.goto("/account");
  const download = page.waitForEvent("download");
  await page.getByTestId("ics-download").click();
  const file = await (await download).path();
  const text = (await import("node:fs")).readFileSync(file!, "utf8");
  expect(text.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
  const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
  const summaries = events.map((e) => e.summary);
  expect(summaries.some((s) => s.includes("归属窗口") || s.includes("Vesting window"))).toBe(true);
  const earliest = events.find(
    (e) => /最早可归属日|Earliest vesting date/.test(e.summary) && e.startDate.toString() === "2026-11-30",
  );
  expect(earliest).toBeTruthy();
  expect(events.some((e) => /不得归属期间|Blackout/.test(e.summary) && e.startDate.toString() === "2026-11-16")).toBe(
    true,
  );

  await page.getByTestId("feed-issue").click();
  const url = await page.getByTestId("feed-url").inputValue();
  expect(url).toMatch(/\/api\/v1\/calendar-feeds\/[A-Za-z0-9_-]+\.ics$/);
  const anonymous = await (await browser.newContext()).request.get(url);
  expect(anonymous.status()).toBe(200);
  expect(anonymous.headers()["content-type"]).toContain("text/calendar");
  expect(await anonymous.text()).toContain("BEGIN:VEVENT");
  await page.getByTestId("feed-revoke").click();
  await expect(page.getByTestId("feed-issue")).toBeVisible();
  await expect.poll(async () => (await (await browser.newContext()).request.get(url)).status()).toBe(404);
});

test("publicity: the list shows names and positions only, and an objection gets a receipt", async ({ browser }) => {
  const page = await pageAs(browser, "employee2@demo.local");
  await page.getByTestId("nav-publicity").click();
  const notice = page.getByTestId("publicity-notice");
  await expect(notice).toHaveCount(1);
  await expect(notice.locator("tbody tr")).toHaveCount(60);
  await expect(notice.locator("thead th")).toHaveCount(2);
  const api = await (await page.request.get("/api/v1/publicity-periods")).json();
  expect(Object.keys(api.items[0].entries[0]).sort()).toEqual(["name", "position"]);
  await page.getByTestId("objection-text").fill("名单中 E00120 的职务与实际不符，请核实。");
  await page.getByTestId("objection-submit").click();
  await expect(page.getByTestId("objection-receipt")).toContainText(/OBJ-\d{8}-[0-9A-F]{8}/);
  const viaApi = await page.request.post(`/api/v1/publicity-periods/${api.items[0].id}/objections`, {
    data: { text: "x" },
  });
  expect(viaApi.status()).toBe(400);
  const ok = await page.request.post(`/api/v1/publicity-periods/${api.items[0].id}/objections`, {
    data: { text: "Another objection through the API." },
  });
  expect(ok.status()).toBe(201);
  expect((await ok.json()).receiptNo).toMatch(/^OBJ-/);
  const other = await pageAs(browser, "employee@demo.local");
  await other.goto("/publicity");
  await expect(other.getByText("E00120 的职务")).toHaveCount(0);
});

test("blackout calendar: upcoming windows with reasons and an accessible month view", async ({ browser }) => {
  const page = await pageAs(browser, "employee@demo.local");
  await page.getByTestId("nav-blackouts").click();
  await expect(page.getByTestId("blackout-list")).toContainText("2026-11-16 – 2026-11-27");
  await expect(page.locator("table caption").first()).toBeVisible();
  expect(await page.locator("table").count()).toBeGreaterThanOrEqual(3);
});

test("on a phone the links sit behind the menu button, which opens them and closes once a page is chosen", async ({
  browser,
}) => {
  const page = await pageAs(browser, "employee@demo.local", 390);
  const toggle = page.getByTestId("menu-toggle");
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  await expect(page.getByTestId("nav-blackouts")).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await expect(page.getByTestId("nav-blackouts")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/phone-menu-open-zh-CN-390.png` });
  await page.getByTestId("nav-blackouts").click();
  await expect(page.getByTestId("blackout-list")).toBeVisible();
  await expect(page.getByTestId("nav-account")).toBeHidden();
  await expect(toggle).toHaveAttribute("aria-expanded", "false");
  // Each link is in the page once, for wide screens and phones alike.
  expect(await page.locator('a[href="/account"]').count()).toBe(1);
  // On a wide screen the same links are a row in the header, with no menu button.
  await page.setViewportSize({ width: 1280, height: 900 });
  await expect(page.getByTestId("menu-toggle")).toBeHidden();
  await expect(page.getByTestId("nav-account")).toBeVisible();
});

test("screenshots of every grantee page at 390 px and 1280 px, in Chinese and English", async ({ browser }) => {
  for (const width of [390, 1280]) {
    for (const lang of ["zh-CN", "en"] as const) {
      const page = await pageAs(browser, "employee@demo.local", width);
      const heading = page.getByTestId("home-heading");
      if (!(await heading.textContent())?.includes(lang === "en" ? "Hello" : "您好"))
        await page.getByTestId("language-switch").click();
      await expect(heading).toContainText(lang === "en" ? "Hello" : "您好");
      await page.screenshot({ path: `${SHOTS}/grantee-home-${lang}-${width}.png`, fullPage: true });
      const grants = (await (await page.request.get("/api/v1/me/grants")).json()).items;
      await page.goto(`/grants/${grants[1].id}`);
      await page.screenshot({ path: `${SHOTS}/grant-detail-${lang}-${width}.png`, fullPage: true });
      for (const path of ["blackouts", "publicity", "account"]) {
        await page.goto(`/${path}`);
        await page.screenshot({ path: `${SHOTS}/${path}-${lang}-${width}.png`, fullPage: true });
      }
      await page.context().close();
    }
  }
});
