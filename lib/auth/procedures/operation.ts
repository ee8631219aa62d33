import "server-only";
import type { z } from "zod";
import type { Access } from "./access";

/** Who may call an operation (see access.ts). */
export type OperationAccess = Access;

/** One response of an operation: JSON described by a zod schema, or another media type (CSV, XLSX, ICS...). */
export interface OperationResponse {
  description: string;
  /** The JSON body's schema; omitted for bodies that are not JSON. */
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
}

/**
 * One /api/v1 endpoint as the OpenAPI document describes it. Request schemas must be the very zod
 * schemas the route validates with (imported, never copied), so the document cannot drift from the code.
 */
export interface ApiOperation {
  method: "get" | "post" | "patch" | "put" | "delete";
  /** OpenAPI path template, e.g. "/api/v1/plans/{planId}". */
  path: string;
  operationId: string;
  summary: string;
  tags: string[];
  access: OperationAccess;
  /** Refuses API tokens: user and token administration takes a signed-in person. */
  sessionOnly?: boolean;
  /** A sensitive action: the session must have given its second factor within 10 minutes (STEP_UP_REQUIRED). */
  stepUp?: boolean;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Non-JSON request bodies (multipart uploads); described by media type only. */
  bodyContentType?: string;
  responses: Record<number, OperationResponse>;
}
