import "server-only";

/** The text with LIKE's wildcards % _ and the escape \ taken as themselves ("E_01" means the underscore). */
export function escapeLike(q: string): string {
  return q.replace(/[%_\\]/g, (c) => `\\${c}`);
}

/** The ILIKE pattern of a list's search box: the text anywhere in the value, wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${escapeLike(q)}%`;
}
