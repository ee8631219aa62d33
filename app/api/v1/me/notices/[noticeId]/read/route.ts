import { route } from "@/lib/auth/procedures/route";
import { meOperations as api } from "@/lib/features/openapi/operations/me";
import { readNotice } from "@/lib/features/me/commands";

export const dynamic = "force-dynamic";

/** POST /api/v1/me/notices/{id}/read: marks a notice read (204). */
export const POST = route(api.markNoticeRead, async ({ params }) => readNotice(params.noticeId));
