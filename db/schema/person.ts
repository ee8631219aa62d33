import { boolean, date, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { employmentStatusEnum } from "./enums";
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
  nationality: text("nationality").notNull().default("CN"),
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
});
