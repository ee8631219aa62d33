import { and, eq, inArray, max } from "drizzle-orm";
import type { Database } from "@/db/client";
import { participantListEntries, participantListVersions, persons, plans } from "@/db/schema";
import { seedReservedListVerification } from "@/db/seed/seedParticipantList";

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
    const [row] = await tx
      .insert(participantListVersions)
      .values({ planId, batch: "reserved", version, contentHash: `test-reserved-${version}-${Date.now()}` })
      .returning({ id: participantListVersions.id });
    await tx.insert(participantListEntries).values(
      items.map((i) => ({
        listVersionId: row!.id,
        personId: byNo.get(i.employeeNo)!.id,
        categoryId: i.categoryId,
        name: byNo.get(i.employeeNo)!.name,
        position: "核心骨干",
        nationality: "中国",
        quantity: i.quantity,
      })),
    );
    await seedReservedListVerification(tx, {
      planId,
      listVersionId: row!.id,
      grantDate,
      generalMeetingDate: plan!.gm!,
      body: plan!.body,
      members: "测试委员",
    });
    return row!.id;
  });
}
