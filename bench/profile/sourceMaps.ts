/**
 * Maps a position in a bundled file back to its original source, so that a CPU profile of the built
 * server names the app's and the libraries' own files instead of minified chunk names. Reads standard
 * source maps (plain and sectioned) from `<file>.map`, which the production build writes beside each
 * server chunk and Next.js ships beside its compiled runtime.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where a bundled position came from: a repository-relative path (node_modules/… for libraries). */
export interface OriginalPosition {
  source: string;
  /** Zero-based, as in the map. */
  line: number;
  column: number;
  /** The original name of the function, when the map or the source text tells it. */
  name: string | null;
}

// [generated column, source index, original line, original column, name index or -1]
type Segment = [number, number, number, number, number];

interface DecodedMap {
  sources: string[];
  sourcesContent: (string | null)[];
  names: string[];
  lines: Segment[][];
}

interface RawMap {
  sources?: string[];
  sourcesContent?: (string | null)[];
  names?: string[];
  mappings?: string;
  sourceRoot?: string;
  sections?: { offset: { line: number; column: number }; map: RawMap }[];
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** The numbers of one Base64 VLQ segment ("AAgBC" → [0, 0, 16, 1]). */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`not a VLQ digit: ${c}`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
      continue;
    }
    out.push(value & 1 ? -(value >>> 1) : value >>> 1);
    value = 0;
    shift = 0;
  }
  return out;
}

/** Decodes a map's mappings into per-line segments, sorted by generated column; fields carry across lines as the spec says. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let source = 0;
  let line = 0;
  let column = 0;
  let name = 0;
  for (const text of mappings.split(";")) {
    const segments: Segment[] = [];
    let generated = 0;
    for (const part of text.split(",")) {
      if (!part) continue;
      const v = decodeVlq(part);
      generated += v[0]!;
      if (v.length < 4) continue;
      source += v[1]!;
      line += v[2]!;
      column += v[3]!;
      if (v.length >= 5) name += v[4]!;
      segments.push([generated, source, line, column, v.length >= 5 ? name : -1]);
    }
    segments.sort((a, b) => a[0] - b[0]);
    lines.push(segments);
  }
  return lines;
}

/** A repository-relative path for a map's source entry ("webpack://next/./dist/x" → node_modules/next/dist/x). */
export function normaliseSource(source: string, mapDir: string, root: string): string {
  const webpackNext = /^webpack:\/\/next\/\.?\/?/;
  if (webpackNext.test(source)) return `node_modules/next/${source.replace(webpackNext, "")}`;
  const project = /^turbopack:\/\/\/\[project\]\//;
  if (project.test(source)) return decodeURIComponent(source.replace(project, ""));
  if (/^[a-z]+:\/\//.test(source) && !source.startsWith("file://")) return source;
  const absolute = source.startsWith("file://")
    ? fileURLToPath(source)
    : path.resolve(mapDir, decodeURIComponent(source));
  return packageOfStraySource(path.relative(root, absolute).split(path.sep).join("/"), root);
}

// drizzle-orm ships maps that name its sources "../src/…" from the package root, which the bundler's
// composed map then places at node_modules/src/…; the compiled file beside it says whose they are.
const SRC_ABOVE_PACKAGE = ["drizzle-orm"];
const strayOwners = new Map<string, string>();
function packageOfStraySource(relative: string, root: string): string {
  const m = /^node_modules\/src\/(.+)\.ts$/.exec(relative);
  if (!m) return relative;
  let owner = strayOwners.get(relative);
  if (owner === undefined) {
    owner = SRC_ABOVE_PACKAGE.find((pkg) => fs.existsSync(path.join(root, "node_modules", pkg, `${m[1]}.js`))) ?? "";
    strayOwners.set(relative, owner);
  }
  return owner ? `node_modules/${owner}/src/${m[1]}.ts` : relative;
}

function flatten(raw: RawMap, mapDir: string, root: string): DecodedMap {
  if (!raw.sections) {
    return {
      sources: (raw.sources ?? []).map((s) => normaliseSource((raw.sourceRoot ?? "") + s, mapDir, root)),
      sourcesContent: raw.sourcesContent ?? [],
      names: raw.names ?? [],
      lines: decodeMappings(raw.mappings ?? ""),
    };
  }
  // A sectioned map: each section's segments are shifted to its offset and its indexes to the merged lists.
  const merged: DecodedMap = { sources: [], sourcesContent: [], names: [], lines: [] };
  for (const section of raw.sections) {
    const part = flatten(section.map, mapDir, root);
    const sourceBase = merged.sources.length;
    const nameBase = merged.names.length;
    merged.sources.push(...part.sources);
    merged.sourcesContent.push(...part.sources.map((_, i) => part.sourcesContent[i] ?? null));
    merged.names.push(...part.names);
    part.lines.forEach((segments, i) => {
      const at = section.offset.line + i;
      while (merged.lines.length <= at) merged.lines.push([]);
      const shift = i === 0 ? section.offset.column : 0;
      merged.lines[at]!.push(
        ...segments.map(([g, s, l, c, n]): Segment => [g + shift, s + sourceBase, l, c, n < 0 ? -1 : n + nameBase]),
      );
      merged.lines[at]!.sort((a, b) => a[0] - b[0]);
    });
  }
  return merged;
}

/** The last segment at or before `column` on the line, by binary search. */
function segmentAt(segments: Segment[], column: number): Segment | null {
  let lo = 0;
  let hi = segments.length - 1;
  let found: Segment | null = null;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (segments[mid]![0] <= column) {
      found = segments[mid]!;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

// Declarations as they start in the original text: `function name(`, `name(…) {` (methods), `name = (…) =>`.
const DECLARED = [
  /^(?:async\s+)?function\s*\*?\s*([\w$]+)/,
  /^(?:async\s+)?([\w$]+)\s*\([^)]*\)\s*\{/,
  /^(?:const|let|var)?\s*([\w$]+)\s*[=:]\s*(?:async\s*)?(?:function\b|\(|[\w$]+\s*=>)/,
];

/** The function's name read from the original text at its start, for maps that carry no names. */
export function nameInSource(content: string | null | undefined, line: number, column: number): string | null {
  const text = content?.split("\n", line + 1)[line];
  if (!text) return null;
  // V8 reports a function at its parameters or its keyword, depending on the kind: look a little back too.
  for (const from of [column, Math.max(0, text.lastIndexOf("function", column)), text.lastIndexOf(" ", column) + 1]) {
    const rest = text.slice(from);
    for (const re of DECLARED) {
      const m = re.exec(rest);
      if (m?.[1] && m[1] !== "function") return m[1];
    }
  }
  return null;
}

/** Resolves bundled positions to original ones, reading each file's map once; files without a map resolve to null. */
export class SourceMapResolver {
  private readonly maps = new Map<string, DecodedMap | null>();
  private readonly contentLines = new Map<string, string[]>();

  constructor(private readonly root: string) {}

  resolve(url: string, line: number, column: number): OriginalPosition | null {
    const map = this.mapOf(url);
    const segment = map ? segmentAt(map.lines[line] ?? [], column) : null;
    if (!map || !segment) return null;
    const [, s, l, c, n] = segment;
    return {
      source: map.sources[s] ?? "unknown",
      line: l,
      column: c,
      name: n >= 0 ? (map.names[n] ?? null) : this.nameAt(url, map, s, l, c),
    };
  }

  private nameAt(url: string, map: DecodedMap, source: number, line: number, column: number): string | null {
    const key = `${url}#${source}`;
    let lines = this.contentLines.get(key);
    if (!lines) {
      lines = (map.sourcesContent[source] ?? "").split("\n");
      this.contentLines.set(key, lines);
    }
    return nameInSource(lines[line] ?? null, 0, column);
  }

  private mapOf(url: string): DecodedMap | null {
    if (this.maps.has(url)) return this.maps.get(url)!;
    let decoded: DecodedMap | null = null;
    try {
      const file = url.startsWith("file://") ? fileURLToPath(url) : url;
      if (path.isAbsolute(file) && fs.existsSync(`${file}.map`)) {
        const raw = JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as RawMap;
        decoded = flatten(raw, path.dirname(file), this.root);
      }
    } catch {
      // An unreadable map leaves the file's frames to be classified by their bundled path.
      decoded = null;
    }
    this.maps.set(url, decoded);
    return decoded;
  }
}
