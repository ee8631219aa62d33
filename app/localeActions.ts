"use server";
import { cookies } from "next/headers";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import { LOCALE_COOKIE, LOCALES } from "@/i18n/locales";
import { db } from "@/lib/platform/db";
import { currentUser } from "@/lib/auth/session";

const localeSchema = z.enum(LOCALES);

/** Switches the interface language; kept on the user's record when signed in, in a cookie otherwise. */
export async function switchLocale(locale: string): Promise<void> {
  const parsed = localeSchema.parse(locale);
  (await cookies()).set(LOCALE_COOKIE, parsed, { path: "/", sameSite: "lax", httpOnly: true, maxAge: 60 * 60 * 24 * 365 });
  const user = await currentUser();
  if (user) await (await db()).update(users).set({ locale: parsed }).where(eq(users.id, user.id));
}
