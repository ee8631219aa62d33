import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { itemsOf } from "@/lib/features/openapi/schemas/primitives";
import { factorResetSchema, userFactorsSchema } from "@/lib/features/admin/secondFactors";
import { clearedThrottleSchema, clearThrottleSchema, loginThrottleSchema } from "@/lib/features/admin/loginThrottles";
import { securitySettingsSchema, updateSecuritySettingsSchema } from "@/lib/features/admin/securitySettings";
import { uuid } from "@/lib/platform/validation/common";

const userParams = z.object({ userId: uuid });

const refused = (description: string) => ({ description });

/** Staff sign-in security: users' second factors, sign-in throttles and the enrolment grace period. */
export const adminSecurityOperations = {
  listUserFactors: {
    method: "get",
    path: "/api/v1/users/{userId}/factors",
    operationId: "listUserFactors",
    summary: "A user's second factors (kind, label, created, last used) and recovery codes left; never a secret",
    tags: ["Users"],
    access: "adminOnly",
    params: userParams,
    responses: {
      200: { description: "The user's factors, oldest first.", schema: userFactorsSchema },
      404: refused("No such user (NOT_FOUND)."),
    },
  },
  resetUserFactors: {
    method: "delete",
    path: "/api/v1/users/{userId}/factors",
    operationId: "resetUserFactors",
    summary:
      "Resets a user's second factor: removes their factors, recovery codes and remembered browsers and ends their sessions; the user is told by notice and e-mail",
    tags: ["Users"],
    access: "adminOnly",
    sessionOnly: true,
    stepUp: true,
    params: userParams,
    responses: {
      200: { description: "What was removed and ended.", schema: factorResetSchema },
      401: refused("The admin's last second-factor proof is older than 10 minutes (STEP_UP_REQUIRED)."),
      404: refused("No such user (NOT_FOUND)."),
      409: refused("An admin's own factors are managed on their account page (SELF_FACTOR_RESET)."),
    },
  },
  listLoginThrottles: {
    method: "get",
    path: "/api/v1/admin/login-throttles",
    operationId: "listLoginThrottles",
    summary: "Accounts and client IPs with failed sign-ins in the last hour, and how long each must wait",
    tags: ["Security"],
    access: "adminOnly",
    responses: {
      200: { description: "Up to 200 keys, most failures first.", schema: itemsOf(loginThrottleSchema) },
    },
  },
  clearLoginThrottle: {
    method: "delete",
    path: "/api/v1/admin/login-throttles",
    operationId: "clearLoginThrottle",
    summary: "Clears an account's or an IP's failed sign-ins of the last hour, so the next attempt is heard at once",
    tags: ["Security"],
    access: "adminOnly",
    sessionOnly: true,
    body: clearThrottleSchema,
    responses: { 200: { description: "How many failed attempts were removed.", schema: clearedThrottleSchema } },
  },
  getSecuritySettings: {
    method: "get",
    path: "/api/v1/admin/security-settings",
    operationId: "getSecuritySettings",
    summary: "The grace period staff may sign in without a second factor",
    tags: ["Security"],
    access: "adminOnly",
    responses: { 200: { description: "The settings.", schema: securitySettingsSchema } },
  },
  updateSecuritySettings: {
    method: "put",
    path: "/api/v1/admin/security-settings",
    operationId: "updateSecuritySettings",
    summary: "Sets the staff grace period (0 to 90 days)",
    tags: ["Security"],
    access: "adminOnly",
    sessionOnly: true,
    body: updateSecuritySettingsSchema,
    responses: { 200: { description: "The settings after the change.", schema: securitySettingsSchema } },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(adminSecurityOperations);
