import { route } from "@/lib/auth/procedures/route";
import { personsOperations as api } from "@/lib/features/openapi/operations/persons";
import { downloadResponse } from "@/lib/platform/http/downloadResponse";
import { personImportTemplate } from "@/lib/features/persons/personTemplate";

export const dynamic = "force-dynamic";

/** GET /api/v1/persons/import/template[?format=csv]: the people file's template (XLSX by default). */
export const GET = route(api.personImportTemplate, async ({ query }) =>
  downloadResponse(await personImportTemplate(query.format ?? "xlsx")),
);
