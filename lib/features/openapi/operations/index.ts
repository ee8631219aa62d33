import "server-only";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { operations as actions } from "@/lib/features/openapi/operations/actions";
import { operations as agenda } from "@/lib/features/openapi/operations/agenda";
import { operations as admin } from "@/lib/features/openapi/operations/admin";
import { operations as adminSecurity } from "@/lib/features/openapi/operations/adminSecurity";
import { operations as calendar } from "@/lib/features/openapi/operations/calendar";
import { operations as corrections } from "@/lib/features/openapi/operations/corrections";
import { operations as expense } from "@/lib/features/openapi/operations/expense";
import { operations as leavers } from "@/lib/features/openapi/operations/leavers";
import { operations as exports } from "@/lib/features/openapi/operations/exports";
import { operations as me } from "@/lib/features/openapi/operations/me";
import { operations as persons } from "@/lib/features/openapi/operations/persons";
import { operations as plans } from "@/lib/features/openapi/operations/plans";
import { operations as publicity } from "@/lib/features/openapi/operations/publicity";
import { operations as secondFactor } from "@/lib/features/openapi/operations/secondFactor";
import { operations as system } from "@/lib/features/openapi/operations/system";
import { operations as vestingBatches } from "@/lib/features/openapi/operations/vestingBatches";
import { operations as vestingBatchDocuments } from "@/lib/features/openapi/operations/vestingBatchDocuments";
import { operations as tax } from "@/lib/features/openapi/operations/tax";

/** Every /api/v1 operation, by area; a route without an entry here fails tests/unit/openapiCoverage.test.ts. */
export const allOperations: readonly ApiOperation[] = [
  ...system,
  ...secondFactor,
  ...me,
  ...plans,
  ...agenda,
  ...publicity,
  ...calendar,
  ...actions,
  ...corrections,
  ...leavers,
  ...persons,
  ...exports,
  ...vestingBatches,
  ...vestingBatchDocuments,
  ...expense,
  ...tax,
  ...admin,
  ...adminSecurity,
];
