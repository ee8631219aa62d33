import "server-only";
import { and, desc, eq, gt, inArray, lt } from "drizzle-orm";
import { z } from "zod";
import type { Database, Transaction } from "@/db/client";
import { participantListVersions, plans, publicityPeriods, verificationRecords } from "@/db/schema";
import { violation } from "@/lib/domain/errors";
import { checkMeetingDateAgrees } from "@/lib/domain/plans/generalMeetingDate";
import { checkVerification } from "@/lib/domain/process/processRules";
import { today } from "@/lib/platform/clock";
import { ApiError, notFound } from "@/lib/platform/errors/apiError";
import { appendAudit } from "@/lib/platform/auditTrail";
import { isoDate, isUuid, text, uuid } from "@/lib/platform/validation/common";
import type { Actor } from "@/lib/auth/actor";
import { lockPlan, resolveListVersion } from "@/lib/features/publicity/commands";
import { refuse, refuseIfAny } from "@/lib/platform/errors/refusal";

type Db = Database | Transaction;

/** Largest verification attachment (the signed opinion, usually a PDF). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, { message: "Expected base64." });

/** Body of POST /api/v1/plans/{planId}/verifications. */
export const recordVerificationBody = z
  .object({
    body: z.enum(["board_of_supervisors", "remuneration_committee"]),
    members: text().max(1000).optional(),
    opinionDate: isoDate,
    disclosureDate: isoDate,
    generalMeetingDate: isoDate,
    opinion: text().min(2).max(20_000),
    listVersionId: uuid.optional(),
    attachment: z
      .object({ name: text().min(1).max(200), base64 })
      .refine(
        (a) => Math.floor((a.base64.length * 3) / 4) - (a.base64.match(/=+$/)?.[0].length ?? 0) <= MAX_ATTACHMENT_BYTES,
        { message: "The attachment is larger than 5 MB.", path: ["base64"] },
      )
      .optional(),
  })
  .refine((v) => v.opinionDate <= v.disclosureDate, {
    message: "The opinion cannot be dated after its disclosure.",
    path: ["opinionDate"],
  });

/** A verification record as the API returns it: never the attachment bytes, only its name. */
export interface VerificationDto {
  id: string;
  planId: string;
  listVersionId: string;
  listVersion: number;
  publicityPeriodId: string | null;
  body: "board_of_supervisors" | "remuneration_committee";
  members: string | null;
  opinionDate: string;
  disclosureDate: string;
  generalMeetingDate: string;
  opinion: string;
  attachmentName: string | null;
  stale: boolean;
  createdAt: string;
}

const dtoColumns = {
  id: verificationRecords.id,
  planId: verificationRecords.planId,
  listVersionId: verificationRecords.listVersionId,
  listVersion: participantListVersions.version,
  publicityPeriodId: verificationRecords.publicityPeriodId,
  body: verificationRecords.body,
  members: verificationRecords.members,
  opinionDate: verificationRecords.opinionDate,
  disclosureDate: verificationRecords.disclosureDate,
  generalMeetingDate: verificationRecords.generalMeetingDate,
  opinion: verificationRecords.opinion,
  attachmentName: verificationRecords.attachmentName,
  stale: verificationRecords.stale,
  createdAt: verificationRecords.createdAt,
};

/**
 * Records the verification opinion on a list version. Refused when the list's publicity has not ended before
 * the disclosure (PUBLICITY_NOT_ENDED), when the disclosure is less than 5 days before the general meeting
 * (VERIFICATION_TOO_LATE; first list only, a reserved list is settled after the meeting), when the wrong body verifies (WRONG_VERIFYING_BODY), or when it names another meeting
 * date than the plan's (GENERAL_MEETING_DATE_MISMATCH). Moves the plan to "verified" and fills an unset meeting date.
 */
export async function recordVerification(
  db: Database,
  actor: Actor,
  planId: string,
  input: z.infer<typeof recordVerificationBody>,
): Promise<VerificationDto> {
  return db.transaction(async (tx) => {
    const plan = await lockPlan(tx, planId);
    const version = await resolveListVersion(tx, planId, input.listVersionId);
    // The latest publicity of this very list version counts; a publicity of an older version does not.
    const [period] = await tx
      .select()
      .from(publicityPeriods)
      .where(eq(publicityPeriods.listVersionId, version.id))
      .orderBy(desc(publicityPeriods.endDate))
      .limit(1);
    if (!period)
      refuse([
        violation("PUBLICITY_NOT_ENDED", {
          listVersionId: version.id,
          publicityEndDate: null,
          disclosureDate: input.disclosureDate,
        }),
      ]);
    refuseIfAny([
      ...checkVerification({
        publicityEndDate: period.endDate,
        disclosureDate: input.disclosureDate,
        generalMeetingDate: input.generalMeetingDate,
        opinionDate: input.opinionDate,
        recordedOn: today(),
        batch: version.batch,
      }),
      // The opinion names the meeting it is disclosed ahead of: it fills an unset plan date, but a set one
      // changes only by changeGeneralMeetingDate (lib/features/plans/generalMeetingDate.ts).
      ...checkMeetingDateAgrees(plan.generalMeetingDate, input.generalMeetingDate),
    ]);
    if (input.body !== plan.verifyingBody) {
      throw new ApiError("WRONG_VERIFYING_BODY", "This plan's list is verified by another body.", {
        expected: plan.verifyingBody,
        given: input.body,
      });
    }
    // Verifying an outdated version is recorded, but it is stale from the start.
    const newerExists = await hasNewerVersion(tx, planId, version.batch, version.version);
    const attachment = input.attachment ? Buffer.from(input.attachment.base64, "base64") : null;
    const [row] = await tx
      .insert(verificationRecords)
      .values({
        planId,
        listVersionId: version.id,
        publicityPeriodId: period.id,
        body: input.body,
        members: input.members || null,
        opinionDate: input.opinionDate,
        disclosureDate: input.disclosureDate,
        generalMeetingDate: input.generalMeetingDate,
        opinion: input.opinion,
        attachmentName: input.attachment?.name ?? null,
        attachment,
        stale: newerExists,
        createdBy: actor.userId,
      })
      .returning({ id: verificationRecords.id, createdAt: verificationRecords.createdAt });
    const dto: VerificationDto = {
      id: row!.id,
      planId,
      listVersionId: version.id,
      listVersion: version.version,
      publicityPeriodId: period.id,
      body: input.body,
      members: input.members || null,
      opinionDate: input.opinionDate,
      disclosureDate: input.disclosureDate,
      generalMeetingDate: input.generalMeetingDate,
      opinion: input.opinion,
      attachmentName: input.attachment?.name ?? null,
      stale: newerExists,
      createdAt: row!.createdAt.toISOString(),
    };
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "verification.recorded",
      entityType: "verification_record",
      entityId: dto.id,
      after: { ...dto, attachmentBytes: attachment?.length ?? 0 },
      ip: actor.ip,
    });
    // Only the first list's verification moves the plan on; a reserved list's is recorded beside a granted plan.
    const nextStatus = plan.status === "publicity" && version.batch === "first" ? "verified" : plan.status;
    await tx
      .update(plans)
      .set({ status: nextStatus, generalMeetingDate: input.generalMeetingDate, updatedAt: new Date() })
      .where(eq(plans.id, planId));
    await appendAudit(tx, {
      actorUserId: actor.userId,
      action: "plan.verified",
      entityType: "plan",
      entityId: planId,
      before: { status: plan.status, generalMeetingDate: plan.generalMeetingDate },
      after: { status: nextStatus, generalMeetingDate: input.generalMeetingDate },
      ip: actor.ip,
    });
    return dto;
  });
}

async function hasNewerVersion(tx: Db, planId: string, batch: "first" | "reserved", version: number): Promise<boolean> {
  const rows = await tx
    .select({ id: participantListVersions.id })
    .from(participantListVersions)
    .where(
      and(
        eq(participantListVersions.planId, planId),
        eq(participantListVersions.batch, batch),
        gt(participantListVersions.version, version),
      ),
    )
    .limit(1);
  return rows.length > 0;
}

/** Verification records of a plan, newest first, each with its `stale` flag and no attachment bytes. */
export async function listVerifications(db: Database, planId: string): Promise<VerificationDto[]> {
  if (!isUuid(planId)) throw notFound("Plan");
  const rows = await db
    .select(dtoColumns)
    .from(verificationRecords)
    .innerJoin(participantListVersions, eq(participantListVersions.id, verificationRecords.listVersionId))
    .where(eq(verificationRecords.planId, planId))
    .orderBy(desc(verificationRecords.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/**
 * A list changed after it was verified needs a new verification: marks stale every verification of the plan made
 * on an older version of the same batch as `listVersionId`. Runs in the caller's transaction; returns how many it marked.
 */
export async function markVerificationsStale(db: Db, planId: string, listVersionId: string): Promise<number> {
  const [current] = await db
    .select()
    .from(participantListVersions)
    .where(eq(participantListVersions.id, listVersionId));
  if (!current || current.planId !== planId) throw notFound("List version");
  const older = await db
    .select({ id: participantListVersions.id })
    .from(participantListVersions)
    .where(
      and(
        eq(participantListVersions.planId, planId),
        eq(participantListVersions.batch, current.batch),
        lt(participantListVersions.version, current.version),
      ),
    );
  if (older.length === 0) return 0;
  const marked = await db
    .update(verificationRecords)
    .set({ stale: true })
    .where(
      and(
        eq(verificationRecords.planId, planId),
        eq(verificationRecords.stale, false),
        inArray(
          verificationRecords.listVersionId,
          older.map((o) => o.id),
        ),
      ),
    )
    .returning({ id: verificationRecords.id });
  if (marked.length > 0) {
    await appendAudit(db, {
      actorUserId: null,
      action: "verification.stale",
      entityType: "plan",
      entityId: planId,
      before: { stale: false },
      after: { stale: true, verificationIds: marked.map((m) => m.id), listVersionId },
    });
  }
  return marked.length;
}

/** The latest verification of a list of this batch of the plan; a verification of the other batch's list does not count. */
export async function latestVerification(db: Db, planId: string, batch: "first" | "reserved") {
  const [row] = await db
    .select({ latest: verificationRecords })
    .from(verificationRecords)
    .innerJoin(participantListVersions, eq(participantListVersions.id, verificationRecords.listVersionId))
    .where(and(eq(verificationRecords.planId, planId), eq(participantListVersions.batch, batch)))
    .orderBy(desc(verificationRecords.createdAt))
    .limit(1);
  return row?.latest;
}

/** True when the latest verification of the plan's first list exists and is not stale. */
export async function isPlanVerified(db: Db, planId: string): Promise<boolean> {
  if (!isUuid(planId)) return false;
  const latest = await latestVerification(db, planId, "first");
  return latest !== undefined && !latest.stale;
}
