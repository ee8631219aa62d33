import "server-only";
import { PRIVATE_NO_STORE } from "@/lib/platform/http/apiResponse";

/** A file for download: its names (the UTF-8 one and an ASCII fallback), media type and body. */
export interface Download {
  filename: string;
  asciiFilename: string;
  contentType: string;
  body: ReadableStream<Uint8Array> | Uint8Array;
}

/** Content-Disposition for a download with a non-ASCII name: an ASCII fallback plus the RFC 5987 UTF-8 form. */
export function attachmentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encoded}`;
}

/** A download as the API answers it: never cached (registers and notices carry personal data), never sniffed. */
export function downloadResponse(file: Download): Response {
  return new Response(file.body as BodyInit, {
    headers: {
      ...PRIVATE_NO_STORE,
      "Content-Type": file.contentType,
      "Content-Disposition": attachmentDisposition(file.filename, file.asciiFilename),
      "X-Content-Type-Options": "nosniff",
    },
  });
}
