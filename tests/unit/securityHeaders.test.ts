import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { config, proxy } from "../../proxy";
import { newNonce, nonceOf, pageContentSecurityPolicy } from "@/lib/platform/http/securityHeaders";

type HeaderRule = {
  source: string;
  has?: { type: string; key: string; value?: string }[];
  headers: { key: string; value: string }[];
};
const nextConfig = createRequire(import.meta.url)("../../next.config.js") as { headers: () => Promise<HeaderRule[]> };

const directives = (csp: string) =>
  new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
const request = (path: string, cookie?: string) =>
  new NextRequest(`http://localhost:3000${path}`, { headers: cookie ? { cookie } : {} });

describe("page Content-Security-Policy", () => {
  it("lets scripts run only with the nonce, never inline, and keeps frames, bases, forms and plugins shut", () => {
    const d = directives(pageContentSecurityPolicy("abc123=="));
    expect(d.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(d.get("default-src")).toEqual(["'self'"]);
    expect(d.get("style-src")).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d.get("img-src")).toEqual(["'self'", "data:"]);
    expect(d.get("font-src")).toEqual(["'self'"]);
    expect(d.get("connect-src")).toEqual(["'self'"]);
    expect(d.get("frame-ancestors")).toEqual(["'none'"]);
    expect(d.get("base-uri")).toEqual(["'self'"]);
    expect(d.get("form-action")).toEqual(["'self'"]);
    expect(d.get("object-src")).toEqual(["'none'"]);
    expect(pageContentSecurityPolicy("n")).not.toContain("unsafe-eval");
    expect(directives(pageContentSecurityPolicy("n", true)).get("script-src")).toContain("'unsafe-eval'");
  });

  it("makes a new 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 2000 }, newNonce));
    expect(nonces.size).toBe(2000);
    for (const n of [...nonces].slice(0, 50)) expect(Buffer.from(n, "base64")).toHaveLength(16);
    expect(nonceOf(pageContentSecurityPolicy("xyz"))).toBe("xyz");
    expect(nonceOf("default-src 'self'")).toBeNull();
  });
});

describe("proxy", () => {
  it("sets the CSP on the response and hands the same nonce to the render through the request headers", () => {
    const res = proxy(request("/hr/plans", "next-auth.session-token=x"));
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    const nonce = nonceOf(csp);
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    // NextResponse.next({ request: { headers } }) forwards overridden request headers this way.
    expect(res.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(res.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(res.headers.get("x-middleware-override-headers")).toContain("x-nonce");
    const again = proxy(request("/hr/plans", "next-auth.session-token=x"));
    expect(nonceOf(again.headers.get("content-security-policy"))).not.toBe(nonce);
  });

  it("sends pages without a session cookie to /login, except the public ones, which still get the CSP", () => {
    for (const path of [
      "/",
      "/hr/plans",
      "/grants/6d2b79f5-0000-4000-8000-00000000abcd?x=1",
      "/loginx",
      "/benchmark",
      "/api",
    ]) {
      const res = proxy(request(path));
      expect([path, res.status], path).toEqual([path, 307]);
      expect(new URL(res.headers.get("location")!).pathname + new URL(res.headers.get("location")!).search).toBe(
        "/login",
      );
      expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
    for (const path of ["/login", "/login/", "/set-password", "/set-password/tok", "/bench/floor"]) {
      const res = proxy(request(path));
      expect([path, res.status, res.headers.get("location")]).toEqual([path, 200, null]);
      expect(nonceOf(res.headers.get("content-security-policy"))).not.toBeNull();
    }
    expect(proxy(request("/", "__Secure-next-auth.session-token=x")).status).toBe(200);
  });

  it("runs on every page but not on the API, static assets or the favicon", () => {
    const matcher = new RegExp(`^${config.matcher[0]}$`);
    for (const path of ["/", "/login", "/bench/floor", "/hr/plans/x/participants", "/set-password", "/api"])
      expect(matcher.test(path), path).toBe(true);
    for (const path of [
      "/api/v1/me/grants",
      "/api/auth/csrf",
      "/_next/static/chunks/a.js",
      "/_next/image",
      "/favicon.ico",
    ])
      expect(matcher.test(path), path).toBe(false);
  });
});

describe("next.config.js headers", () => {
  it("sends the baseline headers everywhere, a strict CSP on the API and no second page CSP", async () => {
    const rules = await nextConfig.headers();
    const everywhere = rules.filter((r) => r.source === "/:path*" && !r.has).flatMap((r) => r.headers);
    expect(Object.fromEntries(everywhere.map((h) => [h.key, h.value]))).toMatchObject({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "same-origin",
      "X-Frame-Options": "DENY",
    });
    expect(everywhere.map((h) => h.key)).not.toContain("Content-Security-Policy");
    expect(everywhere.map((h) => h.key)).not.toContain("Strict-Transport-Security");
    const api = rules.filter((r) => r.source === "/api/:path*").flatMap((r) => r.headers);
    expect(api).toEqual([{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }]);
  });

  it("sends HSTS only when the reverse proxy says the client came over HTTPS", async () => {
    const rules = await nextConfig.headers();
    const hsts = rules.filter((r) => r.headers.some((h) => h.key === "Strict-Transport-Security"));
    expect(hsts).toHaveLength(1);
    const cond = hsts[0]!.has!;
    expect(cond).toHaveLength(1);
    expect(cond[0]).toMatchObject({ type: "header", key: "x-forwarded-proto" });
    // Next matches `has` values as ^value$.
    const matches = (v: string) => new RegExp(`^${cond[0]!.value}$`).test(v);
    expect(["https", "https, http", "https,https"].map(matches)).toEqual([true, true, true]);
    expect(["http", "http, https", "xhttps", ""].map(matches)).toEqual([false, false, false, false]);
  });
});
