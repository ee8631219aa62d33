import { route } from "@/lib/auth/procedures/route";
import { expenseOperations as api } from "@/lib/features/openapi/operations/expense";
import { planExpenseDownload } from "@/lib/features/expense/expenseExport";
import { planExpense } from "@/lib/features/expense/queries";
import { downloadResponse } from "@/lib/platform/http/downloadResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/plans/{planId}/expense?by=month|quarter|year&version=current|draft&format=json|csv|xlsx. */
export const GET = route(api.getPlanExpense, async ({ db, params, query }) => {
  const dto = await planExpense(db, params.planId, query);
  if (query.format === "json") return dto;
  return downloadResponse(planExpenseDownload(dto, query.format));
});
