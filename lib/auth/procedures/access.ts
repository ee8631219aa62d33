import "server-only";
import type { Role } from "@/lib/auth/roles";
import { FINANCE_READ_ROLES, FINANCE_WRITE_ROLES, STAFF_READ_ROLES, STAFF_WRITE_ROLES } from "@/lib/auth/roles";

/**
 * Who may call a route, an action or open a page. Declared once per entry point (in its ApiOperation,
 * its action() or its page()); the OpenAPI document and the authorization-matrix test read the same value.
 */
export type Access =
  | "public"
  | "signedIn"
  | "staffRead"
  | "staffWrite"
  | "financeRead"
  | "financeWrite"
  | "adminOnly"
  | "adminOrAuditor"
  /** A sign-in whose password was right and which still owes its second factor; nobody else. */
  | "secondFactorPending"
  /** Adding a second factor: a signed-in user, or a sign-in held at enrolment after the grace period. */
  | "enrolment";

/** The roles an access level admits: null for anyone (even anonymous), [] for any signed-in user. */
export const ACCESS_ROLES: Record<Access, readonly Role[] | null> = {
  public: null,
  signedIn: [],
  staffRead: STAFF_READ_ROLES,
  staffWrite: STAFF_WRITE_ROLES,
  financeRead: FINANCE_READ_ROLES,
  financeWrite: FINANCE_WRITE_ROLES,
  adminOnly: ["admin"],
  adminOrAuditor: ["admin", "auditor"],
  // Decided from the pending sign-in, not from roles (see authorize).
  secondFactorPending: [],
  enrolment: [],
};
