/** The person who objects reads their own text, HR's answer and the outcome, and is told when HR answers. */
import { expect, test } from "@playwright/test";
import { signIn } from "./support";

test("HR's answer reaches the objector: the notice on the home page, the text and the answer on /publicity", async ({
  browser,
}) => {
  const employee = await (await browser.newContext()).newPage();
  await signIn(employee, "employee2@demo.local");
  const periods = (await (await employee.request.get("/api/v1/publicity-periods")).json()).items as { id: string }[];
  const text = `职务一栏写的是旧岗位，请更正（${Date.now()}）。`;
  const filed = await employee.request.post(`/api/v1/publicity-periods/${periods[0]!.id}/objections`, {
    data: { text },
  });
  expect(filed.status()).toBe(201);
  const { receiptNo } = (await filed.json()) as { receiptNo: string };

  await employee.goto("/publicity");
  const mine = employee.getByTestId("my-objection").filter({ hasText: receiptNo });
  await expect(mine).toHaveAttribute("data-status", "open");
  await expect(mine.getByTestId("my-objection-text")).toHaveText(text);
  await expect(mine.getByTestId("my-objection-response")).toHaveText("尚未答复。");

  const hr = await (await browser.newContext()).newPage();
  await signIn(hr, "hr@demo.local");
  const inbox = (await (await hr.request.get(`/api/v1/publicity-periods/${periods[0]!.id}/objections`)).json())
    .items as { id: string; receiptNo: string }[];
  const objection = inbox.find((o) => o.receiptNo === receiptNo)!;
  const response = "已核实：该员工已于11月调岗，公示名单将按新职务更正。";
  const answered = await hr.request.patch(`/api/v1/objections/${objection.id}`, {
    data: { status: "upheld", response },
  });
  expect(answered.status()).toBe(200);

  await employee.goto("/");
  await expect(employee.getByTestId("notice-objection_answered").first()).toContainText(receiptNo);
  await employee.getByTestId("notice-objection_answered").first().getByRole("link").click();
  await expect(employee).toHaveURL(/\/publicity$/);
  await expect(mine).toHaveAttribute("data-status", "upheld");
  await expect(mine.getByTestId("my-objection-response")).toHaveText(response);
  await expect(mine).toContainText("已采纳");
});
