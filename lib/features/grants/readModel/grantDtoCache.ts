import "server-only";
import type { GrantDto } from "@/lib/features/grants/readModel/grantReads";

/**
 * The signed-in user's grant DTOs, kept between their requests while their person's grant DTO version
 * (grant_dto_versions, moved at the commit of any change to what that person's DTOs are built from, and
 * by nothing else) stays the same. The session check sends the version and person it holds; PostgreSQL
 * answers the grants only when either differs, so a grantee refreshing a page costs no JSON building,
 * and another grantee's write, or HR's on another plan, does not make it cost any.
 *
 * An entry belongs to one user id and is only ever handed to that user id, and only when the version
 * and the person linked to the user, both read in the same statement as the session check, match it:
 * nothing here can show one user another's data, nor data older than what the database holds.
 */
interface Entry {
  personId: string;
  version: number;
  /** The DTOs as PostgreSQL wrote them (the API sends this on), and parsed (the pages render these). */
  text?: string;
  parsed?: GrantDto[];
}

/** How many users' grants are kept, least recently used dropped first: about 20 MB at four grants each. */
export const GRANT_CACHE_USERS = 500;

const entries = new Map<string, Entry>();

/** What the session check sends for this user: the version and person of the kept DTOs, or none. */
export function keptGrantVersion(userId: string): { gv: number; gp: string | null } {
  const e = entries.get(userId);
  return e ? { gv: e.version, gp: e.personId } : { gv: -1, gp: null };
}

/** The kept DTOs of this user, if they are of this person and version; as text. */
export function keptGrantsText(userId: string, personId: string, version: number): string | null {
  const e = current(userId, personId, version);
  if (!e) return null;
  e.text ??= JSON.stringify(e.parsed);
  return e.text;
}

/** The kept DTOs of this user, if they are of this person and version; parsed and frozen (requests share them). */
export function keptGrants(userId: string, personId: string, version: number): GrantDto[] | null {
  const e = current(userId, personId, version);
  if (!e) return null;
  e.parsed ??= deepFreeze(JSON.parse(e.text!) as GrantDto[]);
  return e.parsed;
}

/** Keeps the DTOs as PostgreSQL wrote them. */
export function keepGrantsText(userId: string, personId: string, version: number, text: string): void {
  keep(userId, { personId, version, text });
}

/** Keeps parsed DTOs, frozen, and returns them. */
export function keepGrants(userId: string, personId: string, version: number, parsed: GrantDto[]): GrantDto[] {
  return keep(userId, { personId, version, parsed: deepFreeze(parsed) }).parsed!;
}

function keep(userId: string, entry: Entry): Entry {
  entries.delete(userId);
  entries.set(userId, entry);
  if (entries.size > GRANT_CACHE_USERS) entries.delete(entries.keys().next().value!);
  return entry;
}

/** Forgets every kept DTO (tests). */
export function forgetKeptGrants(): void {
  entries.clear();
}

function current(userId: string, personId: string, version: number): Entry | null {
  const e = entries.get(userId);
  if (!e || e.personId !== personId || e.version !== version) return null;
  // Most recently used last, so the oldest is dropped first.
  entries.delete(userId);
  entries.set(userId, e);
  return e;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
