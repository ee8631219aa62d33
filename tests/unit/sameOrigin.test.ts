/**
 * Cross-origin writes are refused before any handler runs: a foreign Origin, the opaque "null" origin
 * (sandboxed frames, some redirects) or a malformed one answers 403 CROSS_ORIGIN; reads, and clients
 * that send no Origin at all (API tokens, curl), pass.
 */
import { describe, expect, it } from "vitest";
import { apiRoute } from "@/lib/platform/http/apiResponse";

const handler = apiRoute(async () => new Response("ran", { status: 200 }));
const call = (method: string, headers: Record<string, string>) =>
  handler(
    new Request("http://portal.local:3000/api/v1/x", { method, headers: { host: "portal.local:3000", ...headers } }),
    {},
  );

describe("same-origin check for writes", () => {
  it("refuses writes from another origin, a null origin or a malformed one", async () => {
    for (const method of ["POST", "PATCH", "PUT", "DELETE"]) {
      for (const origin of [
        "https://evil.example",
        "null",
        "http://portal.local:3001",
        "http://portal.local.evil.example:3000",
        "not a url",
      ]) {
        const res = await call(method, { origin });
        expect(res.status, `${method} ${origin}`).toBe(403);
        expect((await res.json()).error.code).toBe("CROSS_ORIGIN");
      }
    }
  });

  it("lets same-origin writes, writes without an Origin header and every read through", async () => {
    expect((await call("POST", { origin: "http://portal.local:3000" })).status).toBe(200);
    expect((await call("POST", {})).status).toBe(200);
    expect((await call("GET", { origin: "https://evil.example" })).status).toBe(200);
    // Behind a reverse proxy the public host is in X-Forwarded-Host.
    expect(
      (await call("POST", { origin: "https://vesting.example.com", "x-forwarded-host": "vesting.example.com" })).status,
    ).toBe(200);
  });
});
