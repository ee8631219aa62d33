import { expect, test, type Browser, type APIRequestContext } from "@playwright/test";
import { signIn } from "./support";

async function apiAs(browser: Browser, email: string): Promise<APIRequestContext> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email);
  return page.request;
}

test("the read API answers 401 with the error shape when not signed in", async ({ request }) => {
  for (const path of [
    "/api/v1/me/grants",
    "/api/v1/plans",
    "/api/v1/blackout-windows",
    "/api/v1/calendar/trading-days?from=2024-01-01&to=2024-01-31",
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(401);
    expect(await res.json()).toEqual({
      error: { code: "UNAUTHENTICATED", message: expect.any(String), details: null },
    });
  }
});

test("a grantee reads their own grants with tranches, adjustments and deferrals, and gets 404 for anyone else's", async ({
  browser,
}) => {
  const api = await apiAs(browser, "employee@demo.local");
  const res = await api.get("/api/v1/me/grants");
  expect(res.status()).toBe(200);
  expect(res.headers()["cache-control"]).toContain("no-store");
  const { items } = await res.json();
  // 2021, 2022 and the reserved grant of the plan dated from the seed day.
  expect(items).toHaveLength(3);
  const [g2021, g2022, current] = items;
  expect(current).toMatchObject({ batch: "reserved", planNameEn: expect.stringContaining("Core Staff") });
  expect(g2021).toMatchObject({
    batch: "first",
    grantDate: "2021-06-02",
    grantPrice: "45.26",
    adjustments: [{ date: "2021-07-09", type: "dividend", priceBefore: "45.86", priceAfter: "45.26" }],
  });
  expect(g2021.tranches.map((t: { ratio: string }) => t.ratio)).toEqual(["0.33", "0.33", "0.34"]);
  expect(g2022.tranches[2]).toMatchObject({
    index: 3,
    status: "vestable",
    windowOpen: "2025-12-05",
    windowClose: "2026-12-04",
    earliestVestingDate: "2026-11-30",
    deferredBy: [{ kind: "major_event", from: "2026-11-16", to: "2026-11-27", blackoutWindowId: expect.any(String) }],
  });
  const one = await api.get(`/api/v1/grants/${g2022.id}`);
  expect((await one.json()).id).toBe(g2022.id);

  const hr = await apiAs(browser, "hr@demo.local");
  const plans = (await (await hr.get("/api/v1/plans")).json()).items;
  const others = (await (await hr.get(`/api/v1/plans/${plans[1].id}/grants`)).json()).items.filter(
    (g: { id: string }) => g.id !== g2022.id,
  );
  const foreign = await api.get(`/api/v1/grants/${others[0].id}`);
  expect(foreign.status()).toBe(404);
  expect((await foreign.json()).error.code).toBe("NOT_FOUND");
  expect((await api.get("/api/v1/grants/not-a-uuid")).status()).toBe(404);
  const planAsEmployee = await api.get(`/api/v1/plans/${plans[1].id}/grants`);
  expect((await planAsEmployee.json()).items.map((g: { id: string }) => g.id)).toEqual([g2022.id]);
});

test("staff read every plan in the contract's shape", async ({ browser }) => {
  const hr = await apiAs(browser, "auditor@demo.local");
  const { items } = await (await hr.get("/api/v1/plans")).json();
  // The demo's four plans come first (an HR e2e test may have added one after them): the two from the
  // plan texts, then the two dated from the seed day (VD_TODAY 2026-11-21: granted 2025, publicised 2026).
  expect(items.slice(0, 4).map((p: { nameEn: string; status: string }) => [p.nameEn.slice(0, 4), p.status])).toEqual([
    ["2021", "closed"],
    ["2022", "vesting"],
    ["2025", "granted"],
    ["2026", "publicity"],
  ]);
  expect(items[3]).toMatchObject({
    verifyingBody: "remuneration_committee",
    blackoutRule: { name: "2024-05-24 rules", annualDays: 15, quarterlyDays: 5 },
    validityMonths: 72,
  });
  expect(items[1]).toMatchObject({
    name: "2022年限制性股票激励计划",
    shareCapital: 461_000_000,
    totalQuantity: 1_000_000,
    firstGrantQuantity: 800_000,
    reservedQuantity: 200_000,
    validityMonths: 60,
    generalMeetingDate: "2022-11-28",
    blackoutRule: { name: "2022 rules", annualDays: 30, quarterlyDays: 10 },
    verifyingBody: "board_of_supervisors",
    status: "vesting",
  });
  expect(items[1].categories.map((c: { tranches: { ratio: string }[] }) => c.tranches.map((t) => t.ratio))).toEqual([
    ["0.33", "0.33", "0.34"],
    ["0.5", "0.5"],
  ]);
  // 236 grants: without a limit a page holds 200, and nextCursor leads to the other 36.
  const first = await (await hr.get(`/api/v1/plans/${items[0].id}/grants`)).json();
  expect(first.items).toHaveLength(200);
  const rest = await (await hr.get(`/api/v1/plans/${items[0].id}/grants?cursor=${first.nextCursor}`)).json();
  expect(rest.nextCursor).toBeNull();
  const grants = [...first.items, ...rest.items];
  expect(new Set(grants.map((g: { id: string }) => g.id)).size).toBe(236);
  expect(grants.reduce((s: number, g: { quantity: number }) => s + g.quantity, 0)).toBe(838_300);
  expect((await hr.get("/api/v1/plans/00000000-0000-0000-0000-000000000000")).status()).toBe(404);
});

test("blackout windows and trading days", async ({ browser }) => {
  const api = await apiAs(browser, "employee@demo.local");
  const windows = (await (await api.get("/api/v1/blackout-windows?from=2026-11-01&to=2026-12-31")).json()).items;
  expect(windows).toEqual([
    {
      id: expect.any(String),
      planId: null,
      kind: "major_event",
      from: "2026-11-16",
      to: "2026-11-27",
      reason: expect.stringContaining("2026-11-27"),
    },
    {
      // The current plan's event, two days either side of its reserved tranche's opening (2026-12-12).
      id: expect.any(String),
      planId: null,
      kind: "major_event",
      from: "2026-12-10",
      to: "2026-12-14",
      reason: expect.stringContaining("2026-12-14"),
    },
  ]);
  const postponed = (await (await api.get("/api/v1/blackout-windows?from=2024-03-01&to=2024-04-30")).json()).items;
  expect(postponed.find((w: { kind: string }) => w.kind === "annual_report")).toMatchObject({
    from: "2024-03-13",
    to: "2024-04-25",
  });

  const days = await (await api.get("/api/v1/calendar/trading-days?from=2024-06-07&to=2024-06-12")).json();
  expect(days.items).toEqual(["2024-06-07", "2024-06-11", "2024-06-12"]);
  const future = await api.get("/api/v1/calendar/trading-days?from=2026-12-01&to=2027-01-31");
  expect(future.status()).toBe(422);
  expect((await future.json()).error.code).toBe("CALENDAR_NOT_PUBLISHED");
  const bad = await api.get("/api/v1/calendar/trading-days?from=2024-02-30&to=2024-03-01");
  expect(bad.status()).toBe(400);
  expect((await bad.json()).error.code).toBe("BAD_REQUEST");
});

test("corporate-action preview: before and after per affected grant, refusals as 422, employees 403", async ({
  browser,
}) => {
  const hr = await apiAs(browser, "hr@demo.local");
  const res = await hr.post("/api/v1/corporate-actions/preview", {
    data: { type: "dividend", exDate: "2026-12-01", v: "0.50" },
  });
  expect(res.status()).toBe(200);
  const body = await res.json();
  const plans = (await (await hr.get("/api/v1/plans")).json()).items as { id: string; nameEn: string }[];
  const p2022 = plans.find((p) => p.nameEn.startsWith("2022"))!.id;
  const demo = body.items.filter((i: { planId: string }) => i.planId === p2022);
  expect(demo.length).toBeGreaterThan(100);
  for (const item of demo)
    expect(item).toMatchObject({ priceBefore: "39.58", priceAfter: "39.08", quantityBefore: item.quantityAfter });
  // Only grants with something outstanding on the ex-date are listed: nothing of the fully settled 2021 plan.
  const p2021 = plans.find((p) => p.nameEn.startsWith("2021"))!.id;
  expect(body.items.filter((i: { planId: string }) => i.planId === p2021)).toEqual([]);
  const split = await (
    await hr.post("/api/v1/corporate-actions/preview", { data: { type: "split", exDate: "2026-12-01", n: "1" } })
  ).json();
  const sample = split.items.find((i: { planId: string }) => i.planId === p2022);
  expect(sample.priceAfter).toBe("19.79");
  expect(sample.quantityAfter).toBeGreaterThan(sample.quantityBefore);
  const belowPar = await hr.post("/api/v1/corporate-actions/preview", {
    data: { type: "dividend", exDate: "2026-12-01", v: "39.00" },
  });
  expect(belowPar.status()).toBe(422);
  expect((await belowPar.json()).error.code).toBe("PRICE_BELOW_PAR");
  const missing = await hr.post("/api/v1/corporate-actions/preview", { data: { type: "split", exDate: "2026-12-01" } });
  expect(missing.status()).toBe(422);
  expect((await missing.json()).error.code).toBe("INVALID_ADJUSTMENT");
  const notJson = await hr.post("/api/v1/corporate-actions/preview", {
    data: "{nope",
    headers: { "content-type": "application/json" },
  });
  expect(notJson.status()).toBe(400);
  const employee = await apiAs(browser, "employee@demo.local");
  expect(
    (
      await employee.post("/api/v1/corporate-actions/preview", {
        data: { type: "dividend", exDate: "2026-12-01", v: "0.50" },
      })
    ).status(),
  ).toBe(403);
});

test("health reports the date statuses are computed for, and that VD_TODAY pins it", async ({ request }) => {
  const res = await request.get("/api/v1/health");
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({
    status: "ok",
    today: process.env.VD_TODAY || "2026-11-21",
    todayPinned: true,
  });
});
