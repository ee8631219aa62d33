/**
 * Contract tests: the running API against its own OpenAPI document (/api/v1/openapi.json). Every GET that
 * demo data can feed is called (as admin, and as the demo employee) and its status and body are checked
 * against what the document says for that status; every write with a JSON body is sent an invalid body and
 * must answer a documented 400 in the ErrorBody shape; every 4xx seen anywhere must be an ErrorBody.
 * Nothing here changes data: invalid bodies are refused before anything is written, and the writes without
 * a body are called with ids that exist nowhere (or, for the calendar feed, issued and revoked again).
 */
import { expect, test, type APIRequestContext } from "@playwright/test";
import {
  expectDocumented,
  INVALID_BODY,
  loadDocument,
  NOWHERE,
  opById,
  pathsFor,
  resolveIds,
  sessionFor,
  urlsFor,
  type Json,
  type Op,
} from "./openApiContract";

/** GET operations of the existing API that must be exercised; operations added later are tried and reported. */
const REQUIRED_GETS = [
  "getHealth",
  "getOpenApiDocument",
  "listMyGrants",
  "listMyNotices",
  "getMyCalendar",
  "getCalendarFeed",
  "getGrant",
  "listCorporateActions",
  "listPlans",
  "getPlan",
  "listPlanGrants",
  "listParticipantVersions",
  "listPlanPublicityPeriods",
  "listVerifications",
  "listVestingRuns",
  "listOpenPublicity",
  "getPublicityNotice",
  "listObjections",
  "listBlackoutWindows",
  "listTradingDays",
  "listClosures",
  "listDisclosures",
];

/** Query strings to call a GET with, beyond none at all (or instead of none, when a parameter is required). */
const QUERIES: Record<string, string[]> = {
  "/api/v1/blackout-windows": ["", "?from=2026-11-01&to=2026-12-31", "?from=2024-03-01&to=2024-04-30"],
  "/api/v1/calendar/trading-days": ["?from=2024-06-07&to=2024-06-12", "?from=2026-12-01&to=2027-01-31"],
  "/api/v1/disclosures": ["", "?from=2024-01-01&to=2026-12-31"],
  "/api/v1/plans/{planId}/participants": ["", "?batch=first", "?batch=first&from=1&to=1", "?batch=reserved"],
};

// The sweeps make a few hundred requests (three plans, several ids and queries per operation).
test.describe.configure({ timeout: 240_000 });

let ops: Op[] = [];

test.beforeEach(async ({ baseURL }) => {
  ops = await loadDocument(baseURL!);
});

/** The admin may call everything; the employee only what any signed-in user may. */
const allows = (access: string, staff: boolean) => staff || access === "public" || access === "signedIn";

test("the document is public, is OpenAPI 3.1 and matches its own description", async ({ baseURL }) => {
  const anonymous = await sessionFor(baseURL!, null);
  const res = await anonymous.get("/api/v1/openapi.json");
  expect(res.headers()["content-type"]).toContain("application/json");
  const body = (await expectDocumented(opById("getOpenApiDocument"), res, "GET /api/v1/openapi.json")) as Json;
  expect(body).toMatchObject({ openapi: "3.1.0", info: { title: "Vesting Desk API" } });
  expect(ops.length).toBeGreaterThan(40);
  await anonymous.dispose();
});

test("every GET answers as documented for the demo data, as admin and as an employee", async ({ baseURL }) => {
  const exercised = new Set<string>(["getCalendarFeed"]);
  const skipped: string[] = [];
  for (const [email, staff] of [
    ["admin@demo.local", true],
    ["employee@demo.local", false],
  ] as const) {
    const api = await sessionFor(baseURL!, email);
    const ids = await resolveIds(api, staff);
    for (const op of ops.filter((o) => o.method === "get" && allows(o["x-access"], staff))) {
      if (op.operationId === "getCalendarFeed") continue; // needs a feed issued first: see the next test
      const urls = await urlsFor(api, op, ids, QUERIES[op.path]);
      if (typeof urls === "string") {
        skipped.push(`${op.key} as ${email}: ${urls}`);
        continue;
      }
      for (const url of urls) {
        const res = await api.get(url);
        await expectDocumented(op, res, `${email} GET ${url}`);
        expect.soft(res.status(), `${email} GET ${url} is not a server error`).toBeLessThan(500);
        if (res.status() < 300) exercised.add(op.operationId);
      }
    }
    await api.dispose();
  }
  // The feed is exercised by the next test; operations the demo data cannot feed are listed, not hidden.
  expect(
    REQUIRED_GETS.filter((id) => !exercised.has(id)),
    "GET operations that never answered 2xx",
  ).toEqual([]);
  const notExercised = [
    ...skipped,
    ...ops
      .filter((o) => o.method === "get" && !exercised.has(o.operationId))
      .map((o) => `${o.key}: never answered 2xx`),
  ];
  if (notExercised.length > 0)
    test.info().annotations.push({ type: "not exercised", description: notExercised.join("\n") });
  console.log(
    `[contract] GET operations answered 2xx: ${exercised.size} of ${ops.filter((o) => o.method === "get").length}; not exercised:\n${notExercised.join("\n") || "(none)"}`,
  );
});

test("the calendar feed: issued (201), served to anyone holding it (200), revoked (204), then gone (404)", async ({
  baseURL,
}) => {
  // The auditor's feed, so no other test's grantee sees theirs change.
  const api = await sessionFor(baseURL!, "auditor@demo.local");
  const issued = await api.post("/api/v1/me/calendar-feed");
  const { url } = (await expectDocumented(opById("issueCalendarFeed"), issued, "POST /api/v1/me/calendar-feed")) as {
    url: string;
  };
  const feedPath = new URL(url).pathname;
  const anonymous = await sessionFor(baseURL!, null);
  await expectDocumented(opById("getCalendarFeed"), await anonymous.get(feedPath), `GET ${feedPath}`);
  const revoked = await api.delete("/api/v1/me/calendar-feed");
  await expectDocumented(opById("revokeCalendarFeed"), revoked, "DELETE /api/v1/me/calendar-feed");
  const gone = await anonymous.get(feedPath);
  expect(gone.status()).toBe(404);
  await expectDocumented(opById("getCalendarFeed"), gone, `GET ${feedPath} after revoking`);
  await Promise.all([api.dispose(), anonymous.dispose()]);
});

test("every write with a JSON body refuses an invalid one with a documented 400 ErrorBody", async ({ baseURL }) => {
  const admin = await sessionFor(baseURL!, "admin@demo.local");
  const ids = await resolveIds(admin, true);
  // The second step of a sign-in answers only the sign-in that owes it (403 to an admin's complete session):
  // its body refusals are in secondFactor.e2e.ts and the unit test of every operation's body schema.
  const writes = ops.filter(
    (o) => o.method !== "get" && o.requestBody?.content["application/json"] && o["x-access"] !== "secondFactorPending",
  );
  expect(writes.length).toBeGreaterThan(20);
  for (const op of writes) {
    // A real id where one exists, so the body is what is refused; an id that exists nowhere otherwise.
    const paths = await pathsFor(admin, op, ids);
    const url = typeof paths === "string" ? op.path.replace(/\{[^}]+\}/g, NOWHERE) : paths[0]!;
    const res = await admin.fetch(url, {
      method: op.method.toUpperCase(),
      data: INVALID_BODY,
      headers: { "content-type": "application/json" },
    });
    expect.soft(res.status(), `${op.key} refuses ${INVALID_BODY}`).toBe(400);
    expect.soft(Object.keys(op.responses), `${op.key} documents 400`).toContain("400");
    const body = await expectDocumented(op, res, `${op.key} with an invalid body`);
    expect.soft((body as Json | undefined)?.error, `${op.key} error`).toMatchObject({ code: "BAD_REQUEST" });
  }
  await admin.dispose();
});

test("writes without a body, called with ids that exist nowhere, answer as documented", async ({ baseURL }) => {
  const admin = await sessionFor(baseURL!, "admin@demo.local");
  const employee = await sessionFor(baseURL!, "employee@demo.local");
  const calls: [APIRequestContext, string, string, string, number][] = [
    [employee, "acceptGrant", "POST", `/api/v1/grants/${NOWHERE}/accept`, 404],
    [employee, "acceptGrant", "POST", "/api/v1/grants/not-a-uuid/accept", 404],
    [employee, "markNoticeRead", "POST", `/api/v1/me/notices/${NOWHERE}/read`, 204],
    [employee, "markNoticeRead", "POST", "/api/v1/me/notices/not-a-uuid/read", 404],
    [admin, "deleteDisclosure", "DELETE", `/api/v1/disclosures/${NOWHERE}`, 404],
    [admin, "deleteDisclosure", "DELETE", "/api/v1/disclosures/not-a-uuid", 400],
  ];
  for (const [api, id, method, url, expected] of calls) {
    const res = await api.fetch(url, { method });
    expect.soft(res.status(), `${method} ${url}`).toBe(expected);
    await expectDocumented(opById(id), res, `${method} ${url}`);
  }
  await Promise.all([admin.dispose(), employee.dispose()]);
});

test("refusals are documented ErrorBodies: anonymous (401), wrong role (403), other origin (403), unknown ids (404), bad queries (400)", async ({
  baseURL,
}) => {
  const anonymous = await sessionFor(baseURL!, null);
  const employee = await sessionFor(baseURL!, "employee@demo.local");
  const admin = await sessionFor(baseURL!, "admin@demo.local");
  const nowhere = (op: Op) =>
    op.path.replace(/\{token\}/, "not-a-real-feed-token-000000.ics").replace(/\{[^}]+\}/g, NOWHERE);
  let errors = 0;
  const send = async (api: APIRequestContext, op: Op, headers: Record<string, string> = {}) => {
    const res = await api.fetch(nowhere(op), {
      method: op.method.toUpperCase(),
      maxRedirects: 0,
      headers: { "content-type": "application/json", ...headers },
      ...(op.requestBody ? { data: INVALID_BODY } : {}),
    });
    if (res.status() >= 400 && res.status() < 500) errors += 1;
    return res;
  };

  for (const op of ops.filter((o) => o["x-access"] !== "public")) {
    const res = await send(anonymous, op);
    expect.soft(res.status(), `anonymous ${op.key}`).toBe(401);
    await expectDocumented(op, res, `anonymous ${op.key}`);
  }
  // "enrolment" admits every signed-in user (their own factors), like "signedIn".
  for (const op of ops.filter((o) => !["public", "signedIn", "enrolment"].includes(o["x-access"]))) {
    const res = await send(employee, op);
    expect.soft([403, 404], `employee ${op.key} -> ${res.status()}`).toContain(res.status());
    await expectDocumented(op, res, `employee ${op.key}`);
  }
  for (const op of ops.filter((o) => o.method !== "get")) {
    const res = await send(admin, op, { origin: "https://elsewhere.example" });
    expect.soft(res.status(), `cross-origin ${op.key}`).toBe(403);
    const body = await expectDocumented(op, res, `cross-origin ${op.key}`);
    expect.soft((body as Json | undefined)?.error, `cross-origin ${op.key}`).toMatchObject({ code: "CROSS_ORIGIN" });
  }
  for (const op of ops.filter(
    (o) => o.method === "get" && (o.parameters ?? []).some((p) => p.in === "path") && o["x-access"] !== "public",
  )) {
    const res = await admin.get(nowhere(op) + (QUERIES[op.path]?.find((q) => q !== "") ?? ""));
    expect.soft(res.status(), `admin ${op.key} for an id that exists nowhere`).toBeLessThan(500);
    await expectDocumented(op, res, `admin GET ${nowhere(op)}`);
  }
  const badQueries: [string, string][] = [
    ["listTradingDays", "/api/v1/calendar/trading-days?from=2024-02-30&to=2024-03-01"],
    ["listTradingDays", "/api/v1/calendar/trading-days"],
    ["listBlackoutWindows", "/api/v1/blackout-windows?from=yesterday"],
    ["listDisclosures", "/api/v1/disclosures?planId=not-a-uuid"],
  ];
  for (const [id, url] of badQueries) {
    const res = await admin.get(url);
    expect.soft(res.status(), url).toBe(400);
    await expectDocumented(opById(id), res, `GET ${url}`);
  }
  // Each refusal above went through expectDocumented, which checks every 4xx body against ErrorBody.
  expect(errors).toBeGreaterThan(60);
  await Promise.all([anonymous.dispose(), employee.dispose(), admin.dispose()]);
});
