import { eq } from "drizzle-orm";
import type { Transaction } from "../client";
import * as s from "../schema";
import { currentDemoPlan, DEMO_ISSUER } from "./demoCompany";
import {
  type SeedPerson,
  seedClosedPublicity,
  seedParticipantList,
  seedReservedListVerification,
} from "./seedParticipantList";
import { allocateQuantities } from "./syntheticPeople";
import { DEFAULT_GRADE_TABLE } from "@/lib/domain/vesting/appraisal";

const TERMS = [
  { months: 12, volatility: "0.2415", riskFreeRate: "0.0110" },
  { months: 24, volatility: "0.2290", riskFreeRate: "0.0130" },
  { months: 36, volatility: "0.2236", riskFreeRate: "0.0155" },
];

/**
 * The plan dated from the seed day (see currentDemoPlan): approved, publicised and verified before its
 * meeting, a first grant 13 months ago and a reserved grant 12 months less three weeks ago (the demo
 * grantee's), the major event whose blackout pushes the reserved grant's first vesting day, a grantee who
 * left ten days ago, and fictional fair-value inputs for both grants.
 */
export async function seedCurrentPlan(
  tx: Transaction,
  input: {
    issuerId: string;
    ruleSetId: string;
    asOf: string;
    personAt: (index: number) => SeedPerson;
    financeUserId: string | null;
  },
): Promise<string> {
  const def = currentDemoPlan(input.asOf);
  const [plan] = await tx
    .insert(s.plans)
    .values({
      issuerId: input.issuerId,
      name: def.name,
      nameEn: def.nameEn,
      announcementDate: def.announcementDate,
      boardApprovalDate: def.boardApprovalDate,
      generalMeetingDate: def.generalMeetingDate,
      totalQuantity: def.firstGrantQuantity + def.reservedQuantity,
      firstGrantQuantity: def.firstGrantQuantity,
      reservedQuantity: def.reservedQuantity,
      shareCapitalAtAnnouncement: DEMO_ISSUER.shareCapital,
      validityMonths: def.validityMonths,
      blackoutRuleSetId: input.ruleSetId,
      verifyingBody: "remuneration_committee",
      status: "granted",
      gradeTable: { ...DEFAULT_GRADE_TABLE },
    })
    .returning();
  const planId = plan!.id;
  const [category] = await tx
    .insert(s.participantCategories)
    .values({ planId, code: 1, name: "核心骨干", nameEn: "Core staff", illustrative: true })
    .returning();
  await tx.insert(s.vestingArrangements).values(
    def.arrangement.map((t) => ({
      categoryId: category!.id,
      trancheIndex: t.index,
      startMonths: t.startMonths,
      endMonths: t.endMonths,
      ratio: t.ratio,
    })),
  );

  for (const kind of ["first", "reserved"] as const) {
    const b = kind === "first" ? { ...def.first, quantity: def.firstGrantQuantity } : def.reserved;
    const quantities = allocateQuantities(b.quantity, b.people.length, b.people.length + 7);
    const listVersionId = await seedParticipantList(tx, {
      planId,
      batch: kind,
      contentHash: `seed-current-${kind}`,
      sourceFileName: `${def.name}-${kind === "first" ? "首次授予" : "预留授予"}激励对象名单.xlsx`,
      entries: b.people.map((index, i) => ({
        person: input.personAt(index),
        categoryId: category!.id,
        quantity: quantities[i]!,
      })),
    });
    if (kind === "first") {
      await seedClosedPublicity(tx, {
        planId,
        listVersionId,
        publicity: def.publicity,
        summary: "公示期内未收到异议。",
        verification: {
          body: "remuneration_committee",
          members: "薪酬与考核委员会召集人 周宁；委员 韩磊、陆敏",
          opinionDate: def.verification.opinionDate,
          disclosureDate: def.verification.disclosureDate,
          generalMeetingDate: def.generalMeetingDate,
          opinion: "薪酬与考核委员会认为：列入本次激励计划激励对象名单的人员均符合激励对象条件，主体资格合法、有效。",
        },
      });
    } else {
      await seedReservedListVerification(tx, {
        planId,
        listVersionId,
        grantDate: b.grantDate,
        generalMeetingDate: def.generalMeetingDate,
        body: "remuneration_committee",
        members: "薪酬与考核委员会召集人 周宁；委员 韩磊、陆敏",
      });
    }
    const [batch] = await tx
      .insert(s.grantBatches)
      .values({
        planId,
        batch: kind,
        grantDate: b.grantDate,
        grantPrice: b.grantPrice,
        boardResolutionDate: b.grantDate,
        listVersionId,
      })
      .returning();
    await tx.insert(s.grants).values(
      b.people.map((index, i) => ({
        batchId: batch!.id,
        planId,
        personId: input.personAt(index).id,
        categoryId: category!.id,
        quantity: quantities[i]!,
        adjustedPrice: b.grantPrice,
        adjustedQuantity: quantities[i]!,
        acceptedAt: new Date(`${b.grantDate}T10:00:00+08:00`),
      })),
    );
    await tx.insert(s.fairValueMeasurements).values({
      planId,
      grantBatchId: batch!.id,
      kind: "grant",
      valuationDate: b.grantDate,
      sharePrice: "38.45",
      grantPrice: b.grantPrice,
      terms: TERMS,
      source: "演示数据（虚构） Demo figures (fictional)",
      recordedBy: input.financeUserId,
    });
  }

  await tx.insert(s.disclosureEvents).values({
    issuerId: input.issuerId,
    planId: null,
    kind: "major_event",
    title: def.majorEvent.title,
    titleEn: def.majorEvent.titleEn,
    startDate: def.majorEvent.startDate,
    endDate: def.majorEvent.endDate,
  });
  await tx
    .update(s.persons)
    .set({ employmentStatus: "left", leaveDate: def.leaver.leaveDate })
    .where(eq(s.persons.id, input.personAt(def.leaver.index).id));
  await tx.insert(s.personDepartures).values({
    personId: input.personAt(def.leaver.index).id,
    kind: "recorded",
    leaveDate: def.leaver.leaveDate,
    reason: "contract_end",
    note: "演示数据 Demo data",
  });
  return planId;
}
