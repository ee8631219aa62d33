/**
 * Response security against the running portal: a per-request nonce CSP on every page that the
 * browser actually enforces without breaking the app, a strict CSP on the API, HSTS only over HTTPS,
 * no caching of personal data, session cookies that scripts cannot read, and cross-origin writes refused.
 */
import { expect, request as playwrightRequest, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_PASSWORD, signIn } from "./support";

const NOWHERE = "6d2b79f5-0000-4000-8000-00000000abcd";

async function signedIn(baseURL: string, identifier = "employee@demo.local"): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier, password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(400);
  return ctx;
}

/** Every Content-Security-Policy header of a response (there must be exactly one). */
const cspHeaders = (res: APIResponse) =>
  res
    .headersArray()
    .filter((h) => h.name.toLowerCase() === "content-security-policy")
    .map((h) => h.value);
const directive = (csp: string, name: string) =>
  csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `)) ?? "";
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;

test("pages: one CSP header with a fresh nonce, and every script in the HTML carries it", async ({ baseURL }) => {
  const anonymous = await playwrightRequest.newContext({ baseURL });
  const employee = await signedIn(baseURL!);
  const seen = new Set<string>();
  for (const [ctx, path] of [
    [anonymous, "/login"],
    [anonymous, "/login"],
    [employee, "/"],
    [employee, "/blackouts"],
    [employee, "/account"],
  ] as const) {
    const res = await ctx.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    const csps = cspHeaders(res);
    expect(csps, path).toHaveLength(1);
    const csp = csps[0]!;
    const nonce = nonceOf(csp);
    expect(nonce, path).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(seen.has(nonce!), `nonce reused on ${path}`).toBe(false);
    seen.add(nonce!);
    expect(directive(csp, "script-src"), path).toBe(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    for (const d of [
      "default-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "img-src 'self' data:",
      "connect-src 'self'",
    ])
      expect(csp, path).toContain(d);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(
      scripts.filter((s) => !s.includes(`nonce="${nonce}"`)),
      `${path}: scripts without this response's nonce`,
    ).toEqual([]);
  }
  await anonymous.dispose();
  await employee.dispose();
});

test("the browser enforces the CSP and the portal still works under it: no violation while signing in, navigating and acting", async ({
  page,
}) => {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const consoleViolations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) consoleViolations.push(m.text());
  });
  // Signing in needs the login form's client script: it only works if Next's scripts got the nonce.
  await signIn(page, "employee2@demo.local");
  for (const path of ["/blackouts", "/publicity", "/account", "/"]) {
    await page.goto(path);
    await expect(page.locator("main").first()).toBeVisible();
  }
  // A server action and a client transition: the language switch, there and back (the choice is saved).
  const heading = page.getByTestId("home-heading");
  const before = (await heading.textContent()) ?? "";
  await page.getByTestId("language-switch").click();
  await expect(heading).not.toHaveText(before);
  await page.getByTestId("language-switch").click();
  await expect(heading).toHaveText(before);
  expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
  expect(consoleViolations).toEqual([]);
  // And injected markup cannot run script: an inline event handler, the usual XSS payload, is blocked and
  // reported. (Script elements created by already-trusted code are allowed by design of 'strict-dynamic'.)
  const blocked = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: number };
    const div = document.createElement("div");
    div.innerHTML = '<img src="data:," onerror="window.__injected = (window.__injected || 0) + 1" alt="">';
    document.body.appendChild(div);
    await new Promise((r) => setTimeout(r, 100));
    return w.__injected === undefined;
  });
  expect(blocked).toBe(true);
  expect(
    (await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).some((v) =>
      v.startsWith("script-src"),
    ),
  ).toBe(true);
});

test("API responses: a strict CSP of their own, no nonce, one header", async ({ baseURL }) => {
  const ctx = await signedIn(baseURL!);
  for (const path of ["/api/v1/health", "/api/v1/me/grants", "/api/v1/plans"]) {
    const res = await ctx.get(path);
    expect(cspHeaders(res), path).toEqual(["default-src 'none'; frame-ancestors 'none'"]);
    expect(res.headers()["x-content-type-options"], path).toBe("nosniff");
    expect(res.headers()["x-frame-options"], path).toBe("DENY");
    expect(res.headers()["referrer-policy"], path).toBe("same-origin");
  }
  await ctx.dispose();
});

test("HSTS only when the reverse proxy says the request came over HTTPS", async ({ baseURL }) => {
  const ctx = await signedIn(baseURL!);
  for (const path of ["/", "/login", "/api/v1/me/grants", "/api/v1/health"]) {
    const plain = await ctx.get(path, { maxRedirects: 0 });
    expect(plain.headers()["strict-transport-security"], `${path} over http`).toBeUndefined();
    const tls = await ctx.get(path, { maxRedirects: 0, headers: { "x-forwarded-proto": "https" } });
    expect(tls.headers()["strict-transport-security"], `${path} over https`).toBe(
      "max-age=31536000; includeSubDomains",
    );
  }
  await ctx.dispose();
});

test("personal data is never cached; the session cookie is HttpOnly and SameSite=Lax", async ({ baseURL, browser }) => {
  const ctx = await signedIn(baseURL!);
  for (const path of ["/api/v1/me/grants", "/api/v1/me/notices", `/api/v1/grants/${NOWHERE}`])
    expect((await ctx.get(path)).headers()["cache-control"], path).toContain("no-store");
  for (const path of ["/", "/account", "/blackouts"])
    expect((await ctx.get(path)).headers()["cache-control"], path).toMatch(/no-store/);
  await ctx.dispose();

  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signIn(page, "employee@demo.local");
  const session = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  expect(session).toBeDefined();
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", path: "/" });
  // Over plain HTTP (NEXTAUTH_URL http://...) the cookie cannot be Secure; behind HTTPS it is __Secure- and Secure.
  expect(session!.secure).toBe(session!.name.startsWith("__Secure-"));
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
  await context.close();
});

test("writes from another origin, or from an opaque null origin, are refused", async ({ baseURL }) => {
  const ctx = await signedIn(baseURL!);
  const path = `/api/v1/me/notices/${NOWHERE}/read`;
  for (const origin of ["https://evil.example", "null", "http://localhost.evil.example"]) {
    const res = await ctx.post(path, { headers: { origin } });
    expect(res.status(), origin).toBe(403);
    expect((await res.json()).error.code, origin).toBe("CROSS_ORIGIN");
  }
  const same = await ctx.post(path, { headers: { origin: new URL(baseURL!).origin } });
  expect(same.status()).not.toBe(403);
  await ctx.dispose();
});

test("the login redirect stays optimistic and explicit: portal pages without a cookie go to /login, public pages do not", async ({
  baseURL,
}) => {
  const ctx = await playwrightRequest.newContext({ baseURL });
  for (const path of ["/", "/hr/plans", "/account"]) {
    const res = await ctx.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(307);
    expect(res.headers()["location"], path).toMatch(/\/login$/);
  }
  for (const path of ["/login", "/set-password"]) {
    const res = await ctx.get(path, { maxRedirects: 0 });
    expect(res.status(), path).toBe(200);
    expect(nonceOf(cspHeaders(res)[0] ?? ""), path).not.toBeNull();
  }
  await ctx.dispose();
});
