import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { applyMigrations, appliedMigrationCount } from "@/db/migrate";
import { appendAudit, verifyAuditChain } from "@/lib/platform/auditTrail";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

describe.each(BACKENDS)("migrations on %s", (kind) => {
  let h: DatabaseHandle;
  beforeAll(async () => {
    h = await freshDatabase(kind);
  });
  afterAll(async () => h?.close());

  it("applies every migration once and is idempotent", async () => {
    const before = await appliedMigrationCount(h);
    // Every migration drizzle-kit generated (the journal), applied once; a second run applies none anew.
    const journal = JSON.parse(fs.readFileSync("db/migrations/meta/_journal.json", "utf8")) as { entries: unknown[] };
    expect(journal.entries.length).toBeGreaterThanOrEqual(5);
    expect(before).toBe(journal.entries.length);
    expect(await applyMigrations(h)).toBe(journal.entries.length);
    const tables = await rows<{ table_name: string }>(
      h,
      sql`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "issuers",
        "plans",
        "participant_categories",
        "vesting_arrangements",
        "persons",
        "participant_list_versions",
        "publicity_periods",
        "objections",
        "verification_records",
        "grant_batches",
        "grants",
        "tranches",
        "appraisal_results",
        "disclosure_events",
        "corporate_actions",
        "adjustment_records",
        "users",
        "user_roles",
        "user_sessions",
        "api_tokens",
        "audit_log",
        "notifications",
        "email_outbox",
        "calendar_closures",
      ]),
    );
  });

  it("stores money and ratios as numeric and quantities as integers, never floats", async () => {
    const cols = await rows<{ table_name: string; column_name: string; data_type: string }>(
      h,
      sql`SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND (column_name LIKE '%price%' OR column_name LIKE '%ratio%' OR column_name LIKE '%quantity%' OR column_name = 'shares')`,
    );
    expect(cols.length).toBeGreaterThan(10);
    for (const c of cols) {
      // "registration_date" only spells "ratio" inside a word.
      if (c.column_name.endsWith("_date")) continue;
      if (/price|ratio/.test(c.column_name)) expect([c.column_name, c.data_type]).toEqual([c.column_name, "numeric"]);
      else expect([c.column_name, c.data_type]).toEqual([c.column_name, "bigint"]);
    }
    const floats = await rows(
      h,
      sql`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND data_type IN ('real', 'double precision')`,
    );
    expect(floats).toEqual([]);
  });

  it("keeps the audit log append-only and hash-chained", async () => {
    await appendAudit(h.db, {
      actorUserId: null,
      action: "test.one",
      entityType: "test",
      entityId: "1",
      after: { b: 2, a: 1 },
    });
    await appendAudit(h.db, {
      actorUserId: null,
      action: "test.two",
      entityType: "test",
      entityId: "2",
      before: { x: "y" },
    });
    expect(await verifyAuditChain(h.db)).toEqual({ ok: true, rows: 2 });
    await expect(h.db.execute(sql`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow();
    await expect(h.db.execute(sql`DELETE FROM audit_log`)).rejects.toThrow();
    // With the trigger bypassed (as a superuser could), the verifier still finds the altered row.
    await h.db.execute(sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`);
    await h.db.execute(sql`UPDATE audit_log SET after = '{"a": 9}'::jsonb WHERE action = 'test.one'`);
    await h.db.execute(sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`);
    const check = await verifyAuditChain(h.db);
    expect(check.ok).toBe(false);
    const [first] = await rows<{ id: number }>(h, sql`SELECT id FROM audit_log WHERE action = 'test.one'`);
    expect(check).toMatchObject({ brokenAtId: Number(first!.id) });
  });
});
