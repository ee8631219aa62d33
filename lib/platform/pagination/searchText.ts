/**
 * The ILIKE pattern of a list's search box: the text anywhere in the value, with % _ and \ taken as
 * themselves (someone searching for "E_01" means the underscore, not any character).
 */
export function containsPattern(q: string): string {
  return `%${q.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
