import { boolean, date, index, pgTable, text, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";
import { departureKindEnum, departureReasonEnum, employmentStatusEnum, idTypeEnum } from "./enums";
import { issuers } from "./issuer";

/** An employee or officer who can be an incentive object. The ID number is stored encrypted only. */
export const persons = pgTable("persons", {
  id: uuid("id").primaryKey().defaultRandom(),
  issuerId: uuid("issuer_id")
    .notNull()
    .references(() => issuers.id),
  employeeNo: text("employee_no").notNull().unique(),
  name: text("name").notNull(),
  namePinyin: text("name_pinyin"),
  position: text("position").notNull(),
  department: text("department"),
  /** Work e-mail, where the portal's invitation is sent; the user account keeps its own sign-in e-mail. */
  email: text("email"),
  nationality: text("nationality").notNull().default("CN"),
  /** Null for records made before the type was asked for: read as the resident ID card. */
  idType: idTypeEnum("id_type"),
  /** AES-256-GCM ciphertext (iv.tag.data, base64url); never plaintext. */
  idNumberEnc: text("id_number_enc"),
  /** Last four characters, for masked display without decrypting. */
  idNumberLast4: text("id_number_last4"),
  employmentStatus: employmentStatusEnum("employment_status").notNull().default("active"),
  leaveDate: date("leave_date"),
  isDirector: boolean("is_director").notNull().default(false),
  isSeniorManager: boolean("is_senior_manager").notNull().default(false),
  isCoreTechnician: boolean("is_core_technician").notNull().default(false),
  isForeign: boolean("is_foreign").notNull().default(false),
  isIndependentDirector: boolean("is_independent_director").notNull().default(false),
  isSupervisor: boolean("is_supervisor").notNull().default(false),
  isMajorHolder: boolean("is_major_holder").notNull().default(false),
  isActualControllerOrRelative: boolean("is_actual_controller_or_relative").notNull().default(false),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Departure records, append-only: a correction or a withdrawal is a new row that supersedes the
 * current one. persons.employment_status and leave_date mirror the record in force.
 */
export const personDepartures = pgTable(
  "person_departures",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    kind: departureKindEnum("kind").notNull(),
    /** Null only for a withdrawal (the person did not leave after all). */
    leaveDate: date("leave_date"),
    reason: departureReasonEnum("reason"),
    note: text("note"),
    supersedesId: uuid("supersedes_id").references((): AnyPgColumn => personDepartures.id),
    recordedBy: uuid("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("person_departures_person_idx").on(t.personId)],
);
