import {
  bigint,
  date,
  integer,
  pgTable,
  text,
  timestamp,
  uuid,
  boolean,
  unique,
  customType,
  index,
} from "drizzle-orm/pg-core";
import { grantBatchKindEnum, objectionStatusEnum, publicityStatusEnum, verifyingBodyEnum } from "./enums";
import { participantCategories, plans } from "./plan";
import { persons } from "./person";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/** A version of a plan's incentive-object list (first grant or a reserved batch). Versions are immutable. */
export const participantListVersions = pgTable(
  "participant_list_versions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    planId: uuid("plan_id")
      .notNull()
      .references(() => plans.id),
    batch: grantBatchKindEnum("batch").notNull(),
    version: integer("version").notNull(),
    /** Hash of the normalised rows: applying the same list twice is a no-op. */
    contentHash: text("content_hash").notNull(),
    sourceFileName: text("source_file_name"),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.planId, t.batch, t.version)],
);

/** One person on a list version, with the position and quantity as listed. */
export const participantListEntries = pgTable(
  "participant_list_entries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    listVersionId: uuid("list_version_id")
      .notNull()
      .references(() => participantListVersions.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    categoryId: uuid("category_id")
      .notNull()
      .references(() => participantCategories.id),
    name: text("name").notNull(),
    position: text("position").notNull(),
    nationality: text("nationality").notNull(),
    quantity: bigint("quantity", { mode: "number" }).notNull(),
  },
  // The 1 % cap check sums a person's listed quantities across plans: by person first.
  (t) => [unique().on(t.listVersionId, t.personId), index("participant_list_entries_person_idx").on(t.personId)],
);

/** Internal publicity of a list version (>= 10 calendar days). */
export const publicityPeriods = pgTable("publicity_periods", {
  id: uuid("id").primaryKey().defaultRandom(),
  planId: uuid("plan_id")
    .notNull()
    .references(() => plans.id),
  listVersionId: uuid("list_version_id")
    .notNull()
    .references(() => participantListVersions.id),
  startDate: date("start_date").notNull(),
  endDate: date("end_date").notNull(),
  channel: text("channel").notNull().default("Vesting Desk"),
  status: publicityStatusEnum("status").notNull().default("open"),
  summary: text("summary"),
  closedAt: timestamp("closed_at", { withTimezone: true }),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An objection to the publicised list; visible to HR with the filer, never to other employees. */
export const objections = pgTable(
  "objections",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    publicityPeriodId: uuid("publicity_period_id")
      .notNull()
      .references(() => publicityPeriods.id),
    filedByUserId: uuid("filed_by_user_id").notNull(),
    receiptNo: text("receipt_no").notNull().unique(),
    text: text("text").notNull(),
    status: objectionStatusEnum("status").notNull().default("open"),
    response: text("response"),
    answeredBy: uuid("answered_by"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // The HR inbox pages one period's objections oldest first.
  (t) => [index("objections_period_idx").on(t.publicityPeriodId, t.createdAt, t.id)],
);

/** The verification opinion on a list version; stale once the list changes after it. */
export const verificationRecords = pgTable("verification_records", {
  id: uuid("id").primaryKey().defaultRandom(),
  planId: uuid("plan_id")
    .notNull()
    .references(() => plans.id),
  listVersionId: uuid("list_version_id")
    .notNull()
    .references(() => participantListVersions.id),
  publicityPeriodId: uuid("publicity_period_id").references(() => publicityPeriods.id),
  body: verifyingBodyEnum("body").notNull(),
  members: text("members"),
  opinionDate: date("opinion_date").notNull(),
  disclosureDate: date("disclosure_date").notNull(),
  generalMeetingDate: date("general_meeting_date").notNull(),
  opinion: text("opinion").notNull(),
  attachmentName: text("attachment_name"),
  attachment: bytea("attachment"),
  stale: boolean("stale").notNull().default(false),
  createdBy: uuid("created_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});
