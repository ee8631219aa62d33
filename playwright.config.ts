import { defineConfig } from "@playwright/test";
import os from "node:os";
import path from "node:path";

const port = Number(process.env.E2E_PORT || 3210);
// A fresh embedded database per run, unless the runner points the server at PostgreSQL.
const dataDir = process.env.E2E_DATA_DIR || path.join(os.tmpdir(), `vd-e2e-${process.pid}`);

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: /.*\.e2e\.ts$/,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e-results.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    // Most users read Chinese; the first visit follows the browser's language, so specs say which they use.
    locale: "zh-CN",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
    trace: "off",
    screenshot: "only-on-failure",
  },
  webServer: {
    command: "npx tsx --conditions=react-server scripts/start.ts",
    url: `http://localhost:${port}/api/v1/health`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(port),
      DATA_DIR: dataDir,
      NEXTAUTH_URL: `http://localhost:${port}`,
      DEMO_PASSWORD: "vesting-demo",
      VD_E2E: "1",
      VD_TODAY: process.env.VD_TODAY || "2026-11-21",
    },
  },
});
