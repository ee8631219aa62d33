import "server-only";
import { and, asc, count, eq, isNull, sql } from "drizzle-orm";
import type { Database } from "@/db/client";
import { grantBatchVoids, grantBatches, grants, persons, plans, userRoles, users } from "@/db/schema";
import { notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { isUuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { issueSetupLink } from "@/lib/features/admin/passwordSetup";

/** Why a grantee of the batch got no invitation. */
export type InvitationSkip = "has_account" | "no_email" | "email_taken";

/** What inviting a batch's grantees did, person by person. */
export interface BatchInvitationResult {
  batchId: string;
  invited: { employeeNo: string; name: string; email: string; expiresAt: string }[];
  skipped: { employeeNo: string; name: string; reason: InvitationSkip }[];
}

/**
 * Invites every grantee of a grant batch who has no login yet: an employee account linked to the person,
 * under their work e-mail, with a one-time setup link mailed through the outbox. All in one transaction,
 * each account audited like one created by hand; people without an e-mail or whose address another
 * account uses are listed as skipped, so HR can fix them and invite again (already invited ones are skipped).
 */
export async function inviteBatchGrantees(
  db: Database,
  actor: Actor,
  batchId: string,
  origin: string,
): Promise<BatchInvitationResult> {
  if (!isUuid(batchId)) throw notFound("Grant batch");
  return db.transaction(async (tx) => {
    const [batch] = await tx.select({ id: grantBatches.id }).from(grantBatches).where(eq(grantBatches.id, batchId));
    if (!batch) throw notFound("Grant batch");
    // Serialises invitations, so a double click cannot create one person's account twice.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(7021002)`);
    const people = await tx
      .select({
        personId: persons.id,
        employeeNo: persons.employeeNo,
        name: persons.name,
        email: persons.email,
        userId: users.id,
        // Sign-in e-mails are stored lower-case (createUser), so the unique index on users.email answers this.
        takenBy: sql<string | null>`(SELECT u2.id FROM users u2 WHERE u2.email = lower(${persons.email}) LIMIT 1)`,
      })
      .from(grants)
      .innerJoin(persons, eq(persons.id, grants.personId))
      .leftJoin(users, eq(users.personId, persons.id))
      .where(eq(grants.batchId, batchId))
      .orderBy(asc(persons.employeeNo));
    const result: BatchInvitationResult = { batchId, invited: [], skipped: [] };
    for (const p of people) {
      const reason: InvitationSkip | null = p.userId
        ? "has_account"
        : !p.email
          ? "no_email"
          : p.takenBy
            ? "email_taken"
            : null;
      if (reason) {
        result.skipped.push({ employeeNo: p.employeeNo, name: p.name, reason });
        continue;
      }
      const email = p.email!.toLowerCase();
      const [user] = await tx
        .insert(users)
        .values({ email, displayName: p.name, personId: p.personId, locale: "zh-CN" })
        .returning({ id: users.id, email: users.email, displayName: users.displayName });
      await tx.insert(userRoles).values({ userId: user!.id, role: "employee" });
      const link = await issueSetupLink(tx, user!, "invitation", origin);
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: "user.create",
        entityType: "user",
        entityId: user!.id,
        ip: actor.ip,
        before: null,
        after: {
          email,
          displayName: p.name,
          roles: ["employee"],
          personEmployeeNo: p.employeeNo,
          disabled: false,
          setupLinkExpiresAt: link.expiresAt,
          invitedWithBatch: batchId,
        },
      });
      result.invited.push({ employeeNo: p.employeeNo, name: p.name, email, expiresAt: link.expiresAt });
    }
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "grant_batch.invite",
      entityType: "grant_batch",
      entityId: batchId,
      ip: actor.ip,
      before: null,
      after: { invited: result.invited.length, skipped: result.skipped.map((s) => [s.employeeNo, s.reason]) },
    });
    return result;
  });
}

/** A batch as the invitation page lists it: how many grantees, how many still without a login. */
export interface InvitableBatch {
  batchId: string;
  planName: string;
  planNameEn: string;
  batch: "first" | "reserved";
  grantDate: string;
  grantees: number;
  withoutLogin: number;
  withoutEmail: number;
}

/** Every batch not voided, newest first, with its grantees' login counts. */
export async function invitableBatches(db: Database): Promise<InvitableBatch[]> {
  const rows = await db
    .select({
      batchId: grantBatches.id,
      planName: plans.name,
      planNameEn: plans.nameEn,
      batch: grantBatches.batch,
      grantDate: grantBatches.grantDate,
      grantees: count(grants.id),
      withoutLogin: sql<number>`count(*) FILTER (WHERE ${users.id} IS NULL)::int`,
      withoutEmail: sql<number>`count(*) FILTER (WHERE ${users.id} IS NULL AND ${persons.email} IS NULL)::int`,
    })
    .from(grantBatches)
    .innerJoin(plans, eq(plans.id, grantBatches.planId))
    .innerJoin(grants, eq(grants.batchId, grantBatches.id))
    .innerJoin(persons, eq(persons.id, grants.personId))
    .leftJoin(users, eq(users.personId, persons.id))
    .leftJoin(grantBatchVoids, eq(grantBatchVoids.batchId, grantBatches.id))
    .where(and(isNull(grantBatchVoids.id)))
    .groupBy(grantBatches.id, plans.name, plans.nameEn)
    .orderBy(sql`${grantBatches.grantDate} DESC`);
  return rows.map((r) => ({ ...r, grantees: Number(r.grantees) }));
}
