import { and, eq, inArray, max } from "drizzle-orm";
import type { Database } from "@/db/client";
import { participantListVersions, persons, plans } from "@/db/schema";
import { seedParticipantList, seedReservedListVerification } from "@/db/seed/seedParticipantList";

/**
 * Test set-up for grants that are not about the list: a new reserved-list version holding these people, with a
 * closed publicity and a disclosed verification dated before `grantDate`, as the reserved grant requires
 * (Measures art. 40). Written directly, so caps and the reserve left are not checked here: tests of the import
 * itself go through applyParticipants.
 */
export async function verifiedReservedList(
  db: Database,
  planId: string,
  grantDate: string,
  items: { employeeNo: string; categoryId: string; quantity: number }[],
): Promise<string> {
  return db.transaction(async (tx) => {
    const [plan] = await tx
      .select({ gm: plans.generalMeetingDate, body: plans.verifyingBody })
      .from(plans)
      .where(eq(plans.id, planId));
    const people = await tx
      .select({ id: persons.id, employeeNo: persons.employeeNo, name: persons.name })
      .from(persons)
      .where(
        inArray(
          persons.employeeNo,
          items.map((i) => i.employeeNo),
        ),
      );
    const byNo = new Map(people.map((p) => [p.employeeNo, p]));
    const [last] = await tx
      .select({ v: max(participantListVersions.version) })
      .from(participantListVersions)
      .where(and(eq(participantListVersions.planId, planId), eq(participantListVersions.batch, "reserved")));
    const version = (last?.v ?? 0) + 1;
    const listVersionId = await seedParticipantList(tx, {
      planId,
      batch: "reserved",
      version,
      contentHash: `test-reserved-${version}-${Date.now()}`,
      entries: items.map((i) => ({
        person: { ...byNo.get(i.employeeNo)!, position: "核心骨干", nationality: "中国" },
        categoryId: i.categoryId,
        quantity: i.quantity,
      })),
    });
    await seedReservedListVerification(tx, {
      planId,
      listVersionId,
      grantDate,
      generalMeetingDate: plan!.gm!,
      body: plan!.body,
      members: "测试委员",
    });
    return listVersionId;
  });
}
