import "server-only";
import { badRequest } from "@/lib/platform/errors/apiError";
import type { ParticipantRow } from "@/lib/features/participants/rowShape";
import { tableToRows } from "@/lib/features/participants/tableToRows";

/** Splits CSV text into cells (RFC 4180: quoted fields, doubled quotes, CRLF or LF line ends). */
export function parseCsvTable(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
    } else field += ch;
  }
  if (quoted) throw badRequest("The CSV file has an unterminated quoted field.");
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Decodes CSV bytes: UTF-8 with or without BOM; bytes that are not valid UTF-8 are read as GB18030,
 * the encoding Excel on Chinese Windows saves CSV in.
 */
export function decodeCsv(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** Participant rows of a CSV file; line numbers are the file's line numbers. */
export function parseParticipantCsv(bytes: Uint8Array): ParticipantRow[] {
  return tableToRows(parseCsvTable(decodeCsv(bytes)));
}
