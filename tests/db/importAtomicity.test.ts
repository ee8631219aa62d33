/**
 * An import that fails midway writes nothing. The failure is injected inside the database itself: a
 * trigger created for the test raises on the 16th of 30 list entries (rows 1-15 are already inserted
 * by then, in the same statement), or on the audit row, the import's very last write. Afterwards no
 * list version, entry, audit row, person change or stale verification may remain, and the same file
 * imported once the fault is gone becomes version 2 as if the failed attempts never happened.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { applyParticipants, rowsFromJson, type ParticipantRow } from "@/lib/features/participants/participantImport";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";
const FAILING_EMPLOYEE = "E00175";

describe.each(BACKENDS)("import atomicity on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let plan2022: string;
  let list: ParticipantRow[];
  const previousToday = process.env.VD_TODAY;

  /** Everything an import could touch, as comparable values. */
  const snapshot = async () =>
    (
      await rows(
        h,
        sql`SELECT
        (SELECT count(*)::int FROM participant_list_versions) AS versions,
        (SELECT count(*)::int FROM participant_list_entries) AS entries,
        (SELECT count(*)::int FROM audit_log) AS audits,
        (SELECT max(id)::text FROM audit_log) AS last_audit,
        (SELECT md5(string_agg(p::text, '|' ORDER BY p.id)) FROM persons p) AS persons,
        (SELECT string_agg(v.stale::text, ',' ORDER BY v.id) FROM verification_records v JOIN plans p ON p.id = v.plan_id JOIN participant_list_versions l ON l.id = v.list_version_id WHERE p.name_en LIKE '2022%' AND l.batch = 'first') AS stale`,
      )
    )[0]!;

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const [hr] = await rows<{ id: string }>(h, sql`SELECT id FROM users WHERE email = 'hr@demo.local'`);
    actor = { userId: hr!.id, ip: "10.2.2.2" };
    plan2022 = (await rows<{ id: string }>(h, sql`SELECT id FROM plans WHERE name_en LIKE '2022%'`))[0]!.id;
    const [cat] = await rows<{ id: string }>(
      h,
      sql`SELECT id FROM participant_categories WHERE plan_id = ${plan2022} AND code = 1`,
    );
    const people = await rows<{ employee_no: string; name: string }>(
      h,
      sql`SELECT employee_no, name FROM persons WHERE employee_no BETWEEN 'E00160' AND 'E00189' AND employee_no <> 'E00150' ORDER BY employee_no`,
    );
    expect(people).toHaveLength(30);
    list = rowsFromJson(
      people.map((p) => ({
        employeeNo: p.employee_no,
        name: p.name,
        nationality: "",
        position: "",
        categoryId: cat!.id,
        quantity: 1000,
      })),
    );
    expect(list.findIndex((r) => r.employeeNo === FAILING_EMPLOYEE)).toBe(15);
    // The 2022 first list is verified: a written list would mark that verification stale.
    expect((await snapshot()).stale).toBe("false");
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  it("a database error on the 16th entry leaves no version, entry, audit row or stale verification", async () => {
    await h.db.execute(sql`CREATE FUNCTION vd_test_fail_entry() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.person_id = (SELECT id FROM persons WHERE employee_no = 'E00175') THEN RAISE EXCEPTION 'injected failure on a list entry'; END IF;
        RETURN NEW;
      END $$`);
    await h.db.execute(
      sql`CREATE TRIGGER vd_test_fail_entry BEFORE INSERT ON participant_list_entries FOR EACH ROW EXECUTE FUNCTION vd_test_fail_entry()`,
    );
    const before = await snapshot();
    await expect(applyParticipants(h.db, actor, plan2022, "first", list, "名单.xlsx")).rejects.toThrow();
    const cause = await applyParticipants(h.db, actor, plan2022, "first", list).catch(
      (e: Error) => `${e.message} ${String(e.cause ?? "")}`,
    );
    expect(cause).toContain("injected failure on a list entry");
    expect(await snapshot()).toEqual(before);
    await h.db.execute(sql`DROP TRIGGER vd_test_fail_entry ON participant_list_entries`);
  });

  it("a failure of the last write (the audit row) undoes the version, its entries and the stale mark", async () => {
    await h.db.execute(sql`CREATE FUNCTION vd_test_fail_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.action = 'participants.apply' THEN RAISE EXCEPTION 'injected failure on the audit row'; END IF;
        RETURN NEW;
      END $$`);
    await h.db.execute(
      sql`CREATE TRIGGER vd_test_fail_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION vd_test_fail_audit()`,
    );
    const before = await snapshot();
    const message = await applyParticipants(h.db, actor, plan2022, "first", list).then(
      () => "written",
      (e: Error) => `${e.message} ${String(e.cause ?? "")}`,
    );
    expect(message).toContain("injected failure on the audit row");
    expect(await snapshot()).toEqual(before);
    await h.db.execute(sql`DROP TRIGGER vd_test_fail_audit ON audit_log`);
  });

  it("with the fault gone the same list is written once, as the next version after the seeded one", async () => {
    const before = await snapshot();
    const result = await applyParticipants(h.db, actor, plan2022, "first", list, "名单.xlsx");
    expect(result).toMatchObject({ version: 2, previousVersion: 1, unchanged: false, people: 30, total: 30_000 });
    const after = await snapshot();
    expect(after).toMatchObject({
      versions: Number(before.versions) + 1,
      entries: Number(before.entries) + 30,
      audits: Number(before.audits) + 2,
      persons: before.persons,
      stale: "true",
    });
  });
});
