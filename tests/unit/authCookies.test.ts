/**
 * The portal's next-auth configuration as it sets cookies: behind HTTPS (NEXTAUTH_URL https://...)
 * they are Secure and carry the __Host-/__Secure- prefixes; over plain HTTP (local use) they cannot
 * be Secure. Always HttpOnly and SameSite=Lax. Runs next-auth's own handler on GET /api/auth/csrf.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NextAuthOptions } from "next-auth";

type Cookie = {
  name: string;
  value: string;
  options: { httpOnly?: boolean; sameSite?: string; path?: string; secure?: boolean };
};
type AuthHandlerFn = (params: { req: Request; options: NextAuthOptions }) => Promise<{ cookies?: Cookie[] }>;

const saved = { url: process.env.NEXTAUTH_URL, secret: process.env.NEXTAUTH_SECRET };
let authOptions: NextAuthOptions;
let AuthHandler: AuthHandlerFn;

beforeAll(async () => {
  // Set before the import: the options read the secret when the module loads.
  process.env.NEXTAUTH_SECRET = "unit-test-secret-unit-test-secret-0123";
  authOptions = (await import("@/lib/auth/authOptions")).authOptions;
  // next-auth's request handler (not in its package exports: loaded by path, as next-auth/next does).
  AuthHandler = (
    createRequire(import.meta.url)(path.join(process.cwd(), "node_modules", "next-auth", "core", "index.js")) as {
      AuthHandler: AuthHandlerFn;
    }
  ).AuthHandler;
});
afterAll(() => {
  for (const [key, value] of [
    ["NEXTAUTH_URL", saved.url],
    ["NEXTAUTH_SECRET", saved.secret],
  ] as const) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

async function csrfCookies(base: string): Promise<Cookie[]> {
  process.env.NEXTAUTH_URL = base;
  const res = await AuthHandler({ req: new Request(`${base}/api/auth/csrf`), options: authOptions });
  return res.cookies ?? [];
}

describe("session and CSRF cookies", () => {
  it("behind HTTPS: Secure, __Host-/__Secure- prefixed, HttpOnly, SameSite=Lax", async () => {
    const cookies = await csrfCookies("https://portal.example.com");
    const csrf = cookies.find((c) => c.name.endsWith("next-auth.csrf-token"));
    expect(csrf?.name).toBe("__Host-next-auth.csrf-token");
    expect(csrf?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", secure: true });
    for (const c of cookies) {
      expect(c.name, c.name).toMatch(/^__(Host|Secure)-/);
      expect(c.options.secure, c.name).toBe(true);
    }
  });

  it("over plain HTTP (local use): no prefix and not Secure, still HttpOnly and SameSite=Lax", async () => {
    const cookies = await csrfCookies("http://localhost:3000");
    const csrf = cookies.find((c) => c.name.endsWith("next-auth.csrf-token"));
    expect(csrf?.name).toBe("next-auth.csrf-token");
    expect(csrf?.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(csrf?.options.secure ?? false).toBe(false);
  });
});
