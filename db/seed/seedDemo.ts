import { count } from "drizzle-orm";
import type { Database, Transaction } from "../client";
import * as s from "../schema";
import { seedCurrentPlan } from "./seedCurrentPlan";
import { seedVestingBatch } from "./seedVestingBatch";
import { seedClosedPublicity, seedParticipantList, seedReservedListVerification } from "./seedParticipantList";
import { seedPlanInPublicity } from "./seedPlanInPublicity";
import { seedDemoFairValues } from "./seedFairValues";
import { today } from "@/lib/platform/clock";
import { hashPassword } from "@/lib/auth/password";
import { encryptIdNumber } from "@/lib/platform/idNumberCipher";
import { appendAudit } from "@/lib/platform/auditTrail";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";
import { BLACKOUT_RULES_2022, BLACKOUT_RULES_2024 } from "@/lib/domain/blackout/blackoutRules";
import { DEFAULT_GRADE_TABLE } from "@/lib/domain/vesting/appraisal";
import { DEMO_DISCLOSURES, DEMO_DIVIDEND, DEMO_ISSUER, DEMO_PLANS, PEOPLE, demoGrade } from "./demoCompany";
import { allocateQuantities, syntheticPeople } from "./syntheticPeople";

/** Demo logins; the password comes from DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = [
  { email: "admin@demo.local", displayName: "系统管理员 Admin", roles: ["admin"] as const, person: null },
  { email: "hr@demo.local", displayName: "人力资源 HR", roles: ["hr"] as const, person: null },
  { email: "auditor@demo.local", displayName: "审计 Auditor", roles: ["auditor"] as const, person: null },
  { email: "finance@demo.local", displayName: "财务 Finance", roles: ["finance"] as const, person: null },
  { email: "employee@demo.local", displayName: "", roles: ["employee"] as const, person: PEOPLE.employee },
  { email: "employee2@demo.local", displayName: "", roles: ["employee"] as const, person: PEOPLE.employee2 },
];

/** The demo password: DEMO_PASSWORD or the documented default. */
export function demoPassword(): string {
  return process.env.DEMO_PASSWORD || "vesting-demo";
}

/** Seeds the demo company only into an empty database; returns false when data already exists. */
export async function seedDemoIfEmpty(db: Database, asOf?: string): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(s.issuers);
  if (Number(row?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(demoPassword());
  // One transaction: a failed seed leaves the database empty, never half-seeded.
  await db.transaction(async (tx) => seedDemo(tx, passwordHash, asOf));
  return true;
}

async function seedDemo(tx: Transaction, passwordHash: string, asOf?: string): Promise<void> {
  const [issuer] = await tx
    .insert(s.issuers)
    .values({
      name: DEMO_ISSUER.name,
      nameEn: DEMO_ISSUER.nameEn,
      stockCode: DEMO_ISSUER.stockCode,
      parValue: DEMO_ISSUER.parValue,
    })
    .returning();
  const issuerId = issuer!.id;
  await tx
    .insert(s.shareCapitalHistory)
    .values({ issuerId, effectiveDate: DEMO_ISSUER.shareCapitalSince, shares: DEMO_ISSUER.shareCapital, note: "IPO" });
  const ruleSets = await tx
    .insert(s.blackoutRuleSets)
    .values(
      [BLACKOUT_RULES_2022, BLACKOUT_RULES_2024].map((r) => ({
        name: r.name,
        annualDays: r.annualDays,
        quarterlyDays: r.quarterlyDays,
        isPreset: true,
      })),
    )
    .returning();
  const rules2022 = ruleSets.find((r) => r.name === BLACKOUT_RULES_2022.name)!;
  const rules2024 = ruleSets.find((r) => r.name === BLACKOUT_RULES_2024.name)!;

  const people = syntheticPeople(PEOPLE.count, PEOPLE.foreign);
  const personRows = await tx
    .insert(s.persons)
    .values(
      people.map((p) => ({
        issuerId,
        employeeNo: p.employeeNo,
        name: p.name,
        namePinyin: p.namePinyin,
        position: positionOf(p.index, p.position),
        department: p.department,
        nationality: p.nationality,
        idNumberEnc: encryptIdNumber(p.idNumber),
        idNumberLast4: p.idNumber.slice(-4),
        employmentStatus: p.index === PEOPLE.leaver.index ? ("left" as const) : ("active" as const),
        leaveDate: p.index === PEOPLE.leaver.index ? PEOPLE.leaver.leaveDate : null,
        isDirector: PEOPLE.directors.includes(p.index),
        isSeniorManager: PEOPLE.seniorManagers.includes(p.index),
        isCoreTechnician: PEOPLE.coreTechnicians.includes(p.index),
        isForeign: p.isForeign,
        isIndependentDirector: p.index === PEOPLE.independentDirector,
        isSupervisor: p.index === PEOPLE.supervisor,
        isMajorHolder: p.index === PEOPLE.majorHolder,
      })),
    )
    .returning({
      id: s.persons.id,
      employeeNo: s.persons.employeeNo,
      name: s.persons.name,
      position: s.persons.position,
      nationality: s.persons.nationality,
    });
  const personAt = (index: number) => personRows[index - 1]!;
  // The leaver's departure record, as recording one on the leavers page writes it (persons mirrors it).
  await tx.insert(s.personDepartures).values({
    personId: personAt(PEOPLE.leaver.index).id,
    kind: "recorded",
    leaveDate: PEOPLE.leaver.leaveDate,
    reason: "resignation",
    note: "演示数据 Demo data",
  });
  // The two demo employees have not yet confirmed their 2022 first grant in the portal.
  const unconfirmed = new Set([personAt(PEOPLE.employee).id, personAt(PEOPLE.employee2).id]);
  const awaitsAcceptance = (planKey: string, batch: string, personId: string) =>
    planKey === "2022" && batch === "first" && unconfirmed.has(personId);

  const userIds = new Map<string, string>();
  for (const a of DEMO_ACCOUNTS) {
    const person = a.person ? personAt(a.person) : null;
    const [user] = await tx
      .insert(s.users)
      .values({
        email: a.email,
        displayName: a.displayName || person!.name,
        passwordHash,
        personId: person?.id ?? null,
        locale: "zh-CN",
      })
      .returning();
    await tx.insert(s.userRoles).values(a.roles.map((role) => ({ userId: user!.id, role })));
    userIds.set(a.email, user!.id);
  }

  await tx.insert(s.disclosureEvents).values(
    DEMO_DISCLOSURES.map((d) => ({
      issuerId,
      planId: null,
      kind: d.kind,
      title: d.title,
      titleEn: d.titleEn ?? null,
      fiscalYear: d.fiscalYear ?? null,
      scheduledDate: d.scheduledDate ?? null,
      actualDate: d.actualDate ?? null,
      startDate: d.startDate ?? null,
      endDate: d.endDate ?? null,
    })),
  );
  await tx.insert(s.corporateActions).values({
    issuerId,
    type: DEMO_DIVIDEND.type,
    exDate: DEMO_DIVIDEND.exDate,
    v: DEMO_DIVIDEND.v,
    description: DEMO_DIVIDEND.description,
  });

  const planIds: string[] = [];
  for (const def of DEMO_PLANS) {
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
        blackoutRuleSetId: rules2022.id,
        verifyingBody: "board_of_supervisors",
        status: def.status,
        gradeTable: { ...DEFAULT_GRADE_TABLE },
      })
      .returning();
    const planId = plan!.id;
    planIds.push(planId);
    const categoryIds = new Map<number, string>();
    for (const c of def.categories) {
      const [cat] = await tx
        .insert(s.participantCategories)
        .values({ planId, code: c.code, name: c.name, nameEn: c.nameEn, illustrative: c.illustrative })
        .returning();
      categoryIds.set(c.code, cat!.id);
      await tx.insert(s.vestingArrangements).values(
        c.arrangement.map((t) => ({
          categoryId: cat!.id,
          trancheIndex: t.index,
          startMonths: t.startMonths,
          endMonths: t.endMonths,
          ratio: t.ratio,
        })),
      );
    }

    const batches = {
      first: { ...def.first, quantity: def.firstGrantQuantity, category2: def.first.category2 },
      reserved: { ...def.reserved, category2: [] as number[] },
    };
    const batchIds = new Map<string, string>();
    for (const [kind, b] of Object.entries(batches) as ["first" | "reserved", (typeof batches)["first"]][]) {
      const quantities = allocateQuantities(b.quantity, b.people.length, planId.length + b.people.length);
      const entries = b.people.map((index, i) => ({
        person: personAt(index),
        categoryId: categoryIds.get(b.category2.includes(index) ? 2 : 1)!,
        quantity: quantities[i]!,
      }));
      const listVersionId = await seedParticipantList(tx, {
        planId,
        batch: kind,
        contentHash: `seed-${def.key}-${kind}`,
        sourceFileName: `${def.key}-${kind}-激励对象名单.xlsx`,
        entries,
      });
      if (kind === "first") {
        await seedClosedPublicity(tx, {
          planId,
          listVersionId,
          publicity: def.publicity,
          summary: "公示期内收到1条意见，经核实已答复，名单无调整。",
          objection: {
            filedByUserId: userIds.get("employee2@demo.local")!,
            receiptNo: `OBJ-${def.key}-0001`,
            text: "名单中一名人员的职务与实际不符，请核实。",
            response: "经核实，该人员职务已于公示前调整，名单按最新职务公示，无误。",
          },
          verification: {
            body: "board_of_supervisors",
            members: def.verification.members,
            opinionDate: def.verification.opinionDate,
            disclosureDate: def.verification.disclosureDate,
            generalMeetingDate: def.generalMeetingDate,
            opinion:
              "监事会认为：列入本次激励计划激励对象名单的人员均符合相关法律法规及《激励计划（草案）》规定的激励对象条件，其作为激励对象的主体资格合法、有效。",
          },
        });
      } else {
        await seedReservedListVerification(tx, {
          planId,
          listVersionId,
          grantDate: b.grantDate,
          generalMeetingDate: def.generalMeetingDate,
          body: "board_of_supervisors",
          members: def.verification.members,
        });
      }
      const [batch] = await tx
        .insert(s.grantBatches)
        .values({
          planId,
          batch: kind,
          grantDate: b.grantDate,
          grantPrice: b.grantPrice,
          boardResolutionDate: b.boardResolutionDate,
          listVersionId,
        })
        .returning();
      batchIds.set(kind, batch!.id);
      const grantRows = await tx
        .insert(s.grants)
        .values(
          entries.map((e) => ({
            batchId: batch!.id,
            planId,
            personId: e.person.id,
            categoryId: e.categoryId,
            quantity: e.quantity,
            adjustedPrice: b.grantPrice,
            adjustedQuantity: e.quantity,
            acceptedAt: awaitsAcceptance(def.key, kind, e.person.id) ? null : new Date(`${b.grantDate}T10:00:00+08:00`),
          })),
        )
        .returning({ id: s.grants.id, personId: s.grants.personId, categoryId: s.grants.categoryId });
      const indexOfPerson = new Map(b.people.map((index) => [personAt(index).id, index]));
      for (const run of def.vestingRuns.filter((r) => r.batch === kind)) {
        const categoryId = categoryIds.get((run as { category?: number }).category ?? 1)!;
        await tx.insert(s.companyAppraisals).values({
          batchId: batch!.id,
          categoryId,
          trancheIndex: run.tranche,
          fiscalYear: run.fiscalYear,
          companyRatio: run.companyRatio,
        });
        await tx
          .insert(s.vestingRuns)
          .values({ batchId: batch!.id, categoryId, trancheIndex: run.tranche, vestingDate: run.date });
        const graded = grantRows.filter((g) => g.categoryId === categoryId);
        if (graded.length > 0) {
          await tx.insert(s.appraisalResults).values(
            graded.map((g) => ({
              grantId: g.id,
              trancheIndex: run.tranche,
              fiscalYear: run.fiscalYear,
              grade: demoGrade(indexOfPerson.get(g.personId)!, run.tranche),
            })),
          );
        }
      }
    }
  }

  // The plan in publicity and the current plan are dated from the seed day, so the demo is alive whenever it is seeded.
  const day = asOf ?? today();
  planIds.push(
    await seedPlanInPublicity(tx, issuerId, rules2024.id, personAt, day, userIds.get("employee2@demo.local")!),
  );
  const currentPlanId = await seedCurrentPlan(tx, {
    issuerId,
    ruleSetId: rules2024.id,
    asOf: day,
    personAt,
    financeUserId: userIds.get("finance@demo.local") ?? null,
  });
  planIds.push(currentPlanId);
  for (const planId of planIds) await rederivePlan(tx, planId, asOf);
  // The payment of the current plan's reserved tranche 1 is open: its registration date is that tranche's
  // earliest vesting day, which the derivation above has just computed.
  await seedVestingBatch(tx, currentPlanId, day);
  await rederivePlan(tx, currentPlanId, asOf);
  await seedDemoFairValues(tx, userIds.get("finance@demo.local") ?? null, day);
  await appendAudit(tx, {
    actorUserId: null,
    action: "seed.demo",
    entityType: "issuer",
    entityId: issuerId,
    after: { plans: planIds.length, persons: personRows.length },
  });
}

function positionOf(index: number, fallback: string): string {
  if (PEOPLE.directors.includes(index)) return "董事、副总经理";
  if (PEOPLE.seniorManagers.includes(index)) return index === 2 ? "副总经理、董事会秘书" : "财务总监";
  if (PEOPLE.coreTechnicians.includes(index)) return "首席架构师（核心技术人员）";
  if (index === PEOPLE.independentDirector) return "独立董事";
  if (index === PEOPLE.supervisor) return "监事";
  return fallback;
}
