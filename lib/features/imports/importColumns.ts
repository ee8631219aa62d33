import "server-only";

/**
 * One column of an import file: the field it fills, its header in Chinese and English, the other names
 * people put at the top of it, and the value the template's example row shows.
 */
export interface ImportColumn<F extends string = string> {
  field: F;
  required: boolean;
  zh: string;
  en: string;
  aliases: readonly string[];
  example: string;
  /** Kept as text in the XLSX template, so codes with leading zeros and ID numbers survive Excel. */
  text?: boolean;
  /** What to enter, for the template's notes sheet. */
  hint?: { zh: string; en: string };
}

/** Lower case, no spaces, no unit or remark in brackets ("授予数量（股）" -> "授予数量", "*工号" -> "工号"). */
export function normaliseHeader(h: string): string {
  return h
    .replace(/[（(【[].*?[)）】\]]/g, "")
    .replace(/[\s_*:：]/g, "")
    .toLowerCase();
}

/** The template's header of a column: both languages, a leading * on a required one ("*工号 Employee no."). */
export function templateHeader(column: ImportColumn): string {
  return `${column.required ? "*" : ""}${column.zh} ${column.en}`;
}

/** How a column is named in an English sentence: "Quantity (授予数量)". */
export function columnLabelEn(column: ImportColumn): string {
  return `${column.en} (${column.zh})`;
}

const HAN_RUN = /(\p{Script=Han}+)/u;
const EDGE_SEPARATORS = /^[/|｜／、,，;；\-—]+|[/|｜／、,，;；\-—]+$/g;

/**
 * The field a header cell names, for a set of columns. A header matches by any of its names after
 * normalising; a bilingual header ("工号 Employee no.", "Quantity / 授予数量", the template's own) matches
 * when its Chinese and its other parts each name the same column, so any pairing of known names reads.
 */
export function headerLookup<F extends string>(columns: readonly ImportColumn<F>[]): (header: string) => F | undefined {
  const names = new Map<string, F>();
  for (const c of columns)
    for (const name of [c.zh, c.en, c.field, templateHeader(c), ...c.aliases]) {
      const key = normaliseHeader(name);
      if (key && !names.has(key)) names.set(key, c.field);
    }
  return (header) => {
    const key = normaliseHeader(header);
    if (!key) return undefined;
    const exact = names.get(key);
    if (exact) return exact;
    const parts = key
      .split(HAN_RUN)
      .map((p) => p.replace(EDGE_SEPARATORS, ""))
      .filter(Boolean);
    if (parts.length < 2) return undefined;
    const fields = new Set(parts.map((p) => names.get(p)));
    const [only] = fields;
    return fields.size === 1 ? only : undefined;
  };
}
