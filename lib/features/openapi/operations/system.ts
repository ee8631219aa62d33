import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { errorBody } from "@/lib/features/openapi/schemas/primitives";

const tags = ["System"];

/** Liveness and the API's own description. */
export const systemOperations = {
  getHealth: {
    method: "get",
    path: "/api/v1/health",
    operationId: "getHealth",
    summary: "Liveness and readiness",
    tags,
    access: "public",
    responses: {
      200: {
        description:
          'The database driver in use, the number of applied migrations, and the date the server computes statuses for ("today", Asia/Shanghai) with whether VD_TODAY pins it.',
        schema: z.object({
          status: z.literal("ok"),
          database: z.enum(["pglite", "postgres"]),
          migrations: z.number().int().nonnegative(),
          today: z.iso.date(),
          todayPinned: z.boolean(),
        }),
      },
      503: {
        description: "The database is not reachable.",
        schema: errorBody.extend({ status: z.literal("unavailable") }),
      },
    },
  },
  getOpenApiDocument: {
    method: "get",
    path: "/api/v1/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This document: OpenAPI 3.1, generated from the zod schemas the routes validate with",
    tags,
    access: "public",
    responses: {
      200: {
        description: "The OpenAPI document.",
        schema: z.looseObject({
          openapi: z.literal("3.1.0"),
          info: z.looseObject({ title: z.string(), version: z.string() }),
          paths: z.record(z.string(), z.unknown()),
          components: z.record(z.string(), z.unknown()),
        }),
      },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(systemOperations);
