import { bigint, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./access";

/**
 * A second factor of a user: a TOTP authenticator (secret encrypted with the ID-number key, last accepted
 * time step kept so a code is never accepted twice) or a WebAuthn passkey (public key and signature counter).
 */
export const userFactors = pgTable(
  "user_factors",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind", { enum: ["totp", "webauthn"] }).notNull(),
    label: text("label").notNull(),
    totpSecretSealed: text("totp_secret_sealed"),
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    credentialId: text("credential_id").unique(),
    publicKey: text("public_key"),
    signCount: bigint("sign_count", { mode: "number" }),
    transports: text("transports").array(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  },
  (t) => [index("user_factors_user_idx").on(t.userId)],
);

/** One-time recovery codes, shown once at enrolment and kept only as HMAC-SHA-256 digests. */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeDigest: text("code_digest").notNull().unique(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("recovery_codes_user_idx").on(t.userId)],
);

/**
 * Browsers that completed a sign-in with the second factor (a random cookie, kept as its SHA-256): from
 * such a device a correct password and second factor get through even while the account is throttled.
 */
export const knownDevices = pgTable(
  "known_devices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenDigest: text("token_digest").notNull().unique(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("known_devices_user_idx").on(t.userId)],
);

/**
 * Security settings set by admins (one row): the days a staff user may sign in with the password alone
 * before enrolment is forced, counted from `graceFrom` (the later of this date and the user's creation).
 */
export const securitySettings = pgTable("security_settings", {
  id: integer("id").primaryKey().default(1),
  staffGraceDays: integer("staff_grace_days").notNull().default(14),
  graceFrom: timestamp("grace_from", { withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid("updated_by").references(() => users.id),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
