/**
 * PIPL: whoever gets a copy of the database (a backup, a dump, the data folder) must not learn
 * anyone's ID number. The demo company is seeded, a participant list carrying ID numbers is
 * imported, then the whole database is dumped as text (pg_dump on PostgreSQL, every row of every
 * table as XML on both) and, for the embedded database, its raw data folder: no ID number may appear
 * anywhere, while the last four characters (kept in clear on purpose) do.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { PEOPLE } from "@/db/seed/demoCompany";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { syntheticPeople } from "@/db/seed/syntheticPeople";
import { decryptIdNumber } from "@/lib/platform/idNumberCipher";
import { applyParticipants, parseParticipantFile } from "@/lib/features/participants/participantImport";
import { createPlan, planInputSchema } from "@/lib/features/plans/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";
const people = syntheticPeople(PEOPLE.count, PEOPLE.foreign);

/** Every row of every table (all schemas but the system ones), as one text. */
async function dumpAsText(h: DatabaseHandle): Promise<{ text: string; tables: string[] }> {
  // query_to_xml runs the per-table SELECT server-side, so no table name is ever spliced into SQL here.
  const dumped = await rows<{ name: string; xml: string }>(
    h,
    sql`SELECT table_schema || '.' || table_name AS name,
               query_to_xml(format('SELECT * FROM %I.%I', table_schema, table_name), true, false, '')::text AS xml
          FROM information_schema.tables
         WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema')
         ORDER BY 1`,
  );
  return { text: dumped.map((d) => d.xml).join("\n"), tables: dumped.map((d) => d.name) };
}

// One pass over a dump finds every ID number in it (they are letters and digits only: no escaping needed).
const ANY_ID = new RegExp(people.map((p) => p.idNumber).join("|"), "g");

/** The ID numbers found in a dump (should be none). */
const leaked = (dump: string | Buffer) => [
  ...new Set((typeof dump === "string" ? dump : dump.toString("latin1")).match(ANY_ID) ?? []),
];

describe.each(BACKENDS)("no plaintext ID numbers in a dump of %s", (kind) => {
  let h: DatabaseHandle;
  let url: string | null = null;

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    if (kind === "postgres") {
      const [{ name }] = (await rows<{ name: string }>(h, sql`SELECT current_database() AS name`)) as [
        { name: string },
      ];
      const u = new URL(process.env.VD_TEST_PG_URL!);
      u.pathname = `/${name}`;
      url = u.toString();
    }
    // An import whose file carries ID numbers: they are only compared with the stored ones, never stored.
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    const tranches = [{ index: 1, startMonths: 12, endMonths: 24, ratio: "1" }];
    const plan = await createPlan(
      h.db,
      { userId: hr!.id, ip: null },
      planInputSchema.parse({
        name: "身份证测试计划",
        nameEn: "ID test plan",
        totalQuantity: 1_000_000,
        firstGrantQuantity: 800_000,
        reservedQuantity: 200_000,
        shareCapitalAtAnnouncement: 461_000_000,
        validityMonths: 48,
        blackoutRule: { preset: "2024-05-24 rules" },
        categories: [{ code: 1, name: "第一类", nameEn: "Category 1", tranches }],
      }),
    );
    const listed = people.filter((p) => p.index >= 20 && p.index < 40);
    const csv = [
      "姓名,工号,国籍,职务,类别,授予数量,身份证号",
      ...listed.map((p) => `${p.name},${p.employeeNo},${p.nationality},${p.position},1,1000,${p.idNumber}`),
    ].join("\n");
    const applied = await applyParticipants(
      h.db,
      { userId: hr!.id, ip: null },
      plan.id,
      "first",
      await parseParticipantFile(new TextEncoder().encode(csv), "名单.csv"),
      "名单.csv",
    );
    expect(applied).toMatchObject({ people: 20, unchanged: false });
  });
  afterAll(async () => h?.close());

  it("stores each seeded ID number encrypted, so the plaintext the test looks for is the real one", async () => {
    const stored = await rows<{ employee_no: string; enc: string; last4: string }>(
      h,
      sql`SELECT employee_no, id_number_enc AS enc, id_number_last4 AS last4 FROM persons ORDER BY employee_no`,
    );
    expect(stored).toHaveLength(people.length);
    const byNo = new Map(people.map((p) => [p.employeeNo, p.idNumber]));
    for (const s of stored) {
      expect(decryptIdNumber(s.enc)).toBe(byNo.get(s.employee_no));
      expect(s.last4).toBe(byNo.get(s.employee_no)!.slice(-4));
    }
  });

  it("every row of every table, as text: no ID number, but every last-4", async () => {
    const { text, tables } = await dumpAsText(h);
    expect(tables).toEqual(
      expect.arrayContaining([
        "public.persons",
        "public.audit_log",
        "public.participant_list_entries",
        "public.login_attempts",
      ]),
    );
    expect(leaked(text)).toEqual([]);
    // Nor the first 17 characters (region, birth date, sequence) of a mainland ID number.
    expect(
      people.filter((p) => !p.isForeign && text.includes(p.idNumber.slice(0, 17))).map((p) => p.employeeNo),
    ).toEqual([]);
    const last4 = [...new Set(people.map((p) => p.idNumber.slice(-4)))];
    expect(last4.filter((l) => !text.includes(`<id_number_last4>${l}</id_number_last4>`))).toEqual([]);
  });

  it.runIf(kind === "postgres")("pg_dump of the whole database: no ID number", () => {
    const pgDump = spawnSync("pg_dump", ["--no-owner", "--no-privileges", url!], {
      encoding: "utf8",
      maxBuffer: 512 * 1024 * 1024,
    });
    if (pgDump.error && (pgDump.error as NodeJS.ErrnoException).code === "ENOENT") {
      console.warn("pg_dump is not installed: the per-table text dump above stands in for it");
      return;
    }
    expect(pgDump.status, pgDump.stderr).toBe(0);
    expect(pgDump.stdout).toContain("COPY public.persons");
    expect(leaked(pgDump.stdout)).toEqual([]);
    expect(pgDump.stdout).toContain(people[0]!.idNumber.slice(-4));
  });

  it.runIf(kind === "pglite")("the embedded database's raw data folder: no ID number in any page", async () => {
    const client = (h.db as unknown as { $client: { dumpDataDir: (c: "none") => Promise<Blob> } }).$client;
    const raw = Buffer.from(await (await client.dumpDataDir("none")).arrayBuffer());
    expect(raw.length).toBeGreaterThan(1_000_000);
    // A sanity check that the folder holds the data at all: an employee number is stored in clear. (Long
    // values may be compressed in pages, which is why the row-level dump above is the primary check.)
    expect(raw.includes(people[0]!.employeeNo)).toBe(true);
    expect(leaked(raw)).toEqual([]);
  });
});
