import "server-only";
import { z } from "zod";
import { LOCALES } from "@/i18n/locales";
import { MAX_PASSWORD_LENGTH } from "@/lib/auth/passwordPolicy";

/**
 * The account page's change-password form. Generous bounds here: the password policy decides what is
 * too long, with its own message.
 */
export const changePasswordSchema = z.object({
  current: z.string().min(1).max(MAX_PASSWORD_LENGTH),
  next: z.string().max(MAX_PASSWORD_LENGTH * 4),
  confirm: z.string().max(MAX_PASSWORD_LENGTH * 4),
});
/** A language the interface speaks. */
export const localeSchema = z.enum(LOCALES);
