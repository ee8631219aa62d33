import { expect, test } from "@playwright/test";
import { ERROR_CODES } from "../../lib/platform/errors/errorCodes";
import { setLanguage, signIn } from "./support";

// An application-level refusal (not a rule code) read in the reader's language: the seeded 2026 plan is
// in publicity with its period open (2026-11-18 .. 2026-11-30, and the pinned today is 2026-11-21), so
// opening a second period is refused with PUBLICITY_ALREADY_OPEN — after the 10-day rule has passed.
const PLAN_2026 = "2026 Restricted Stock Incentive Plan";
const REFUSED = ERROR_CODES.PUBLICITY_ALREADY_OPEN;
const CJK = /[\u4e00-\u9fff]/;

test("a refused publicity period is explained in the reader's language, from the error-code table", async ({
  page,
}) => {
  await signIn(page, "hr@demo.local");
  const plans = (await (await page.request.get("/api/v1/plans")).json()).items as {
    id: string;
    nameEn: string;
    status: string;
  }[];
  const plan = plans.find((p) => p.nameEn === PLAN_2026)!;
  expect(plan, "the seeded plan in publicity").toBeTruthy();
  const body = { startDate: "2026-11-21", endDate: "2026-12-04" };

  // The API's answer is unchanged: 409 with the stable code and the English message.
  const api = await page.request.post(`/api/v1/plans/${plan.id}/publicity-periods`, { data: body });
  expect(api.status()).toBe(409);
  expect((await api.json()).error).toMatchObject({
    code: "PUBLICITY_ALREADY_OPEN",
    message: "The plan already has an open publicity period; close it first.",
  });

  try {
    for (const locale of ["zh-CN", "en"] as const) {
      await setLanguage(page, locale);
      await page.goto(`/hr/publicity/new?planId=${plan.id}`);
      await page.getByTestId("publicity-start").fill(body.startDate);
      await page.getByTestId("publicity-end").fill(body.endDate);
      await page.getByTestId("publicity-submit").click();
      const refusal = page.getByTestId("refusal");
      await expect(refusal).toHaveAttribute("data-code", "PUBLICITY_ALREADY_OPEN");
      await expect(page.getByTestId("refusal-code")).toHaveText("PUBLICITY_ALREADY_OPEN");
      if (locale === "zh-CN") {
        await expect(refusal).toContainText(REFUSED.zh);
        await expect(refusal).not.toContainText("close it first");
      } else {
        await expect(refusal).toContainText(REFUSED.en);
        await expect(refusal).not.toContainText(REFUSED.zh);
        expect(await refusal.locator("p").last().textContent()).not.toMatch(CJK);
      }
    }
  } finally {
    // Leave HR in Chinese for the other specs.
    await setLanguage(page, "zh-CN");
  }
});
