/**
 * The authorization matrix: every /api/v1 route handler and every page, discovered from the file system,
 * for every role. Access is declared once, where the entry point is: an API route's in its operation
 * (read here from GET /api/v1/openapi.json, `x-access`), a page's in its `page({ access })` (read here from
 * the page's source). A route handler without an operation, or a page without a declared access, fails the
 * first test, so access is always decided on purpose. Ids in paths are well-formed UUIDs that exist
 * nowhere: allowed roles get 4xx for them, never 2xx with someone's data, never 5xx; denied roles get 401
 * (anonymous) or 403 / 404.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";
import { inviteStaff, signIn, totpCode } from "./support";

type Access =
  | "public"
  | "signedIn"
  | "staffRead"
  | "staffWrite"
  | "financeRead"
  | "financeWrite"
  | "adminOnly"
  | "adminOrAuditor"
  | "secondFactorPending"
  | "enrolment"
  | "benchOnly";
/** "pending": an HR user with an authenticator app who gave the password and not yet the code. */
type Role = "anonymous" | "pending" | "employee" | "hr" | "auditor" | "admin" | "finance";

/**
 * The benchmark's floor (route.bench.ts, page.bench.tsx): only in the benchmark's own build, with no
 * operation and no declared access on purpose. Outside that build they must not exist: 404.
 */
const BENCH_ONLY = { api: ["GET /api/v1/bench/trivial"], pages: ["/bench/floor"] };

const PAGE_ACCESS_DECLARATION = /page\(\s*\{\s*access:\s*"(\w+)"/;
const METHODS = ["get", "post", "put", "patch", "delete"];

let apiAccessCache: Map<string, Access> | undefined;

/** "GET /api/v1/plans/[planId]" -> its operation's x-access, from the running server's OpenAPI document. */
async function apiAccess(baseURL: string): Promise<Map<string, Access>> {
  if (apiAccessCache) return apiAccessCache;
  const ctx = await playwrightRequest.newContext({ baseURL });
  const res = await ctx.get("/api/v1/openapi.json");
  expect(res.status(), "GET /api/v1/openapi.json").toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, { "x-access"?: Access }>> };
  await ctx.dispose();
  const access = new Map<string, Access>();
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method)) continue;
      // OpenAPI's {planId} is the file system's [planId].
      access.set(`${method.toUpperCase()} ${template.replace(/\{([^}]+)\}/g, "[$1]")}`, op["x-access"] as Access);
    }
  }
  apiAccessCache = access;
  return access;
}

/** Each page's route and the access its page({ access }) declares (null when it declares none). */
function pageAccess(): Map<string, Access | null> {
  return new Map(
    walk("app", "page.tsx").map((f) => {
      const route =
        "/" +
        path
          .dirname(f)
          .split(path.sep)
          .join("/")
          .replace(/^app\/?/, "")
          .replace(/\([^)]+\)\/?/g, "");
      const declared = PAGE_ACCESS_DECLARATION.exec(fs.readFileSync(f, "utf8"))?.[1] as Access | undefined;
      return [route.length > 1 ? route.replace(/\/$/, "") : "/", declared ?? null] as const;
    }),
  );
}

const NOWHERE = "6d2b79f5-0000-4000-8000-00000000abcd";
const ROLES: Role[] = ["anonymous", "pending", "employee", "hr", "auditor", "admin", "finance"];
const PENDING_PASSWORD = "Quartz-Meadow-Lantern-26";
let pendingEmail = "";

// A staff user with a TOTP factor: signing in with the password alone leaves the sign-in pending.
test.beforeAll(async ({ browser }) => {
  pendingEmail = await inviteStaff(browser, "hr", PENDING_PASSWORD);
  const page = await (await browser.newContext()).newPage();
  await signIn(page, pendingEmail, PENDING_PASSWORD);
  const { secret } = await (await page.request.post("/api/v1/me/factors/totp-setup")).json();
  const enrolled = await page.request.post("/api/v1/me/factors/totp", { data: { code: await totpCode(secret) } });
  expect(enrolled.status()).toBe(201);
  await page.context().close();
});

function walk(dir: string, file: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name), file) : e.name === file ? [path.join(dir, e.name)] : [],
    );
}

function discoveredApi(): string[] {
  return walk("app/api/v1", "route.ts").flatMap((f) => {
    const route =
      "/" +
      path
        .dirname(f)
        .split(path.sep)
        .join("/")
        .replace(/^app\//, "");
    const methods = [
      ...fs.readFileSync(f, "utf8").matchAll(/export (?:const|async function) (GET|POST|PATCH|PUT|DELETE)\b/g),
    ].map((m) => m[1]);
    return methods.map((m) => `${m} ${route}`);
  });
}

const concrete = (route: string) =>
  route.replace(/\[token\]/, "not-a-real-feed-token-000000.ics").replace(/\[[^\]]+\]/g, NOWHERE);

async function sessionFor(baseURL: string, role: Role): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  if (role === "anonymous") return ctx;
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const [identifier, password] =
    role === "pending" ? [pendingEmail, PENDING_PASSWORD] : [`${role}@demo.local`, "vesting-demo"];
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier, password, json: "true" },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in as ${role}`).toBeLessThan(400);
  return ctx;
}

function allowed(access: Access, role: Role): boolean {
  if (access === "public") return true;
  if (access === "benchOnly") return false;
  // A pending sign-in reaches its second step and nothing else.
  if (access === "secondFactorPending") return role === "pending";
  if (role === "anonymous" || role === "pending") return false;
  if (access === "enrolment") return true;
  if (access === "signedIn") return true;
  if (access === "staffRead") return role === "hr" || role === "admin" || role === "auditor";
  if (access === "financeRead") return role !== "employee";
  if (access === "financeWrite") return role === "hr" || role === "admin" || role === "finance";
  if (access === "adminOnly") return role === "admin";
  if (access === "adminOrAuditor") return role === "admin" || role === "auditor";
  return role === "hr" || role === "admin";
}

test("every API route has an operation with its access, and every page declares its access", async ({ baseURL }) => {
  const api = await apiAccess(baseURL!);
  const routes = discoveredApi();
  expect(
    routes.filter((k) => !api.has(k)),
    "API route handlers without an operation in /api/v1/openapi.json",
  ).toEqual([]);
  expect(
    [...api.keys()].filter((k) => !routes.includes(k)),
    "operations for routes that do not exist",
  ).toEqual([]);
  expect(
    [...api.values()].filter((a) => !a || a === "benchOnly"),
    "operations without a valid x-access",
  ).toEqual([]);
  const pages = pageAccess();
  expect(
    [...pages].filter(([, access]) => access === null).map(([route]) => route),
    "pages without page({ access })",
  ).toEqual([]);
  // The bench floor is not part of the production build: no route file, no page, no operation.
  for (const key of BENCH_ONLY.api) expect(routes.includes(key) || api.has(key), `${key} is bench-only`).toBe(false);
  for (const key of BENCH_ONLY.pages) expect(pages.has(key), `${key} is bench-only`).toBe(false);
});

test("API: each role gets exactly the access the matrix gives, and nothing answers 5xx", async ({ baseURL }) => {
  for (const role of ROLES) {
    const ctx = await sessionFor(baseURL!, role);
    const matrix: [string, Access][] = [
      ...(await apiAccess(baseURL!)),
      ...BENCH_ONLY.api.map((key) => [key, "benchOnly"] as [string, Access]),
    ];
    for (const [key, access] of matrix) {
      const [method, route] = key.split(" ") as [string, string];
      const res = await ctx.fetch(concrete(route), {
        method,
        data: method === "GET" || method === "DELETE" ? undefined : {},
        maxRedirects: 0,
      });
      const status = res.status();
      const label = `${role} ${method} ${route} -> ${status}`;
      expect.soft(status, label).toBeLessThan(500);
      if (access === "benchOnly") expect.soft(status, label).toBe(404);
      else if (!allowed(access, role))
        expect.soft(role === "anonymous" || role === "pending" ? [401] : [403, 404], label).toContain(status);
      else expect.soft([401, 403], label).not.toContain(status);
    }
    await ctx.dispose();
  }
});

test("pages: anonymous visitors are sent to /login (also for RSC, prefetch and x-middleware-subrequest requests); employees get 404 on staff pages", async ({
  baseURL,
}) => {
  const variants: Record<string, string>[] = [
    {},
    { RSC: "1" },
    { RSC: "1", "Next-Router-Prefetch": "1" },
    { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" },
    { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" },
  ];
  for (const role of ROLES) {
    const ctx = await sessionFor(baseURL!, role);
    // A page without a declared access already failed the first test.
    const declared = [...pageAccess()].filter((entry): entry is [string, Access] => entry[1] !== null);
    const matrix: [string, Access][] = [
      ...declared,
      ...BENCH_ONLY.pages.map((route) => [route, "benchOnly"] as [string, Access]),
    ];
    for (const [route, access] of matrix) {
      for (const headers of role === "anonymous" ? variants : [{}]) {
        const res = await ctx.get(concrete(route), { headers, maxRedirects: 0 });
        const status = res.status();
        const label = `${role} ${route} ${JSON.stringify(headers)} -> ${status}`;
        expect.soft(status, label).toBeLessThan(500);
        if (access === "benchOnly") expect.soft([404, 307], label).toContain(status);
        else if (access === "public") expect.soft([200, 307], label).toContain(status);
        else if (access === "secondFactorPending" && role === "pending") expect.soft(status, label).toBe(200);
        else if (role === "anonymous" || role === "pending") {
          expect.soft([307, 303, 302], label).toContain(status);
          expect.soft(res.headers()["location"] ?? "", label).toContain("/login");
        } else if (!allowed(access, role)) expect.soft(status, label).toBe(404);
        else expect.soft([200, 404], label).toContain(status);
      }
    }
    await ctx.dispose();
  }
});

test("every response carries the baseline security headers; personal data is never cached", async ({ baseURL }) => {
  const ctx = await sessionFor(baseURL!, "employee");
  for (const url of ["/", "/login", "/api/v1/me/grants", "/api/v1/health"]) {
    const res = await ctx.get(url, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["x-content-type-options"], url).toBe("nosniff");
    expect(h["referrer-policy"], url).toBe("same-origin");
    expect(h["content-security-policy"], url).toContain("frame-ancestors 'none'");
    expect(h["x-frame-options"], url).toBe("DENY");
  }
  expect((await ctx.get("/api/v1/me/grants")).headers()["cache-control"]).toContain("no-store");
  expect((await ctx.get("/")).headers()["cache-control"]).toMatch(/no-store|private/);
  await ctx.dispose();
});
