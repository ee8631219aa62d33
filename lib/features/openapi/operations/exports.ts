import "server-only";
import { registerExportQuerySchema } from "@/lib/features/registers/schemas";
import type { ApiOperation } from "@/lib/auth/procedures/operation";

const tags = ["Exports"];

/** Registers as streamed downloads for admins and auditors. */
export const exportsOperations = {
  exportRegister: {
    method: "get",
    path: "/api/v1/exports/register",
    operationId: "exportRegister",
    summary:
      "Downloads a register (grants, vesting and lapse, or the allocation table) as CSV, XLSX or OCF JSON; every export is audit-logged",
    tags,
    access: "adminOrAuditor",
    query: registerExportQuerySchema,
    responses: {
      200: {
        description:
          "The register as an attachment, streamed. format=csv: text/csv (UTF-8 with BOM, RFC 4180, CRLF). format=xlsx: " +
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet. format=ocf (grant register only): application/json, " +
          '{"files": {"stock_classes", "stock_plans", "vesting_terms", "stakeholders", "transactions"}, "manifest": OCF manifest with each file\'s md5}. ' +
          "ID numbers are masked unless an admin sets includeIdNumbers=true, which is audited as its own action.",
        contentType: "text/csv",
      },
      400: {
        description:
          "Invalid query, OCF requested for a register other than grants, or the allocation table without a plan (BAD_REQUEST).",
      },
      403: { description: "Not an admin or auditor, or includeIdNumbers=true from anyone but an admin (FORBIDDEN)." },
      404: { description: "No such plan (NOT_FOUND)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(exportsOperations);
