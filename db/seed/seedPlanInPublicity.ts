import type { Transaction } from "../client";
import * as s from "../schema";
import { DEMO_ISSUER, demoPlanInPublicity } from "./demoCompany";
import { type SeedPerson, seedParticipantList } from "./seedParticipantList";
import { allocateQuantities } from "./syntheticPeople";
import { DEFAULT_GRADE_TABLE } from "@/lib/domain/vesting/appraisal";

/** The plan whose list is being publicised today, with an objection still open (see demoPlanInPublicity). */
export async function seedPlanInPublicity(
  tx: Transaction,
  issuerId: string,
  ruleSetId: string,
  personAt: (index: number) => SeedPerson,
  asOf: string,
  objectorUserId: string,
): Promise<string> {
  const def = demoPlanInPublicity(asOf);
  const [plan] = await tx
    .insert(s.plans)
    .values({
      issuerId,
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
      blackoutRuleSetId: ruleSetId,
      // Approved by the board after the 2025-03-27 amendment: the remuneration and appraisal committee verifies.
      verifyingBody: "remuneration_committee",
      status: "publicity",
      gradeTable: { ...DEFAULT_GRADE_TABLE },
    })
    .returning();
  const [category] = await tx
    .insert(s.participantCategories)
    .values({
      planId: plan!.id,
      code: def.category.code,
      name: def.category.name,
      nameEn: def.category.nameEn,
      illustrative: true,
    })
    .returning();
  await tx.insert(s.vestingArrangements).values(
    def.category.arrangement.map((t) => ({
      categoryId: category!.id,
      trancheIndex: t.index,
      startMonths: t.startMonths,
      endMonths: t.endMonths,
      ratio: t.ratio,
    })),
  );
  const quantities = allocateQuantities(def.firstGrantQuantity, def.people.length, 2026);
  const listVersionId = await seedParticipantList(tx, {
    planId: plan!.id,
    batch: "first",
    contentHash: "seed-publicity-first",
    sourceFileName: `${def.name}-首次授予激励对象名单.xlsx`,
    entries: def.people.map((index, i) => ({
      person: personAt(index),
      categoryId: category!.id,
      quantity: quantities[i]!,
    })),
  });
  const [period] = await tx
    .insert(s.publicityPeriods)
    .values({
      planId: plan!.id,
      listVersionId,
      startDate: def.publicity.startDate,
      endDate: def.publicity.endDate,
      channel: "Vesting Desk",
      status: "open",
    })
    .returning();
  await tx.insert(s.objections).values({
    publicityPeriodId: period!.id,
    filedByUserId: objectorUserId,
    receiptNo: `OBJ-${def.publicity.startDate.replaceAll("-", "")}-DEMO0001`,
    text: def.objection.text,
    createdAt: new Date(`${def.objection.filedOn}T09:30:00+08:00`),
  });
  return plan!.id;
}
