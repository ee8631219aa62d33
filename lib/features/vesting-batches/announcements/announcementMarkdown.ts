import "server-only";
import type {
  AnnouncementDocument,
  AnnouncementTable,
} from "@/lib/features/vesting-batches/announcements/announcementDocument";

/**
 * The same announcement as Markdown, for the preview and for tests. Names come from the registers, so
 * text is escaped: HTML special characters (a preview renders Markdown to HTML), table pipes and line
 * breaks cannot change the layout.
 */
function escape(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");
}

function table(t: AnnouncementTable): string[] {
  const last = t.rows.length - 1;
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [
    line(t.header.map(escape)),
    line(t.header.map(() => "---")),
    ...t.rows.map((r, i) =>
      line(r.map((c) => (t.totalsRow && i === last && c !== "" ? `**${escape(c)}**` : escape(c)))),
    ),
  ];
}

export function announcementMarkdown(doc: AnnouncementDocument): string {
  const out = [escape(doc.codeLine), "", `# ${escape(doc.title)}`, "", `> ${escape(doc.statement)}`, ""];
  for (const s of doc.sections) {
    out.push(`## ${escape(s.heading)}`, "");
    for (const p of s.paragraphs) out.push(escape(p), "");
    for (const t of s.tables) out.push(...table(t), "");
  }
  for (const line of doc.closing) out.push(escape(line), "");
  out.push("---", "", `*${escape(doc.footer)}*`, "");
  return out.join("\n");
}
