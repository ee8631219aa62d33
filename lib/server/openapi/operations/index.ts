import type { ApiOperation } from "../operation";
import { operations as actions } from "./actions";
import { operations as admin } from "./admin";
import { operations as calendar } from "./calendar";
import { operations as exports } from "./exports";
import { operations as me } from "./me";
import { operations as plans } from "./plans";
import { operations as publicity } from "./publicity";
import { operations as system } from "./system";

/** Every /api/v1 operation, by area; a route without an entry here fails tests/unit/openapiCoverage.test.ts. */
export const allOperations: readonly ApiOperation[] = [...system, ...me, ...plans, ...publicity, ...calendar, ...actions, ...exports, ...admin];
