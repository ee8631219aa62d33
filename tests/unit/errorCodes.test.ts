/**
 * The error-code table is complete and consistent: every code the sources emit is in it with the status
 * it is answered with, every entry reads in both languages, the rule codes are the domain's (422), and
 * the API answers an ApiError with its table status.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ZodError, z } from "zod";
import { RuleError, ruleMessages, withDetails, type RuleCode } from "@/lib/domain/errors";
import { ApiError } from "@/lib/platform/errors/apiError";
import {
  CLIENT_ERROR_CODES,
  ERROR_CODES,
  errorText,
  isErrorCode,
  type ServerErrorCode,
} from "@/lib/platform/errors/errorCodes";
import { errorResponse } from "@/lib/platform/http/apiResponse";

const ROOT = path.resolve(__dirname, "../..");
const CJK = /[\u4e00-\u9fff]/;

/** Every .ts/.tsx file under lib/ and app/, as [relative path, text]. */
function sources(): [string, string][] {
  const out: [string, string][] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (/\.tsx?$/.test(entry.name)) out.push([rel, readFileSync(path.join(ROOT, rel), "utf8")]);
    }
  };
  walk("lib");
  walk("app");
  return out;
}

const SOURCES = sources();

/** [file, code] of each match of a pattern whose first group is the code. */
function occurrences(pattern: RegExp): [string, string][] {
  return SOURCES.flatMap(([file, text]) => [...text.matchAll(pattern)].map((m) => [file, m[1]!] as [string, string]));
}

describe("every code the application emits is in the table", () => {
  it("ApiError call sites name a known code, and none passes a status of its own", () => {
    const sites = occurrences(/new ApiError\(\s*"([A-Z][A-Z0-9_]*)"/g);
    expect(sites.length).toBeGreaterThan(50);
    for (const [file, code] of sites) expect(isErrorCode(code), `${code} in ${file}`).toBe(true);
    // The status comes from the table: the old form new ApiError(409, "CODE", ...) must not come back.
    expect(occurrences(/new ApiError\(\s*(\d{3})\s*,/g).map(([file, status]) => `${file}: ${status}`)).toEqual([]);
  });

  it("call sites with a computed code are the known few", () => {
    const computed = occurrences(/new ApiError\(\s*([^"\s][^,)]*)/g).map(
      ([file, arg]) => `${file.split(path.sep).join("/")}: ${arg}`,
    );
    expect(computed.sort()).toEqual([
      "lib/features/admin/passwordSetup.ts: `PASSWORD_${problem}`",
      "lib/platform/errors/refusal.ts: first.code",
      "lib/platform/http/apiResponse.ts: e.code",
    ]);
    for (const problem of ["TOO_SHORT", "TOO_LONG", "TOO_COMMON"])
      expect(ERROR_CODES[`PASSWORD_${problem}` as ServerErrorCode].status).toBe(422);
  });

  it("codes written into refusals and error bodies by hand (action results, forms, error mapper) are known", () => {
    const literals = occurrences(/\bcode: "([A-Z][A-Z0-9_]+)"/g);
    expect(literals.map(([, code]) => code)).toEqual(
      expect.arrayContaining(["BAD_REQUEST", "NETWORK", "ATTACHMENT_TOO_LARGE"]),
    );
    for (const [file, code] of literals) expect(isErrorCode(code), `${code} in ${file}`).toBe(true);
    for (const code of [
      "BAD_REQUEST",
      "DATABASE_UNAVAILABLE",
      "INVALID_VALUE",
      "INTERNAL",
      "CROSS_ORIGIN",
      "UNAUTHENTICATED",
      "FORBIDDEN",
      "NOT_FOUND",
    ]) {
      expect(isErrorCode(code), code).toBe(true);
    }
  });
});

describe("the table's entries", () => {
  it("each has an English and a Chinese text", () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(entry.en.trim().length, code).toBeGreaterThan(5);
      expect(entry.zh.trim().length, code).toBeGreaterThan(1);
      expect(entry.zh, code).toMatch(CJK);
      expect(entry.en, code).not.toMatch(CJK);
    }
  });

  it("holds every rule code at 422 with the domain's own texts", () => {
    for (const code of Object.keys(ruleMessages) as RuleCode[]) {
      expect(ERROR_CODES[code], code).toEqual({ status: 422, en: ruleMessages[code].en, zh: ruleMessages[code].zh });
    }
  });

  it("errorText reads a code in the reader's language and falls back to the server's message", () => {
    expect(errorText("PLAN_NOT_DRAFT", "zh-CN")).toBe("计划已不是草案状态，不能再修改。");
    expect(errorText("PLAN_NOT_DRAFT", "en")).toBe("Only a draft plan can be edited.");
    expect(errorText("IN_BLACKOUT", "zh-CN")).toBe(withDetails(ruleMessages.IN_BLACKOUT.zh, {}));
    expect(errorText("IN_BLACKOUT", "zh-CN", "", { date: "2025-04-10", next: "2025-04-30" })).toBe(
      "2025-04-10处于不得归属的期间内。下一个不在不得归属期间内的交易日：2025-04-30。",
    );
    expect(errorText("SOMETHING_NEW", "zh-CN", "Server text.")).toBe("Server text.");
    expect(errorText("SOMETHING_NEW", "en")).toBe("SOMETHING_NEW");
    expect(errorText(undefined, "en", "Server text.")).toBe("Server text.");
    // Prototype keys are not codes.
    expect(errorText("toString", "en", "fallback")).toBe("fallback");
    expect(errorText("HTTP_413", "zh-CN")).toBe(ERROR_CODES.HTTP_ERROR.zh);
    expect(errorText("HTTP_502", "en")).toBe(ERROR_CODES.HTTP_ERROR.en);
  });
});

describe("ApiError and the API's answer", () => {
  const serverCodes = Object.keys(ERROR_CODES).filter(
    (c) => !(CLIENT_ERROR_CODES as string[]).includes(c),
  ) as ServerErrorCode[];

  it("takes its status from the table and its message from the call site, or the table's English", () => {
    const e = new ApiError("PUBLICITY_ALREADY_OPEN", "Specific text.", { periodId: "p" });
    expect([e.status, e.code, e.message, e.details, e.name]).toEqual([
      409,
      "PUBLICITY_ALREADY_OPEN",
      "Specific text.",
      { periodId: "p" },
      "ApiError",
    ]);
    expect(new ApiError("NOT_FOUND").message).toBe(ERROR_CODES.NOT_FOUND.en);
    expect(new ApiError("NOT_FOUND").details).toBeNull();
    expect(() => new ApiError("NO_SUCH_CODE" as ServerErrorCode)).toThrow(TypeError);
  });

  it("errorResponse answers every server code with its table status and the same body", async () => {
    for (const code of serverCodes) {
      const res = errorResponse(new ApiError(code, "m", { k: 1 }));
      expect(res.status, code).toBe(ERROR_CODES[code].status);
      expect(await res.json(), code).toEqual({ error: { code, message: "m", details: { k: 1 } } });
      expect(res.headers.get("cache-control"), code).toBe("no-store");
    }
  });

  it("maps rule errors to 422, zod to 400 and anything else to 500, as before", async () => {
    const rule = errorResponse(new RuleError("IN_BLACKOUT", { date: "2025-04-10" }));
    expect(rule.status).toBe(422);
    expect(await rule.json()).toEqual({
      error: {
        code: "IN_BLACKOUT",
        message: withDetails(ruleMessages.IN_BLACKOUT.en, { date: "2025-04-10" }),
        details: { date: "2025-04-10" },
      },
    });
    const parsed = z.object({ n: z.number() }).safeParse({ n: "x" });
    const zod = errorResponse(parsed.error as ZodError);
    expect(zod.status).toBe(400);
    expect(await zod.json()).toMatchObject({
      error: { code: "BAD_REQUEST", message: "The request is not valid.", details: [{ path: "n" }] },
    });
    const original = console.error;
    console.error = () => {};
    try {
      const boom = errorResponse(new Error("boom"));
      expect(boom.status).toBe(500);
      expect(await boom.json()).toEqual({
        error: { code: "INTERNAL", message: "Something went wrong on our side.", details: null },
      });
    } finally {
      console.error = original;
    }
  });
});
