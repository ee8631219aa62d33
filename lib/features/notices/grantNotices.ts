import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { Transaction } from "@/db/client";
import { emailOutbox, grants, notifications, tranches, users } from "@/db/schema";
import { chunks } from "@/lib/platform/collections/groupBy";
import { rederivePlan } from "@/lib/features/derivation/trancheDerivation";

/** A tranche whose earliest vesting date moved. */
export interface ChangedTranche {
  grantId: string;
  trancheIndex: number;
  before: string | null;
  after: string | null;
}
/** What every disclosure change answers. */

/**
 * Re-derives the plans inside the caller's transaction and, for every tranche whose earliest vesting
 * date moved, notifies the grantee's users in-app and by e-mail (once per source and new date).
 */
export async function rederiveWithNotices(
  tx: Transaction,
  planIds: string[],
  sourceKey: string,
): Promise<ChangedTranche[]> {
  const before = await earliestDates(tx, planIds);
  for (const planId of planIds) await rederivePlan(tx, planId);
  const after = await earliestDates(tx, planIds);
  const changed: ChangedTranche[] = [];
  for (const [key, a] of after) {
    const b = before.get(key);
    if (b === undefined || b === a) continue;
    const [grantId, index] = key.split("/") as [string, string];
    changed.push({ grantId, trancheIndex: Number(index), before: b, after: a });
  }
  await notifyGrantees(
    tx,
    changed.map((c) => ({
      grantId: c.grantId,
      kind: "earliest_date_changed",
      payload: { ...c },
      dedupeKey: `earliest_date_changed:${sourceKey}:${c.grantId}:${c.trancheIndex}:${c.after ?? "none"}`,
    })),
    "归属最早日期变更 / Your earliest vesting date changed",
  );
  return changed;
}

async function earliestDates(tx: Transaction, planIds: string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  if (planIds.length === 0) return out;
  const rows = await tx
    .select({ grantId: tranches.grantId, index: tranches.trancheIndex, earliest: tranches.earliestVestingDate })
    .from(tranches)
    .innerJoin(grants, eq(grants.id, tranches.grantId))
    .where(inArray(grants.planId, planIds));
  for (const r of rows) out.set(`${r.grantId}/${r.index}`, r.earliest);
  return out;
}

/** A notice about one grant, sent to every enabled user linked to the grant's person. */
export interface GrantNotice {
  grantId: string;
  kind: string;
  payload: Record<string, unknown>;
  dedupeKey: string;
}

/** Inserts notifications (deduplicated) and one e-mail per new notification, for the users linked to each grant's person. */
export async function notifyGrantees(tx: Transaction, notices: GrantNotice[], subject: string): Promise<number> {
  if (notices.length === 0) return 0;
  let created = 0;
  for (const chunk of chunks(notices, 500)) {
    const holders = await tx
      .select({ grantId: grants.id, userId: users.id, email: users.email })
      .from(grants)
      .innerJoin(users, eq(users.personId, grants.personId))
      .where(and(inArray(grants.id, [...new Set(chunk.map((n) => n.grantId))]), eq(users.disabled, false)));
    const rows = chunk.flatMap((n) =>
      holders
        .filter((h) => h.grantId === n.grantId)
        .map((h) => ({
          userId: h.userId,
          email: h.email,
          kind: n.kind,
          payload: n.payload,
          dedupeKey: `${n.dedupeKey}:${h.userId}`,
        })),
    );
    if (rows.length === 0) continue;
    const inserted = await tx
      .insert(notifications)
      .values(rows.map(({ email: _e, ...r }) => r))
      .onConflictDoNothing({ target: notifications.dedupeKey })
      .returning({ dedupeKey: notifications.dedupeKey });
    const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
    const mails = inserted
      .map((i) => byKey.get(i.dedupeKey!)!)
      .map((r) => ({ toAddress: r.email, subject, body: JSON.stringify(r.payload) }));
    if (mails.length > 0) await tx.insert(emailOutbox).values(mails);
    created += inserted.length;
  }
  return created;
}
