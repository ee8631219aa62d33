import { NextResponse } from "next/server";
import { apiRoute } from "@/lib/platform/http/apiResponse";
import { openApiDocument } from "@/lib/features/openapi/document";

export const dynamic = "force-dynamic";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document, built once per process; public, as it describes code and holds no data. */
export const GET = apiRoute(async () => NextResponse.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
