/**
 * scripts/audit-deps.mjs judges `npm audit --json`: high or critical advisories fail, a registry that
 * refuses the audit endpoint is a loud warning (never a silent pass), anything else is an error.
 */
import { describe, expect, it } from "vitest";

type Judge = (
  stdout: string,
  status: number,
) => { verdict: "clean" | "vulnerable" | "unavailable" | "error"; lines: string[] };
// A .mjs script without type declarations: its one export is typed here.
const { judgeAudit } = (await import("../../scripts/audit-deps.mjs" as string)) as { judgeAudit: Judge };

// What `npm audit --json` printed against this project's registry (captured 2026-11-22).
const REFUSED_405 = JSON.stringify({
  message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  method: "POST",
  uri: "https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
  headers: { allow: ["GET,HEAD"] },
  statusCode: 405,
  body: "",
  error: { summary: "", detail: "" },
});

const report = (
  vulnerabilities: Record<string, unknown>,
  counts: Partial<Record<"info" | "low" | "moderate" | "high" | "critical", number>>,
) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities,
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, ...counts, total: 0 },
      dependencies: { total: 600 },
    },
  });

describe("dependency audit verdicts", () => {
  it("passes a report with nothing at or above high", () => {
    const r = judgeAudit(
      report({ "left-pad": { name: "left-pad", severity: "moderate", via: [], range: "<1.3.0" } }, { moderate: 1 }),
      0,
    );
    expect(r.verdict).toBe("clean");
    expect(r.lines[0]).toContain("0 critical, 0 high, 1 moderate");
  });

  it("fails on high or critical advisories and lists them with their advisory", () => {
    const r = judgeAudit(
      report(
        {
          next: {
            name: "next",
            severity: "critical",
            range: "15.0.0 - 15.2.2",
            fixAvailable: true,
            via: [
              {
                source: 1101,
                title: "Authorization bypass in middleware",
                url: "https://github.com/advisories/GHSA-f82v-jwr5-mffw",
              },
            ],
          },
          tar: { name: "tar", severity: "high", range: "<6.2.1", fixAvailable: false, via: ["exceljs"] },
          ms: { name: "ms", severity: "low", via: [] },
        },
        { critical: 1, high: 1, low: 1 },
      ),
      1,
    );
    expect(r.verdict).toBe("vulnerable");
    expect(r.lines.join("\n")).toContain(
      "critical next 15.0.0 - 15.2.2 — fix available: Authorization bypass in middleware (https://github.com/advisories/GHSA-f82v-jwr5-mffw)",
    );
    expect(r.lines.join("\n")).toContain("high     tar <6.2.1");
    expect(r.lines.join("\n")).not.toContain(" ms ");
  });

  it("warns, without passing anything off as checked, when the registry refuses the audit endpoint", () => {
    for (const refused of [
      REFUSED_405,
      JSON.stringify({
        error: { code: "ENOAUDIT", summary: "Your configured registry does not support audit requests.", detail: "" },
      }),
    ]) {
      const r = judgeAudit(refused, 1);
      expect(r.verdict).toBe("unavailable");
      expect(r.lines.join("\n")).toMatch(/^WARNING: npm audit could not run/);
      expect(r.lines.join("\n")).toContain("NOT checked");
    }
  });

  it("treats other failures and unreadable output as errors", () => {
    expect(
      judgeAudit(
        JSON.stringify({ error: { code: "ENOLOCK", summary: "This command requires an existing lockfile." } }),
        1,
      ).verdict,
    ).toBe("error");
    expect(
      judgeAudit(
        JSON.stringify({
          message: "request to https://registry.npmjs.org failed, reason: getaddrinfo ENOTFOUND",
          code: "ENOTFOUND",
        }),
        1,
      ).verdict,
    ).toBe("error");
    expect(judgeAudit("npm ERR! something", 1).verdict).toBe("error");
  });
});
