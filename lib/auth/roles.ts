import "server-only";
import { roleEnum } from "@/db/schema/enums";

/** Roles known to the portal: exactly the database enum's values. */
export type Role = (typeof roleEnum.enumValues)[number];

/** Staff who may read every grant: hr, admin and auditor. */
export const STAFF_READ_ROLES: Role[] = ["hr", "admin", "auditor"];
/** Staff who may change plan data: hr and admin. */
export const STAFF_WRITE_ROLES: Role[] = ["hr", "admin"];
/** Who may read the share-based payment expense: finance, and the staff who read every grant. */
export const FINANCE_READ_ROLES: Role[] = ["finance", "hr", "admin", "auditor"];
/** Who may record fair-value inputs: finance, hr and admin (auditors read only). */
export const FINANCE_WRITE_ROLES: Role[] = ["finance", "hr", "admin"];
