/**
 * scripts/verify-audit.ts as an operator runs it: a separate process against a real database, once
 * intact and once after a row was changed behind the append-only trigger's back.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "@/db/client";
import { applyMigrations } from "@/db/migrate";
import { appendAudit } from "@/lib/platform/auditTrail";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");

/** Runs the CLI with only the given database settings (the test runner's own are removed). */
function verifyCli(env: { DATABASE_URL?: string; DATA_DIR?: string }) {
  const { DATABASE_URL: _url, DATA_DIR: _dir, ...rest } = process.env;
  const run = spawnSync(TSX, ["--conditions=react-server", "scripts/verify-audit.ts"], {
    cwd: process.cwd(),
    env: { ...rest, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: run.status, out: (run.stdout + run.stderr).trim() };
}

async function appendSome(h: DatabaseHandle, n: number) {
  for (let i = 1; i <= n; i++) {
    await h.db.transaction((tx) =>
      appendAudit(tx, {
        actorUserId: null,
        action: "test.event",
        entityType: "test",
        entityId: String(i),
        before: null,
        after: { i, note: "原值" },
        ip: "10.0.0.1",
      }),
    );
  }
}

/** Changes one row the way an insider with table rights would: triggers off for the session (superuser). */
async function tamper(h: DatabaseHandle, id: number) {
  await h.db.transaction(async (tx) => {
    await tx.execute(sql`SET LOCAL session_replication_role = replica`);
    await tx.execute(
      sql`UPDATE audit_log SET after = ${JSON.stringify({ i: 3, note: "改过" })}::jsonb WHERE id = ${id}`,
    );
  });
}

describe.each(BACKENDS)("audit verifier CLI on %s", (kind) => {
  let h: DatabaseHandle;
  let env: { DATABASE_URL?: string; DATA_DIR?: string };
  let tmp: string | null = null;
  // The embedded database is one process at a time: the test closes it while the CLI runs.
  const reopen = async () => {
    if (kind === "pglite") h = openDatabase({ url: "", pgliteDir: path.join(tmp!, "pglite") });
  };
  const release = async () => {
    if (kind === "pglite") await h.close();
  };

  beforeAll(async () => {
    if (kind === "postgres") {
      h = await freshDatabase("postgres");
      const [{ name }] = (await rows<{ name: string }>(h, sql`SELECT current_database() AS name`)) as [
        { name: string },
      ];
      const url = new URL(process.env.VD_TEST_PG_URL!);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString() };
    } else {
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vd-audit-cli-"));
      env = { DATA_DIR: tmp };
      await reopen();
      await applyMigrations(h);
    }
    await appendSome(h, 5);
    await release();
  });
  afterAll(async () => {
    if (kind === "postgres") await h?.close();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("prints the row count and exits 0 for an intact chain", () => {
    const r = verifyCli(env);
    expect(r.out).toBe("audit chain ok: 5 rows");
    expect(r.code).toBe(0);
  });

  it("names the first changed row and exits 1", async () => {
    await reopen();
    const ids = (await rows<{ id: number }>(h, sql`SELECT id FROM audit_log ORDER BY id`)).map((r) => Number(r.id));
    await tamper(h, ids[2]!);
    // The trigger is back for everyone else: an ordinary update is still refused.
    await expect(h.db.execute(sql`UPDATE audit_log SET ip = '1.1.1.1' WHERE id = ${ids[0]!}`)).rejects.toThrow();
    await release();
    const r = verifyCli(env);
    expect(r.out).toMatch(new RegExp(`^audit chain broken at row #${ids[2]} \\(row 3 in order`));
    expect(r.code).toBe(1);
  });
});

describe("audit verifier CLI without a database", () => {
  it("says so and exits 2 rather than verifying an empty new database", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vd-audit-none-"));
    try {
      const r = verifyCli({ DATA_DIR: tmp });
      expect(r.code).toBe(2);
      expect(r.out).toContain("no database");
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
