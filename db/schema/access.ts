import {
  bigserial,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
  index,
} from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { roleEnum } from "./enums";
import { persons } from "./person";

/** A login. An employee user links to a person; staff users may not. */
export const users = pgTable("users", {
  id: uuid("id").primaryKey().defaultRandom(),
  email: text("email").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash"),
  personId: uuid("person_id")
    .references(() => persons.id)
    .unique(),
  locale: text("locale").notNull().default("zh-CN"),
  disabled: boolean("disabled").notNull().default(false),
  /** Bumped on disable or password change; JWTs carrying an older version are rejected. */
  sessionVersion: integer("session_version").notNull().default(1),
  /** SHA-256 of the secret calendar-feed token; null when no feed is issued. */
  calendarFeedTokenHash: text("calendar_feed_token_hash"),
  lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  /** SHA-256 of a one-time link that lets the user set a password (invitation or admin reset). */
  passwordSetupTokenHash: text("password_setup_token_hash").unique(),
  passwordSetupExpiresAt: timestamp("password_setup_expires_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Role grants; a user may hold several roles. */
export const userRoles = pgTable(
  "user_roles",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    role: roleEnum("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
);

/** API tokens: stored hashed, scoped to one role, revocable. */
export const apiTokens = pgTable("api_tokens", {
  id: uuid("id").primaryKey().defaultRandom(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id),
  name: text("name").notNull(),
  tokenHash: text("token_hash").notNull().unique(),
  /** The first characters of the token, shown in lists so an admin can tell tokens apart. */
  tokenPrefix: text("token_prefix").notNull().default(""),
  role: roleEnum("role").notNull(),
  createdByUserId: uuid("created_by_user_id").references(() => users.id),
  lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
  revokedAt: timestamp("revoked_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One row per signed-in browser session: the JWT carries its id. Idle timeout and sign-out are decided
 * here, in the database, so they hold across instances; last_seen_at is refreshed at most once a minute.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp("ended_at", { withTimezone: true }),
    ip: text("ip"),
    /**
     * "pending": the password was right, a second factor is still owed (the session grants nothing);
     * "enrol": the same, for a staff user past the grace period without a factor; "complete" otherwise.
     */
    secondFactorState: text("second_factor_state", { enum: ["pending", "enrol", "complete"] })
      .notNull()
      .default("complete"),
    /** How this session was authenticated, e.g. {password,totp}. */
    factors: text("factors")
      .array()
      .notNull()
      .default(sql`'{password}'::text[]`),
    /** The last time a second factor was verified in this session (sign-in or step-up). */
    secondFactorAt: timestamp("second_factor_at", { withTimezone: true }),
    /** A TOTP secret being enrolled (sealed), or a WebAuthn challenge issued, awaiting their answer. */
    pendingTotpSealed: text("pending_totp_sealed"),
    webauthnChallenge: text("webauthn_challenge"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/** Login attempts, kept in the database so throttling holds across instances. */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    identifier: text("identifier").notNull(),
    ip: text("ip").notNull(),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_identifier_at_idx").on(t.identifier, t.at),
    index("login_attempts_ip_at_idx").on(t.ip, t.at),
  ],
);

/** Append-only, hash-chained audit trail (a trigger refuses UPDATE and DELETE). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorUserId: uuid("actor_user_id"),
    action: text("action").notNull(),
    entityType: text("entity_type").notNull(),
    entityId: text("entity_id"),
    before: jsonb("before"),
    after: jsonb("after"),
    ip: text("ip"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  // The viewer filters by entity, actor, action (exact or "user.*" prefix) and day, newest first by id.
  (t) => [
    index("audit_log_entity_idx").on(t.entityType, t.entityId),
    index("audit_log_actor_idx").on(t.actorUserId, t.id),
    index("audit_log_action_idx").on(t.action.op("text_pattern_ops"), t.id),
    index("audit_log_at_idx").on(t.at),
  ],
);

/** In-app notices for a user. */
export const notifications = pgTable(
  "notifications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: text("kind").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    dedupeKey: text("dedupe_key").unique(),
    readAt: timestamp("read_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("notifications_user_idx").on(t.userId, t.createdAt)],
);

/**
 * Mail waiting for the sender (lib/platform/mail/outboxSender.ts) to deliver it over SMTP. A row is pending
 * while sent_at and dead_at are null; a sender leases it through claimed_until before sending, so two
 * processes (or a restarted one) never send it twice while the lease runs.
 */
export const emailOutbox = pgTable(
  "email_outbox",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Failed delivery attempts so far. */
    attempts: integer("attempts").notNull().default(0),
    /** Earliest time of the next attempt after a failure (back-off); null: as soon as possible. */
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    /** The SMTP error of the last failed attempt. */
    lastError: text("last_error"),
    /** Set when the mail is given up after the last allowed attempt (dead letter). */
    deadAt: timestamp("dead_at", { withTimezone: true }),
    /** A sender's lease: until then no other sender may take the row. */
    claimedUntil: timestamp("claimed_until", { withTimezone: true }),
  },
  (t) => [
    // The sender's scan of unsent rows in creation order, and the admin page's pending and dead counts.
    index("email_outbox_unsent_idx")
      .on(t.createdAt)
      .where(sql`${t.sentAt} is null`),
  ],
);
