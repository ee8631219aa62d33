/**
 * The home page as a browser asks for it, over one kept-alive connection: the HTML document (compressed
 * as a browser accepts it) and the RSC payload a client-side navigation fetches. Counts what the page is
 * made of: bytes on the wire and decoded, HTML elements, the Flight data inlined into the HTML, and in
 * the RSC payload its rows, React elements and client component references.
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import zlib from "node:zlib";

export interface PageResponse {
  status: number;
  contentType: string;
  /** Bytes of the body as sent (compressed when the server compressed it). */
  wireBytes: number;
  body: Buffer;
  ms: number;
}

/** One keep-alive socket, so that requests run one after another on one connection as the brief wants. */
export function oneConnection(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: 1 });
}

function decode(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === "gzip") return zlib.gunzipSync(body);
  if (encoding === "br") return zlib.brotliDecompressSync(body);
  if (encoding === "deflate") return zlib.inflateSync(body);
  return body;
}

/** GET `path` with the given headers; the time is from sending to the last byte. */
export function get(agent: http.Agent, base: string, path: string, headers: Record<string, string>) {
  const url = new URL(path, base);
  const started = performance.now();
  return new Promise<PageResponse>((resolve, reject) => {
    const req = http.request(url, { agent, headers: { "accept-encoding": "gzip, deflate, br", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const raw = Buffer.concat(chunks);
        try {
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers["content-type"] ?? ""),
            wireBytes: raw.length,
            body: decode(raw, res.headers["content-encoding"]),
            ms: performance.now() - started,
          });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.on("error", reject);
    req.end();
  });
}

/** The signed-in home page as HTML; anything but a 200 (a redirect to /login would flatter) fails the run. */
export async function homeHtml(agent: http.Agent, base: string, cookie: string): Promise<PageResponse> {
  const res = await get(agent, base, "/", { cookie, accept: "text/html" });
  if (res.status !== 200 || !res.contentType.startsWith("text/html"))
    throw new Error(`GET / answered ${res.status} ${res.contentType}`);
  return res;
}

/**
 * The home page's RSC payload. Next.js 16 answers an `RSC: 1` request only when its `_rsc` search
 * parameter matches a hash of the router headers; without router headers the expected value is empty,
 * so `/?_rsc=` with `RSC: 1` alone is the full tree from the root (what a hard navigation's client asks for).
 */
export async function homeRsc(agent: http.Agent, base: string, cookie: string): Promise<PageResponse> {
  const res = await get(agent, base, "/?_rsc=", { cookie, rsc: "1" });
  if (res.status !== 200 || !res.contentType.startsWith("text/x-component"))
    throw new Error(`GET /?_rsc= (RSC: 1) answered ${res.status} ${res.contentType}`);
  return res;
}

/** Elements opened in an HTML text (`<tag`); Next escapes `<` inside its inline scripts, so those do not count. */
export function htmlElementCount(html: string): number {
  return html.match(/<[a-zA-Z][\w:-]*/g)?.length ?? 0;
}

/** The Flight data a page inlines into its HTML (`self.__next_f.push([1,"…"])`): scripts and characters. */
export function inlinedFlight(html: string): { scripts: number; chars: number } {
  let scripts = 0;
  let chars = 0;
  for (const m of html.matchAll(/self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)/g)) {
    scripts++;
    chars += (JSON.parse(m[1]!) as string).length;
  }
  return { scripts, chars };
}

export interface FlightSummary {
  rows: number;
  /** Rows by tag: I (client reference import), HL (hint), T (text), "" (model), E (error), … */
  byTag: Record<string, number>;
  /** Client component references (I rows) by module and export. */
  clientReferences: string[];
  /** React elements in the models (`["$","div",…]`, host elements and client component elements alike). */
  elements: number;
}

/**
 * Reads the Flight wire format row by row: `<hex id>:<tag><data>\n`, where a text row is
 * `<id>:T<hex byte length>,<text>` and its text may hold newlines, hence the length and not a split.
 */
export function flightSummary(payload: Buffer): FlightSummary {
  const byTag: Record<string, number> = {};
  const clientReferences: string[] = [];
  let elements = 0;
  let rows = 0;
  let at = 0;
  while (at < payload.length) {
    const colon = payload.indexOf(0x3a, at);
    if (colon < 0) break;
    let tagEnd = colon + 1;
    while (tagEnd < payload.length && /[A-Z]/.test(String.fromCharCode(payload[tagEnd]!))) tagEnd++;
    const tag = payload.toString("latin1", colon + 1, tagEnd);
    let end: number;
    let data: string;
    if (tag === "T" || tag === "V" || tag === "B") {
      const comma = payload.indexOf(0x2c, tagEnd);
      const length = parseInt(payload.toString("latin1", tagEnd, comma), 16);
      end = comma + 1 + length;
      data = "";
    } else {
      end = payload.indexOf(0x0a, tagEnd);
      if (end < 0) end = payload.length;
      data = payload.toString("utf8", tagEnd, end);
    }
    rows++;
    byTag[tag] = (byTag[tag] ?? 0) + 1;
    if (tag === "I") {
      const [id, , name] = JSON.parse(data) as [string | number, unknown, string?];
      // An empty export name is the module's namespace.
      clientReferences.push(`${id}#${name || "*"}`);
    } else if (tag === "") elements += data.match(/\["\$","/g)?.length ?? 0;
    at = end + (payload[end] === 0x0a ? 1 : 0);
  }
  return { rows, byTag, clientReferences, elements };
}

/**
 * Module paths of client references by module id, from the route's client reference manifest in the
 * build (`globalThis.__RSC_MANIFEST["/route"] = {…}`); empty when the build's layout differs.
 */
export function clientModulePaths(distDir: string, route: string): Map<string, string> {
  const file = path.join(distDir, "server", "app", route, "page_client-reference-manifest.js");
  const paths = new Map<string, string>();
  try {
    const text = fs.readFileSync(file, "utf8");
    const manifest = JSON.parse(text.slice(text.indexOf("= {") + 2, text.lastIndexOf("}") + 1)) as {
      clientModules?: Record<string, { id: string | number }>;
    };
    for (const [modulePath, entry] of Object.entries(manifest.clientModules ?? {}))
      paths.set(String(entry.id), modulePath.replace(/^\[project\]\//, "").replace(/#.*$/, ""));
  } catch {
    // The references are then reported by module id alone.
  }
  return paths;
}
