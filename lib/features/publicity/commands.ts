import "server-only";
import crypto from "node:crypto";
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { objections, participantListVersions, plans, publicityPeriods } from "@/db/schema";
import { checkPublicityPeriod } from "@/lib/domain/process/processRules";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { today } from "@/lib/platform/clock";
import { isUuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/session";
import { db } from "@/lib/platform/db";
import type { objectionBody } from "@/lib/features/publicity/schemas";
import { refuseIfAny } from "@/lib/platform/errors/refusal";
import { noticeObjectionAnswered } from "@/lib/features/publicity/objectionAnswerNotice";
import { openPublicityBody, answerObjectionBody, closePublicityBody } from "@/lib/features/publicity/schemas";

type Db = Database | Transaction;

/** A publicity period as the API returns it. */
export interface PublicityPeriodDto {
  id: string;
  planId: string;
  listVersionId: string;
  startDate: string;
  endDate: string;
  channel: string;
  status: "open" | "closed";
}

export const periodColumns = {
  id: publicityPeriods.id,
  planId: publicityPeriods.planId,
  listVersionId: publicityPeriods.listVersionId,
  startDate: publicityPeriods.startDate,
  endDate: publicityPeriods.endDate,
  channel: publicityPeriods.channel,
  status: publicityPeriods.status,
};

/** The plan row, locked for the rest of the transaction so two concurrent changes to its process serialise; 404 when unknown. */
export async function lockPlan(tx: Db, planId: string) {
  if (!isUuid(planId)) throw notFound("Plan");
  const [plan] = await tx.select().from(plans).where(eq(plans.id, planId)).for("update");
  if (!plan) throw notFound("Plan");
  return plan;
}

/** The given list version (which must belong to the plan) or the plan's latest first-grant version. */
export async function resolveListVersion(tx: Db, planId: string, listVersionId: string | undefined) {
  if (listVersionId) {
    const [v] = await tx.select().from(participantListVersions).where(eq(participantListVersions.id, listVersionId));
    if (!v) throw notFound("List version");
    if (v.planId !== planId)
      throw new ApiError("LIST_VERSION_OTHER_PLAN", "The list version belongs to another plan.", {
        listVersionId,
        planId,
      });
    return v;
  }
  const [latest] = await tx
    .select()
    .from(participantListVersions)
    .where(and(eq(participantListVersions.planId, planId), eq(participantListVersions.batch, "first")))
    .orderBy(desc(participantListVersions.version))
    .limit(1);
  if (!latest)
    throw new ApiError("NO_LIST_VERSION", "The plan has no participant list yet; import one first.", { planId });
  return latest;
}

/** Opens the internal publicity of a list version: at least 10 calendar days, one open period per plan; moves the plan to "publicity". */
export async function openPublicityPeriod(
  db: Database,
  actor: Actor,
  planId: string,
  input: z.infer<typeof openPublicityBody>,
): Promise<PublicityPeriodDto> {
  // The rule is checked before anything is read or written: a refused period leaves no trace.
  refuseIfAny(checkPublicityPeriod(input.startDate, input.endDate));
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    // The board adopts the draft plan and its list first (Measures art. 37): publicity never skips that step.
    if (plan.status === "draft")
      throw new ApiError(
        "PLAN_NOT_BOARD_APPROVED",
        "The board has not approved the draft plan yet; record its approval before publicising the list.",
        { status: plan.status, next: "board_approved" },
      );
    const version = await resolveListVersion(tx, planId, input.listVersionId);
    const [open] = await tx
      .select({ id: publicityPeriods.id })
      .from(publicityPeriods)
      .where(and(eq(publicityPeriods.planId, planId), eq(publicityPeriods.status, "open")));
    if (open)
      throw new ApiError("PUBLICITY_ALREADY_OPEN", "The plan already has an open publicity period; close it first.", {
        periodId: open.id,
      });
    const [row] = await tx
      .insert(publicityPeriods)
      .values({
        planId,
        listVersionId: version.id,
        startDate: input.startDate,
        endDate: input.endDate,
        ...(input.channel ? { channel: input.channel } : {}),
        createdBy: actor.userId,
      })
      .returning(periodColumns);
    const period = row!;
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "publicity.opened",
      entityType: "publicity_period",
      entityId: period.id,
      after: { ...period, listVersion: version.version },
      ip: actor.ip,
    });
    if (plan.status === "board_approved") {
      await tx.update(plans).set({ status: "publicity", updatedAt: new Date() }).where(eq(plans.id, planId));
      await appendAudit(tx, {
        actorUserId: actor.userId,
        action: "plan.status",
        entityType: "plan",
        entityId: planId,
        before: { status: plan.status },
        after: { status: "publicity" },
        ip: actor.ip,
      });
    }
    return period;
  });
}

/** Answers or upholds an objection; an upheld one means the list must change, so the answer says a new list version is needed. */
export async function answerObjection(
  db: Database,
  actor: Actor,
  objectionId: string,
  input: z.infer<typeof answerObjectionBody>,
) {
  if (!isUuid(objectionId)) throw notFound("Objection");
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(objections).where(eq(objections.id, objectionId)).for("update");
    if (!before) throw notFound("Objection");
    const answeredAt = new Date();
    // Answering stays possible after the period closed: the filer is owed a response either way.
    await tx
      .update(objections)
      .set({ status: input.status, response: input.response, answeredBy: actor.userId, answeredAt })
      .where(eq(objections.id, objectionId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: input.status === "upheld" ? "objection.upheld" : "objection.answered",
      entityType: "objection",
      entityId: objectionId,
      before: { status: before.status, response: before.response },
      after: { status: input.status, response: input.response, listChangeRequired: input.status === "upheld" },
      ip: actor.ip,
    });
    await noticeObjectionAnswered(tx, before, { status: input.status, answeredAt });
    return {
      id: objectionId,
      publicityPeriodId: before.publicityPeriodId,
      receiptNo: before.receiptNo,
      status: input.status,
      response: input.response,
      answeredAt: answeredAt.toISOString(),
      listChangeRequired: input.status === "upheld",
    };
  });
}

/** Closes a period with a summary of the feedback; only after its end date (422 PUBLICITY_NOT_ENDED before). */
export async function closePublicityPeriod(
  db: Database,
  actor: Actor,
  periodId: string,
  input: z.infer<typeof closePublicityBody>,
) {
  if (!isUuid(periodId)) throw notFound("Publicity period");
  return db.transaction(async (tx) => {
    const [p] = await tx.select().from(publicityPeriods).where(eq(publicityPeriods.id, periodId)).for("update");
    if (!p) throw notFound("Publicity period");
    if (p.status === "closed")
      throw new ApiError("PUBLICITY_ALREADY_CLOSED", "The publicity period is already closed.", {
        closedAt: p.closedAt?.toISOString() ?? null,
      });
    const now = today();
    // The last day counts as a full publicity day, so closing is possible from the day after.
    if (now <= p.endDate)
      throw new ApiError("PUBLICITY_NOT_ENDED", "The publicity period can only be closed after its end date.", {
        endDate: p.endDate,
        today: now,
      });
    const closedAt = new Date();
    await tx
      .update(publicityPeriods)
      .set({ status: "closed", summary: input.summary, closedAt })
      .where(eq(publicityPeriods.id, periodId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "publicity.closed",
      entityType: "publicity_period",
      entityId: periodId,
      before: { status: p.status, summary: p.summary },
      after: { status: "closed", summary: input.summary },
      ip: actor.ip,
    });
    return {
      id: periodId,
      planId: p.planId,
      listVersionId: p.listVersionId,
      startDate: p.startDate,
      endDate: p.endDate,
      channel: p.channel,
      status: "closed" as const,
      summary: input.summary,
      closedAt: closedAt.toISOString(),
    };
  });
}

/** Files an objection to an open publicity; the filer is recorded (never anonymous to HR) and gets a receipt. */
export async function fileObjection(periodId: string, body: z.infer<typeof objectionBody>, ip: string | null = null) {
  const user = await requireUser();
  if (!isUuid(periodId)) throw notFound("Publicity period");
  const database = await db();
  const [period] = await database.select().from(publicityPeriods).where(eq(publicityPeriods.id, periodId));
  if (!period) throw notFound("Publicity period");
  const day = today();
  if (period.status !== "open" || day < period.startDate || day > period.endDate) {
    throw new ApiError("PUBLICITY_CLOSED", "This publicity period is not open for objections.", {
      startDate: period.startDate,
      endDate: period.endDate,
      today: day,
    });
  }
  const receiptNo = `OBJ-${day.replaceAll("-", "")}-${crypto.randomBytes(4).toString("hex").toUpperCase()}`;
  return database.transaction(async (tx) => {
    const [row] = await tx
      .insert(objections)
      .values({ publicityPeriodId: periodId, filedByUserId: user.id, receiptNo, text: body.text })
      .returning({ id: objections.id, createdAt: objections.createdAt });
    // The audit keeps who and when; the text stays in the objection inbox, readable by HR only.
    await appendAudit(tx, {
      actorUserId: user.id,
      action: "objection.filed",
      entityType: "objection",
      entityId: row!.id,
      after: { publicityPeriodId: periodId, receiptNo },
      ip,
    });
    return {
      id: row!.id,
      receiptNo,
      publicityPeriodId: periodId,
      createdAt: row!.createdAt.toISOString(),
      status: "open" as const,
    };
  });
}
