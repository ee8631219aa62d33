import "server-only";
import { z } from "zod";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { uuid } from "@/lib/platform/validation/common";
import { batchDocumentParams, batchDocumentQuery } from "@/lib/features/vesting-batches/batchDocuments";
import { REGISTRAR_COLUMNS } from "@/lib/features/vesting-batches/registers/registrarList";
import { registrarLayoutBody } from "@/lib/features/vesting-batches/schemas";
import { isoInstant } from "@/lib/features/openapi/schemas/primitives";

const tags = ["Vesting batches"];
const planParams = z.object({ planId: uuid });

/** RegistrarLayout (lib/features/vesting-batches/registrarLayout.ts). */
const registrarLayoutSchema = z.object({
  planId: z.uuid(),
  columns: z.array(z.enum(REGISTRAR_COLUMNS)).min(1),
  updatedAt: isoInstant.nullable().describe("Null while the plan uses the default order."),
});

/** A vesting batch's registers and announcement drafts (issue #16 items 4 and 5), and the registrar list's layout. */
export const vestingBatchDocumentOperations = {
  getVestingBatchDocument: {
    method: "get",
    path: "/api/v1/vesting-batches/{batchId}/documents/{kind}",
    operationId: "getVestingBatchDocument",
    summary:
      "Downloads a batch's register (capital verification, withholding, registrar list) or announcement draft (conditions, lapse, result, adjustment); every download is audit-logged",
    tags,
    access: "staffRead",
    params: batchDocumentParams,
    query: batchDocumentQuery,
    responses: {
      200: {
        description:
          "The document as an attachment. Registers (capital-verification from payment_closed on; withholding and registrar-list " +
          "from registered on): format=csv is text/csv (UTF-8 with BOM, CRLF), format=xlsx is " +
          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, one row per grantee (per line for withholding) and a " +
          "totals row that ties to the batch. Announcements in Chinese (announcement-conditions from conditions_confirmed on, " +
          "announcement-lapse from payment_closed on, announcement-result from registered on, announcement-adjustment always): " +
          "format=docx is application/vnd.openxmlformats-officedocument.wordprocessingml.document, format=md is text/markdown. " +
          "The registrar list follows the plan's registrar layout; its ID numbers are masked unless an admin sets includeIdNumbers=true " +
          "(after a fresh second factor), which is audited as its own action.",
        contentType: "text/csv",
      },
      400: { description: "Invalid query, or a format the kind does not come in (BAD_REQUEST)." },
      401: {
        description:
          "Not signed in, or the session or token has ended (UNAUTHENTICATED); includeIdNumbers=true without a second factor " +
          "in the last 10 minutes (STEP_UP_REQUIRED, POST /api/v1/auth/step-up).",
      },
      403: {
        description: "The role does not allow this, or includeIdNumbers=true from anyone but an admin (FORBIDDEN).",
      },
      404: {
        description:
          "No such batch or kind, or no corporate action adjusted the plan's grants since its previous vesting (NOT_FOUND).",
      },
      409: {
        description:
          "The batch has not reached the status the document needs (VESTING_BATCH_STATUS, with status and expected).",
      },
    },
  },
  getRegistrarLayout: {
    method: "get",
    path: "/api/v1/plans/{planId}/registrar-layout",
    operationId: "getRegistrarLayout",
    summary: "The registrar list's column order for the plan (the default until HR sets one)",
    tags,
    access: "staffRead",
    params: planParams,
    responses: {
      200: { description: "The layout.", schema: registrarLayoutSchema },
      404: { description: "No such plan (NOT_FOUND)." },
    },
  },
  setRegistrarLayout: {
    method: "put",
    path: "/api/v1/plans/{planId}/registrar-layout",
    operationId: "setRegistrarLayout",
    summary: "Sets the registrar list's column order for the plan; audited",
    tags,
    access: "staffWrite",
    params: planParams,
    body: registrarLayoutBody,
    responses: {
      200: { description: "The layout as stored.", schema: registrarLayoutSchema },
      400: {
        description: `An unknown column, a column twice or none (BAD_REQUEST). Columns: ${REGISTRAR_COLUMNS.join(", ")}.`,
      },
      404: { description: "No such plan (NOT_FOUND)." },
    },
  },
} satisfies Record<string, ApiOperation>;

/** The same operations as a list, for the OpenAPI document. */
export const operations: ApiOperation[] = Object.values(vestingBatchDocumentOperations);
