/**
 * Cold start: `npm start` on a fresh DATA_DIR with the embedded database (the build already present) to
 * the first 200 on /login: secrets generated, migrations applied, the demo company seeded, Next started.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startServer } from "./serverProcess";

export async function measureColdStart(): Promise<{ seconds: number }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "vd-bench-cold-"));
  // Its own secrets, as a first start on a new machine would generate them.
  const env = { NEXTAUTH_SECRET: "", ID_ENCRYPTION_KEY: "", VD_DEMO: "1" };
  const server = await startServer({ dataDir, databaseUrl: "", env, label: "cold start", timeoutMs: 5 * 60_000 });
  try {
    return { seconds: Math.round(server.startMs) / 1000 };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
