import "server-only";

/**
 * An announcement as a neutral document: the code line, the title, the board's standard statement,
 * numbered sections of paragraphs and tables, and the closing. The docx and the Markdown are two
 * renderings of this one value, so the preview shows exactly the figures the Word file carries.
 */
export const ANNOUNCEMENT_KINDS = ["conditions", "lapse", "result", "adjustment"] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];

export interface AnnouncementTable {
  header: string[];
  rows: string[][];
  /** The last row is a 合计 row (bold in Word). */
  totalsRow: boolean;
}

export interface AnnouncementSection {
  heading: string;
  paragraphs: string[];
  tables: AnnouncementTable[];
}

export interface AnnouncementDocument {
  kind: AnnouncementKind;
  codeLine: string;
  title: string;
  statement: string;
  sections: AnnouncementSection[];
  closing: string[];
  /** Says the file is a generated draft. */
  footer: string;
  /** ASCII file name stem, for the download's fallback name. */
  asciiStem: string;
}

/** Who announces: the issuer, its code and the plan. */
export interface AnnouncementIssuer {
  issuerName: string;
  stockCode: string;
  planName: string;
  /** 证券简称, when the caller has it. */
  shortName?: string | null;
}

export const DRAFT_FOOTER = "本文件由系统根据登记数据生成，供信息披露起草参考";

/** The board's statement every SSE announcement opens with. */
const STATEMENT =
  "本公司董事会及全体董事保证本公告内容不存在任何虚假记载、误导性陈述或者重大遗漏，并对其内容的真实性、准确性和完整性依法承担法律责任。";

/** A section: numbered by the caller ("一、…"). */
export const section = (
  heading: string,
  paragraphs: string[],
  tables: AnnouncementTable[] = [],
): AnnouncementSection => ({ heading, paragraphs, tables });

/** The parts every announcement shares around its own title and sections. */
export function announcementDocument(
  kind: AnnouncementKind,
  issuer: AnnouncementIssuer,
  title: string,
  sections: AnnouncementSection[],
  asciiStem: string,
): AnnouncementDocument {
  const shortName = issuer.shortName ? `　　证券简称：${issuer.shortName}` : "";
  return {
    kind,
    codeLine: `证券代码：${issuer.stockCode}${shortName}　　公告编号：【待填】`,
    title: `${issuer.issuerName}${title}`,
    statement: STATEMENT,
    sections,
    closing: ["特此公告。", `${issuer.issuerName}董事会`, "【待填】年【待填】月【待填】日"],
    footer: DRAFT_FOOTER,
    asciiStem,
  };
}
