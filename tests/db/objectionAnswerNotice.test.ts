/** Answering an objection tells its filer, in the same transaction: one notice and one e-mail per answer. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import type { DatabaseHandle } from "@/db/client";
import { users } from "@/db/schema";
import { seedDemoIfEmpty } from "@/db/seed/seedDemo";
import { answerObjection } from "@/lib/features/publicity/commands";
import { BACKENDS, freshDatabase, rows } from "./support/testDatabase";

const AS_OF = "2026-11-21";

describe.each(BACKENDS)("objection answers reach the filer on %s", (kind) => {
  let h: DatabaseHandle;
  let hrId: string;
  let employeeId: string;
  let objectionId: string;
  const previousToday = process.env.VD_TODAY;

  beforeAll(async () => {
    process.env.VD_TODAY = AS_OF;
    h = await freshDatabase(kind);
    await seedDemoIfEmpty(h.db, AS_OF);
    const byEmail = async (email: string) =>
      (await h.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;
    hrId = await byEmail("hr@demo.local");
    employeeId = await byEmail("employee2@demo.local");
    const [row] = await rows<{ id: string }>(
      h,
      sql`INSERT INTO objections (publicity_period_id, filed_by_user_id, receipt_no, text)
          SELECT id, ${employeeId}::uuid, 'OBJ-TEST-0002', '职务写错了。' FROM publicity_periods WHERE status = 'open'
          RETURNING id::text`,
    );
    objectionId = row!.id;
  });
  afterAll(async () => {
    if (previousToday === undefined) delete process.env.VD_TODAY;
    else process.env.VD_TODAY = previousToday;
    await h?.close();
  });

  const noticesOfFiler = () =>
    rows<{ kind: string; payload: Record<string, string> }>(
      h,
      sql`SELECT kind, payload FROM notifications WHERE user_id = ${employeeId}::uuid AND kind = 'objection_answered' ORDER BY created_at`,
    );
  const mailsToFiler = () =>
    rows<{ subject: string; body: string }>(
      h,
      sql`SELECT subject, body FROM email_outbox WHERE to_address = 'employee2@demo.local' AND subject LIKE '%objection%' ORDER BY created_at`,
    );

  it("writes one notice and one e-mail for the filer, naming the receipt, the outcome and the plan", async () => {
    expect(await noticesOfFiler()).toEqual([]);
    await answerObjection(h.db, { userId: hrId, ip: null }, objectionId, {
      status: "answered",
      response: "经核实，职务无误。",
    });
    const notices = await noticesOfFiler();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toMatchObject({
      objectionId,
      receiptNo: "OBJ-TEST-0002",
      status: "answered",
      planNameEn: "2026 Restricted Stock Incentive Plan",
    });
    const mails = await mailsToFiler();
    expect(mails).toHaveLength(1);
    expect(JSON.parse(mails[0]!.body)).toMatchObject({ receiptNo: "OBJ-TEST-0002", status: "answered" });
  });

  it("tells the filer again when a later answer changes the outcome", async () => {
    await answerObjection(h.db, { userId: hrId, ip: null }, objectionId, {
      status: "upheld",
      response: "复核后确认职务有误，名单将更正。",
    });
    expect((await noticesOfFiler()).map((n) => n.payload.status)).toEqual(["answered", "upheld"]);
    expect(await mailsToFiler()).toHaveLength(2);
  });

  it("writes nothing when the objection does not exist", async () => {
    const before = (await noticesOfFiler()).length;
    await expect(
      answerObjection(h.db, { userId: hrId, ip: null }, "6d2b79f5-0000-4000-8000-00000000abcd", {
        status: "answered",
        response: "不存在。",
      }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await noticesOfFiler()).toHaveLength(before);
  });
});
