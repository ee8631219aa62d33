import type { Transaction } from "../client";
import * as s from "../schema";
import { addDays } from "@/lib/domain/calendar/isoDate";

export type SeedPerson = { id: string; name: string; position: string; nationality: string };

/** One participant-list version with its entries, as an import would leave it; returns the version's id. */
export async function seedParticipantList(
  tx: Transaction,
  input: {
    planId: string;
    batch: "first" | "reserved";
    contentHash: string;
    sourceFileName?: string;
    /** 1 for the demo's lists; a later version when a list already exists. */
    version?: number;
    entries: { person: SeedPerson; categoryId: string; quantity: number }[];
  },
): Promise<string> {
  const [version] = await tx
    .insert(s.participantListVersions)
    .values({
      planId: input.planId,
      batch: input.batch,
      version: input.version ?? 1,
      contentHash: input.contentHash,
      sourceFileName: input.sourceFileName ?? null,
      note: "Demo data",
    })
    .returning();
  await tx.insert(s.participantListEntries).values(
    input.entries.map((e) => ({
      listVersionId: version!.id,
      personId: e.person.id,
      categoryId: e.categoryId,
      name: e.person.name,
      position: e.person.position,
      nationality: e.person.nationality,
      quantity: e.quantity,
    })),
  );
  return version!.id;
}

/**
 * A publicity period that has closed, its objection (answered) if there was one, and the verifying body's
 * opinion on the list, as HR records them before the general meeting.
 */
export async function seedClosedPublicity(
  tx: Transaction,
  input: {
    planId: string;
    listVersionId: string;
    publicity: { startDate: string; endDate: string };
    summary: string;
    objection?: { filedByUserId: string; receiptNo: string; text: string; response: string };
    verification: {
      body: "board_of_supervisors" | "remuneration_committee";
      members: string;
      opinion: string;
      opinionDate: string;
      disclosureDate: string;
      generalMeetingDate: string;
    };
  },
): Promise<void> {
  const { startDate, endDate } = input.publicity;
  const [period] = await tx
    .insert(s.publicityPeriods)
    .values({
      planId: input.planId,
      listVersionId: input.listVersionId,
      startDate,
      endDate,
      channel: "公司内部OA公告栏",
      status: "closed",
      summary: input.summary,
      closedAt: new Date(`${endDate}T18:00:00+08:00`),
    })
    .returning();
  if (input.objection) {
    await tx.insert(s.objections).values({
      publicityPeriodId: period!.id,
      filedByUserId: input.objection.filedByUserId,
      receiptNo: input.objection.receiptNo,
      text: input.objection.text,
      status: "answered",
      response: input.objection.response,
      createdAt: new Date(`${startDate}T10:00:00+08:00`),
      answeredAt: new Date(`${endDate}T12:00:00+08:00`),
    });
  }
  await tx.insert(s.verificationRecords).values({
    planId: input.planId,
    listVersionId: input.listVersionId,
    publicityPeriodId: period!.id,
    ...input.verification,
  });
}

/**
 * A reserved batch's own list publicity and verification (Measures art. 40), settled after the general meeting:
 * an 11-day publicity ending two weeks before the grant, the opinion disclosed four days later.
 */
export async function seedReservedListVerification(
  tx: Transaction,
  input: {
    planId: string;
    listVersionId: string;
    grantDate: string;
    generalMeetingDate: string;
    body: "board_of_supervisors" | "remuneration_committee";
    members: string;
  },
): Promise<void> {
  const verifiedOn = addDays(input.grantDate, -10);
  await seedClosedPublicity(tx, {
    planId: input.planId,
    listVersionId: input.listVersionId,
    publicity: { startDate: addDays(input.grantDate, -24), endDate: addDays(input.grantDate, -14) },
    summary: "预留授予激励对象名单公示期内未收到异议。",
    verification: {
      body: input.body,
      members: input.members,
      opinionDate: verifiedOn,
      disclosureDate: verifiedOn,
      generalMeetingDate: input.generalMeetingDate,
      opinion:
        "经核查，列入预留授予激励对象名单的人员均符合激励对象条件，其作为本次激励计划预留授予激励对象的主体资格合法、有效。",
    },
  });
}
