import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import type { Actor } from "@/lib/auth/actor";
import { invitableBatches, inviteBatchGrantees } from "@/lib/features/admin/batchInvitations";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

describe.each(BACKENDS)("inviting a batch's grantees on %s", (kind) => {
  let h: DatabaseHandle;
  let actor: Actor;
  let batchId: string;
  let grantees: { employee_no: string; has_user: boolean }[];

  beforeAll(async () => {
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, "2026-12-06");
    const [hr] = await h.db.select({ id: users.id }).from(users).where(eq(users.email, "hr@demo.local"));
    actor = { userId: hr!.id, ip: "10.4.4.4" };
    // The batch with the most grantees without a login.
    const [b] = await rows<{ id: string }>(
      h,
      sql`SELECT g.batch_id AS id FROM grants g LEFT JOIN users u ON u.person_id = g.person_id
          GROUP BY g.batch_id ORDER BY count(*) FILTER (WHERE u.id IS NULL) DESC LIMIT 1`,
    );
    batchId = b!.id;
    grantees = await rows(
      h,
      sql`SELECT p.employee_no, (u.id IS NOT NULL) AS has_user FROM grants g JOIN persons p ON p.id = g.person_id
          LEFT JOIN users u ON u.person_id = p.id WHERE g.batch_id = ${batchId} ORDER BY p.employee_no`,
    );
    const fresh = grantees.filter((g) => !g.has_user).map((g) => g.employee_no);
    expect(fresh.length).toBeGreaterThanOrEqual(3);
    // Two get a work e-mail, one of them an address a demo login already uses; the rest have none.
    await h.db.execute(
      sql`UPDATE persons SET email = ${`${fresh[0]!.toLowerCase()}@example.com`} WHERE employee_no = ${fresh[0]!}`,
    );
    await h.db.execute(sql`UPDATE persons SET email = 'HR@demo.local' WHERE employee_no = ${fresh[1]!}`);
  });
  afterAll(async () => h?.close());

  it("creates an employee login for each grantee with an e-mail and mails the link; says why the others were skipped", async () => {
    const before = (await invitableBatches(h.db)).find((b) => b.batchId === batchId)!;
    const fresh = grantees.filter((g) => !g.has_user).map((g) => g.employee_no);
    expect(before).toMatchObject({
      grantees: grantees.length,
      withoutLogin: fresh.length,
      withoutEmail: fresh.length - 2,
    });
    const result = await inviteBatchGrantees(h.db, actor, batchId, "https://portal.example");
    const email = `${fresh[0]!.toLowerCase()}@example.com`;
    expect(result.invited).toEqual([expect.objectContaining({ employeeNo: fresh[0], email })]);
    const reasons = Object.fromEntries(result.skipped.map((s) => [s.employeeNo, s.reason]));
    expect(reasons[fresh[1]!]).toBe("email_taken");
    for (const no of fresh.slice(2)) expect(reasons[no]).toBe("no_email");
    for (const g of grantees.filter((g) => g.has_user)) expect(reasons[g.employee_no]).toBe("has_account");
    const [account] = await rows<{ roles: string[]; person: string; mails: string }>(
      h,
      sql`SELECT array_agg(r.role::text) AS roles, p.employee_no AS person,
            (SELECT count(*)::text FROM email_outbox o WHERE o.to_address = u.email AND o.body LIKE '%https://portal.example/set-password?token=%') AS mails
          FROM users u JOIN user_roles r ON r.user_id = u.id JOIN persons p ON p.id = u.person_id
          WHERE u.email = ${email} GROUP BY u.id, p.employee_no`,
    );
    expect(account).toEqual({ roles: ["employee"], person: fresh[0], mails: "1" });
    const audits = await rows(
      h,
      sql`SELECT 1 FROM audit_log WHERE action = 'grant_batch.invite' AND entity_id = ${batchId}`,
    );
    expect(audits).toHaveLength(1);
  });

  it("invites nobody twice", async () => {
    const again = await inviteBatchGrantees(h.db, actor, batchId, "https://portal.example");
    expect(again.invited).toEqual([]);
    expect(again.skipped.filter((s) => s.reason === "has_account")).toHaveLength(
      grantees.filter((g) => g.has_user).length + 1,
    );
  });
});
