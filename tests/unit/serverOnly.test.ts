/**
 * Every module of lib/features, lib/platform and lib/auth is server-only: importing one from a client
 * component fails the build instead of shipping database code or secrets to the browser. The error-code
 * table is the one exception: forms show its texts.
 */
import { execSync } from "node:child_process";
import fs from "node:fs";
import { describe, expect, it } from "vitest";

const CLIENT_SAFE = new Set(["lib/platform/errors/errorCodes.ts"]);

describe("server-only", () => {
  it("marks every server module, and leaves the client-safe ones unmarked", () => {
    const files = execSync("git ls-files --cached --others --exclude-standard lib/features lib/platform lib/auth", {
      encoding: "utf8",
    })
      .split("\n")
      .filter((f) => /\.tsx?$/.test(f) && fs.existsSync(f));
    expect(files.length).toBeGreaterThan(100);
    const unmarked = files.filter(
      (f) => !CLIENT_SAFE.has(f) && !/^import "server-only";$/m.test(fs.readFileSync(f, "utf8")),
    );
    expect(unmarked, 'server modules without import "server-only"').toEqual([]);
    for (const f of CLIENT_SAFE) expect(fs.readFileSync(f, "utf8"), f).not.toMatch(/server-only/);
  });
});
