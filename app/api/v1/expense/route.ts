import { route } from "@/lib/auth/procedures/route";
import { expenseOperations as api } from "@/lib/features/openapi/operations/expense";
import { companyExpenseDownload } from "@/lib/features/expense/expenseExport";
import { companyExpense } from "@/lib/features/expense/queries";
import { downloadResponse } from "@/lib/platform/http/downloadResponse";

export const dynamic = "force-dynamic";

/** GET /api/v1/expense?by=month|quarter|year&format=json|csv|xlsx: the company's expense across plans. */
export const GET = route(api.getCompanyExpense, async ({ db, query }) => {
  const dto = await companyExpense(db, query);
  if (query.format === "json") return dto;
  return downloadResponse(companyExpenseDownload(dto, query.format));
});
