import { NextResponse } from "next/server";
import { route } from "@/lib/auth/procedures/route";
import { systemOperations as api } from "@/lib/features/openapi/operations/system";
import { openApiDocument } from "@/lib/features/openapi/document";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document, built once per process; public, as it describes code and holds no data. */
export const GET = route(api.getOpenApiDocument, async () =>
  NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }),
);
