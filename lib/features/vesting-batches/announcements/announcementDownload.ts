import "server-only";
import type { AnnouncementDocument } from "@/lib/features/vesting-batches/announcements/announcementDocument";
import { announcementDocx } from "@/lib/features/vesting-batches/announcements/announcementDocx";
import { announcementMarkdown } from "@/lib/features/vesting-batches/announcements/announcementMarkdown";
import type { Download } from "@/lib/platform/http/downloadResponse";

export const ANNOUNCEMENT_FORMATS = ["docx", "md"] as const;
export type AnnouncementFormat = (typeof ANNOUNCEMENT_FORMATS)[number];

/** An announcement draft as a file: small enough to be made whole, so the body is the bytes. */
export interface AnnouncementDownload extends Download {
  body: Uint8Array;
}

const CONTENT_TYPES = {
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  md: "text/markdown; charset=utf-8",
} as const;

/** The draft as Word or Markdown, named after its title and the day it was drawn up (`asOf`, the caller's today()). */
export async function announcementDownload(
  doc: AnnouncementDocument,
  format: AnnouncementFormat,
  asOf: string,
): Promise<AnnouncementDownload> {
  const body = format === "docx" ? await announcementDocx(doc) : new TextEncoder().encode(announcementMarkdown(doc));
  return {
    filename: `${doc.title}-草稿-${asOf}.${format}`,
    asciiFilename: `${doc.asciiStem}-draft-${asOf}.${format}`,
    contentType: CONTENT_TYPES[format],
    body,
  };
}
