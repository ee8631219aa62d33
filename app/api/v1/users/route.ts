import { route } from "@/lib/auth/procedures/route";
import { adminOperations as api } from "@/lib/features/openapi/operations/admin";
import { portalOrigin } from "@/lib/platform/http/portalOrigin";
import { createUser } from "@/lib/features/admin/commands";
import { listUsers } from "@/lib/features/admin/queries";

export const dynamic = "force-dynamic";

/** GET /api/v1/users?q=&role=&state=&cursor=&limit=: a page of users with roles, linked person, last sign-in and pending setup link (admins). */
export const GET = route(api.listUsers, async ({ db, query }) => listUsers(db, query));

/** POST /api/v1/users: creates a user and answers the one-time password-setup link (also mailed). */
export const POST = route(api.createUser, async ({ db, actor, body, req }) =>
  createUser(db, actor, body, portalOrigin(new URL(req.url).origin)),
);
