import "server-only";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { buildIcsCalendar, type CalendarEvent } from "@/lib/features/calendar/icsCalendar";
import { addDays } from "@/lib/domain/calendar/isoDate";
import { toLocale } from "@/i18n/locales";
import { appendAudit } from "@/lib/platform/auditTrail";
import { db } from "@/lib/platform/db";
import { notFound } from "@/lib/platform/errors/apiError";
import { ensureDerivedToday } from "@/lib/features/daily/freshness";
import { grantsOfPerson } from "@/lib/features/grants/readModel/grantReads";
import { requireUser } from "@/lib/auth/session";
import { blackoutWindowsForPerson } from "@/lib/features/calendar/blackoutsForPerson";
import { today } from "@/lib/platform/clock";

const hashToken = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

/** The signed-in user's calendar as iCalendar text. */
export async function myCalendarIcs(): Promise<string> {
  const user = await requireUser();
  return calendarIcsFor(user.id);
}

/** The calendar of whoever owns this secret feed token; an unknown or revoked token is 404. */
export async function calendarIcsForToken(token: string): Promise<string> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw notFound("Calendar feed");
  const [owner] = await (
    await db()
  )
    .select({ id: users.id, disabled: users.disabled })
    .from(users)
    .where(eq(users.calendarFeedTokenHash, hashToken(token)));
  if (!owner || owner.disabled) throw notFound("Calendar feed");
  return calendarIcsFor(owner.id);
}

/** Issues a new secret feed URL token (replacing any earlier one); shown once, stored hashed. */
export async function issueCalendarFeed(): Promise<{ token: string }> {
  const user = await requireUser();
  const token = crypto.randomBytes(24).toString("base64url");
  const database = await db();
  await database.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ calendarFeedTokenHash: hashToken(token) })
      .where(eq(users.id, user.id));
    await appendAudit(tx, {
      actorUserId: user.id,
      action: "calendar_feed.issued",
      entityType: "user",
      entityId: user.id,
    });
  });
  return { token };
}

/** Revokes the secret feed URL: calendar apps holding it get 404 from now on. */
export async function revokeCalendarFeed(): Promise<void> {
  const user = await requireUser();
  const database = await db();
  await database.transaction(async (tx) => {
    await tx.update(users).set({ calendarFeedTokenHash: null }).where(eq(users.id, user.id));
    await appendAudit(tx, {
      actorUserId: user.id,
      action: "calendar_feed.revoked",
      entityType: "user",
      entityId: user.id,
    });
  });
}

/** Whether the signed-in user has a feed URL issued. */
export async function hasCalendarFeed(): Promise<boolean> {
  const user = await requireUser();
  const [row] = await (
    await db()
  )
    .select({ hash: users.calendarFeedTokenHash })
    .from(users)
    .where(eq(users.id, user.id));
  return Boolean(row?.hash);
}

async function calendarIcsFor(userId: string): Promise<string> {
  const database = await db();
  await ensureDerivedToday(database);
  const [user] = await database
    .select({ personId: users.personId, locale: users.locale })
    .from(users)
    .where(eq(users.id, userId));
  const locale = toLocale(user?.locale);
  const en = locale === "en";
  const events: CalendarEvent[] = [];
  if (user?.personId) {
    const list = await grantsOfPerson(database, user.personId);
    for (const g of list) {
      const plan = en ? g.planNameEn : g.planName;
      for (const t of g.tranches) {
        if (t.status === "lapsed" || !t.windowOpen) continue;
        events.push({
          uid: `window-${g.id}-${t.index}`,
          date: t.windowOpen,
          endDate: t.windowClose ?? undefined,
          summary: en ? `Vesting window: ${plan}, tranche ${t.index}` : `归属窗口：${plan} 第${t.index}个归属期`,
          description: en
            ? `Ratio ${t.ratio}, planned ${t.plannedQuantity} shares, status ${t.status}.`
            : `归属比例 ${t.ratio}，计划归属 ${t.plannedQuantity} 股，状态：${t.status}。`,
          categories: ["vesting-window"],
        });
        if ((t.status === "pending" || t.status === "vestable") && t.earliestVestingDate) {
          events.push({
            uid: `earliest-${g.id}-${t.index}`,
            date: t.earliestVestingDate,
            summary: en
              ? `Earliest vesting date: ${plan}, tranche ${t.index}`
              : `最早可归属日：${plan} 第${t.index}个归属期`,
            categories: ["earliest-vesting-date"],
          });
        }
        if (t.status === "vested" && t.vestingDate) {
          events.push({
            uid: `vested-${g.id}-${t.index}`,
            date: t.vestingDate,
            summary: en
              ? `Vested: ${t.vestedQuantity} shares (${plan}, tranche ${t.index})`
              : `已归属 ${t.vestedQuantity} 股（${plan} 第${t.index}个归属期）`,
            categories: ["vested"],
          });
        }
      }
    }
    const windows = await blackoutWindowsForPerson(database, user.personId, locale, addDays(today(), -366));
    for (const w of windows)
      events.push({
        uid: `blackout-${w.id}-${w.from}`,
        date: w.from,
        endDate: w.to,
        summary: en ? `Blackout: no vesting (${w.reason})` : `不得归属期间（${w.reason}）`,
        categories: ["blackout"],
      });
  }
  return buildIcsCalendar({ name: en ? "Vesting Desk" : "归属台", events });
}
