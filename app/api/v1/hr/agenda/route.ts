import { route } from "@/lib/auth/procedures/route";
import { agendaOperations as api } from "@/lib/features/openapi/operations/agenda";
import { hrAgenda } from "@/lib/features/agenda/queries";
import { toLocale } from "@/i18n/locales";

export const dynamic = "force-dynamic";

/** GET /api/v1/hr/agenda: what HR has to do and by when (staff). */
export const GET = route(api.getHrAgenda, async ({ db, user }) => hrAgenda(db, toLocale(user.locale)));
