import "server-only";
import type { Database } from "@/db/client";
import { grantsOfPerson, type GrantDto } from "@/lib/features/grants/readModel/grantReads";
import { keepGrants, keptGrants } from "@/lib/features/grants/readModel/grantDtoCache";

/**
 * The signed-in user's grants from what their session check answered: the DTOs it carried (kept for their
 * next request at the person's version read in the same statement), or, when it left them out because this
 * server keeps them at that version, the kept ones.
 */
export async function grantsAnswered(
  database: Database,
  user: { id: string; personId: string | null },
  answered: GrantDto[] | null,
  version: number | null,
): Promise<GrantDto[]> {
  if (!user.personId) return answered ?? [];
  if (answered !== null) return version === null ? answered : keepGrants(user.id, user.personId, version, answered);
  // Left out as kept, but no longer kept (another request of this user replaced it): read them again.
  return keptGrants(user.id, user.personId, version ?? -1) ?? grantsOfPerson(database, user.personId);
}
