/**
 * The authorization matrix: every /api/v1 route handler and every page, discovered from the file system,
 * for every role. A new route or page without an entry here fails the test, so access is always decided
 * on purpose. Ids in paths are well-formed UUIDs that exist nowhere: allowed roles get 4xx for them, never
 * 2xx with someone's data, never 5xx; denied roles get 401 (anonymous) or 403 / 404.
 */
import fs from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type APIRequestContext } from "@playwright/test";

type Access = "public" | "signedIn" | "staffRead" | "staffWrite" | "adminOnly" | "adminOrAuditor" | "benchOnly";
type Role = "anonymous" | "employee" | "hr" | "auditor" | "admin";

const API_ACCESS: Record<string, Access> = {
  "GET /api/v1/health": "public",
  "GET /api/v1/calendar-feeds/[token]": "public",
  "GET /api/v1/bench/trivial": "benchOnly",
  "GET /api/v1/blackout-windows": "signedIn",
  "GET /api/v1/calendar/trading-days": "signedIn",
  "GET /api/v1/calendar/closures": "staffRead",
  "POST /api/v1/calendar/closures": "staffWrite",
  "POST /api/v1/corporate-actions/[actionId]/compensate": "staffWrite",
  "POST /api/v1/corporate-actions/preview": "staffRead",
  "GET /api/v1/corporate-actions": "staffRead",
  "POST /api/v1/corporate-actions": "staffWrite",
  "PATCH /api/v1/disclosures/[eventId]": "staffWrite",
  "DELETE /api/v1/disclosures/[eventId]": "staffWrite",
  "GET /api/v1/disclosures": "staffRead",
  "POST /api/v1/disclosures": "staffWrite",
  "POST /api/v1/grants/[grantId]/accept": "signedIn",
  "GET /api/v1/grants/[grantId]": "signedIn",
  "POST /api/v1/me/calendar-feed": "signedIn",
  "DELETE /api/v1/me/calendar-feed": "signedIn",
  "GET /api/v1/me/calendar.ics": "signedIn",
  "GET /api/v1/me/grants": "signedIn",
  "POST /api/v1/me/notices/[noticeId]/read": "signedIn",
  "GET /api/v1/me/notices": "signedIn",
  "PATCH /api/v1/objections/[objectionId]": "staffWrite",
  "POST /api/v1/persons/[personId]/leave": "staffWrite",
  "GET /api/v1/plans/[planId]/grants": "signedIn",
  "POST /api/v1/plans/[planId]/grants": "staffWrite",
  "GET /api/v1/plans/[planId]/participants": "staffRead",
  "POST /api/v1/plans/[planId]/participants": "staffWrite",
  "GET /api/v1/plans/[planId]/publicity-periods": "staffRead",
  "POST /api/v1/plans/[planId]/publicity-periods": "staffWrite",
  "GET /api/v1/plans/[planId]": "signedIn",
  "PATCH /api/v1/plans/[planId]": "staffWrite",
  "POST /api/v1/plans/[planId]/status": "staffWrite",
  "GET /api/v1/plans/[planId]/verifications": "staffRead",
  "POST /api/v1/plans/[planId]/verifications": "staffWrite",
  "GET /api/v1/plans/[planId]/vesting-runs": "staffRead",
  "POST /api/v1/plans/[planId]/vesting-runs": "staffWrite",
  "GET /api/v1/plans": "signedIn",
  "POST /api/v1/plans": "staffWrite",
  "POST /api/v1/publicity-periods/[periodId]/close": "staffWrite",
  "GET /api/v1/publicity-periods/[periodId]/notice.xlsx": "staffRead",
  "POST /api/v1/publicity-periods/[periodId]/objections": "signedIn",
  "GET /api/v1/publicity-periods/[periodId]/objections": "staffRead",
  "GET /api/v1/publicity-periods": "signedIn",
  "GET /api/v1/openapi.json": "public",
  "GET /api/v1/exports/register": "adminOrAuditor",
  "GET /api/v1/users": "adminOnly",
  "POST /api/v1/users": "adminOnly",
  "GET /api/v1/users/[userId]": "adminOnly",
  "PATCH /api/v1/users/[userId]": "adminOnly",
  "POST /api/v1/users/[userId]/password-reset": "adminOnly",
  "GET /api/v1/api-tokens": "adminOnly",
  "POST /api/v1/api-tokens": "adminOnly",
  "DELETE /api/v1/api-tokens/[tokenId]": "adminOnly",
  "GET /api/v1/audit-log": "adminOrAuditor",
  "GET /api/v1/audit-log/verify": "adminOrAuditor",
};

const PAGE_ACCESS: Record<string, Access> = {
  "/login": "public",
  "/bench/floor": "benchOnly",
  "/": "signedIn",
  "/account": "signedIn",
  "/blackouts": "signedIn",
  "/publicity": "signedIn",
  "/grants/[grantId]": "signedIn",
  "/hr/corporate-actions": "staffRead",
  "/hr/disclosures": "staffRead",
  "/hr/grants": "staffRead",
  "/hr/grants/[planId]": "staffRead",
  "/hr/leavers": "staffRead",
  "/hr/plans": "staffRead",
  "/hr/plans/new": "staffWrite",
  "/hr/plans/[planId]": "staffRead",
  "/hr/plans/[planId]/edit": "staffWrite",
  "/hr/plans/[planId]/participants": "staffRead",
  "/hr/publicity": "staffRead",
  "/hr/publicity/new": "staffRead",
  "/hr/publicity/[periodId]": "staffRead",
  "/hr/publicity/[periodId]/print": "staffRead",
  "/hr/publicity/verification/[planId]": "staffRead",
  "/hr/vesting": "staffRead",
  "/hr/vesting/[planId]": "staffRead",
  "/set-password": "public",
  "/admin/exports": "adminOrAuditor",
  "/admin/audit": "adminOrAuditor",
  "/admin/users": "adminOnly",
  "/admin/users/[userId]": "adminOnly",
  "/admin/tokens": "adminOnly",
};

const NOWHERE = "6d2b79f5-0000-4000-8000-00000000abcd";
const ROLES: Role[] = ["anonymous", "employee", "hr", "auditor", "admin"];

function walk(dir: string, file: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name), file) : e.name === file ? [path.join(dir, e.name)] : []));
}

function discoveredApi(): string[] {
  return walk("app/api/v1", "route.ts").flatMap((f) => {
    const route = "/" + path.dirname(f).split(path.sep).join("/").replace(/^app\//, "");
    const methods = [...fs.readFileSync(f, "utf8").matchAll(/export (?:const|async function) (GET|POST|PATCH|PUT|DELETE)\b/g)].map((m) => m[1]);
    return methods.map((m) => `${m} ${route}`);
  });
}

function discoveredPages(): string[] {
  return walk("app", "page.tsx").map((f) => "/" + path.dirname(f).split(path.sep).join("/").replace(/^app\/?/, "").replace(/\([^)]+\)\/?/g, "")).map((p) => (p.length > 1 ? p.replace(/\/$/, "") : "/"));
}

const concrete = (route: string) => route.replace(/\[token\]/, "not-a-real-feed-token-000000.ics").replace(/\[[^\]]+\]/g, NOWHERE);

async function sessionFor(baseURL: string, role: Role): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  if (role === "anonymous") return ctx;
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", { form: { csrfToken, identifier: `${role}@demo.local`, password: "vesting-demo", json: "true" }, maxRedirects: 0 });
  expect(res.status(), `sign-in as ${role}`).toBeLessThan(400);
  return ctx;
}

function allowed(access: Access, role: Role): boolean {
  if (access === "public") return true;
  if (access === "benchOnly") return false;
  if (role === "anonymous") return false;
  if (access === "signedIn") return true;
  if (access === "staffRead") return role !== "employee";
  if (access === "adminOnly") return role === "admin";
  if (access === "adminOrAuditor") return role === "admin" || role === "auditor";
  return role === "hr" || role === "admin";
}

test("every API route and page has an entry in the authorization matrix", () => {
  expect(discoveredApi().filter((k) => !(k in API_ACCESS)), "API routes without a matrix entry").toEqual([]);
  expect(Object.keys(API_ACCESS).filter((k) => !discoveredApi().includes(k)), "matrix entries for routes that no longer exist").toEqual([]);
  expect(discoveredPages().filter((p) => !(p in PAGE_ACCESS)), "pages without a matrix entry").toEqual([]);
});

test("API: each role gets exactly the access the matrix gives, and nothing answers 5xx", async ({ baseURL }) => {
  for (const role of ROLES) {
    const ctx = await sessionFor(baseURL!, role);
    for (const [key, access] of Object.entries(API_ACCESS)) {
      const [method, route] = key.split(" ") as [string, string];
      const res = await ctx.fetch(concrete(route), { method, data: method === "GET" || method === "DELETE" ? undefined : {}, maxRedirects: 0 });
      const status = res.status();
      const label = `${role} ${method} ${route} -> ${status}`;
      expect.soft(status, label).toBeLessThan(500);
      if (access === "benchOnly") expect.soft(status, label).toBe(404);
      else if (!allowed(access, role)) expect.soft(role === "anonymous" ? [401] : [403, 404], label).toContain(status);
      else expect.soft([401, 403], label).not.toContain(status);
    }
    await ctx.dispose();
  }
});

test("pages: anonymous visitors are sent to /login (also for RSC, prefetch and x-middleware-subrequest requests); employees get 404 on staff pages", async ({ baseURL }) => {
  const variants: Record<string, string>[] = [{}, { RSC: "1" }, { RSC: "1", "Next-Router-Prefetch": "1" }, { "x-middleware-subrequest": "middleware:middleware:middleware:middleware:middleware" }, { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" }];
  for (const role of ROLES) {
    const ctx = await sessionFor(baseURL!, role);
    for (const [route, access] of Object.entries(PAGE_ACCESS)) {
      for (const headers of role === "anonymous" ? variants : [{}]) {
        const res = await ctx.get(concrete(route), { headers, maxRedirects: 0 });
        const status = res.status();
        const label = `${role} ${route} ${JSON.stringify(headers)} -> ${status}`;
        expect.soft(status, label).toBeLessThan(500);
        if (access === "benchOnly") expect.soft([404, 307], label).toContain(status);
        else if (access === "public") expect.soft([200, 307], label).toContain(status);
        else if (role === "anonymous") {
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
