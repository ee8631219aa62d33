/** Generated secrets: created once in DATA_DIR, read from there once per process, the environment winning. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadOrCreateSecret } from "@/lib/platform/secrets";

const previous = { dataDir: process.env.DATA_DIR, env: process.env.VD_TEST_SECRET };
afterEach(() => {
  process.env.DATA_DIR = previous.dataDir;
  if (previous.env === undefined) delete process.env.VD_TEST_SECRET;
  else process.env.VD_TEST_SECRET = previous.env;
});

describe("secrets in DATA_DIR", () => {
  it("are generated once, kept in a 0600 file, and served from memory afterwards", () => {
    process.env.DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "vd-secrets-"));
    delete process.env.VD_TEST_SECRET;
    const first = loadOrCreateSecret("VD_TEST_SECRET", "test-secret");
    expect(first.source).toBe("created");
    expect(Buffer.from(first.value, "base64url")).toHaveLength(32);
    expect(fs.readFileSync(first.file, "utf8").trim()).toBe(first.value);
    expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
    // Read once per process: the file is not opened again (here it is even gone).
    fs.rmSync(first.file);
    expect(loadOrCreateSecret("VD_TEST_SECRET", "test-secret")).toEqual({
      value: first.value,
      source: "file",
      file: first.file,
    });
  });

  it("come from the file another process wrote, per DATA_DIR, and the environment always wins", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vd-secrets-"));
    fs.writeFileSync(path.join(dir, "test-secret"), "written-by-another-process\n");
    process.env.DATA_DIR = dir;
    delete process.env.VD_TEST_SECRET;
    expect(loadOrCreateSecret("VD_TEST_SECRET", "test-secret")).toMatchObject({
      value: "written-by-another-process",
      source: "file",
    });
    process.env.VD_TEST_SECRET = "from-env";
    expect(loadOrCreateSecret("VD_TEST_SECRET", "test-secret")).toMatchObject({ value: "from-env", source: "env" });
  });
});
