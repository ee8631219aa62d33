/**
 * Self time of a V8 CPU profile (.cpuprofile) per bucket (auth, SQL, render, serialisation, …) within
 * time windows. Each frame is first mapped to its original source (the built server is minified: chunk
 * names and function names alone say little), then classified by that path and, where a file does both
 * kinds of work (React's Flight server), by function name. Frames of Node's own code and of native
 * builtins carry no meaning of their own: their time goes to the nearest caller that has one, so that
 * e.g. a Buffer copy inside pg-protocol counts as SQL and a hash inside jose as auth.
 */
import type { OriginalPosition } from "./sourceMaps";

export const BUCKETS = [
  "auth",
  "sql",
  "database",
  "app",
  "render",
  "serialisation",
  "next",
  "compression",
  "node",
  "other",
  "gc",
  "program",
  "idle",
] as const;
export type Bucket = (typeof BUCKETS)[number];
/** Buckets that are CPU time spent on the request; idle is the server waiting (database, network, the client). */
export const CPU_BUCKETS = BUCKETS.filter((b) => b !== "idle");

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A span of the profile's clock (microseconds, as startTime) and how many requests it served. */
export interface ProfileWindow {
  name: string;
  startUs: number;
  endUs: number;
  requests: number;
}

export interface WindowBuckets {
  name: string;
  requests: number;
  samples: number;
  /** Self time per bucket, microseconds, whole window. */
  selfUs: Record<Bucket, number>;
  /** The functions with most self time: bucket, original source, name, microseconds. */
  top: FunctionTime[];
  /** The same, the first few of each bucket. */
  topByBucket: Record<Bucket, FunctionTime[]>;
}

export interface FunctionTime {
  bucket: Bucket;
  source: string;
  name: string;
  us: number;
}

export type Resolve = (url: string, line: number, column: number) => OriginalPosition | null;

// Sources by repository-relative path; first match wins (react under next/dist/compiled is React, not Next).
const BY_SOURCE: [RegExp, Bucket | "flight-server"][] = [
  [/(^|\/)react-server-dom-[\w-]+\/cjs\/[\w.-]*-server\./, "flight-server"],
  [/(^|\/)react-server-dom-[\w-]+\/cjs\/[\w.-]*-client\./, "serialisation"],
  [/node_modules\/next\/src\/server\/app-render\/(use-flight-response|flight-render-result)/, "serialisation"],
  [/node_modules\/next\/src\/shared\/lib\/htmlescape/, "serialisation"],
  [/(^|\/)(react|react-dom|react-is|scheduler)\//, "render"],
  [/(^|\/)(next-intl|use-intl|icu-minify|intl-messageformat|@formatjs)\//, "render"],
  [/^(app|i18n|messages)\//, "render"],
  [/^lib\/auth\//, "auth"],
  [
    /(^|\/)node_modules\/(jose|next-auth|@panva|openid-client|oauth|oidc-token-hash|@node-rs\/argon2|otplib|@otplib|@simplewebauthn)\//,
    "auth",
  ],
  [/^lib\/platform\/(db|preparedStatement|scalarSubquery|databaseOutage)\.ts$/, "sql"],
  [/^db\//, "sql"],
  // PGlite's engine: PostgreSQL compiled to WASM and its Emscripten runtime, in the server's own thread.
  [/^wasm:\/\/|(^|\/)node_modules\/@electric-sql\/pglite\/(dist\/)?release\//, "database"],
  [/(^|\/)node_modules\/(pg|pg-[\w-]+|postgres-[\w-]+|pgpass|split2|@electric-sql\/[\w-]+|drizzle-orm)\//, "sql"],
  [/^(lib\/|proxy\.ts$|instrumentation\.ts$)/, "app"],
  [/(^|\/)node_modules\/(zod|decimal\.js|date-fns|chinese-days)\//, "app"],
  // Next's own client components (Link, the layout router, error boundaries) server-rendered into the HTML.
  [/(^|\/)node_modules\/next\/(src|dist\/esm|dist)\/client\//, "render"],
  [/(^|\/)node_modules\/(next|@next|styled-jsx)\//, "next"],
  [/^\.next(-bench)?\/|^\[turbopack\]|turbopack/, "next"],
];

// In React's Flight server, the functions that run components (and their hooks) are rendering; the rest
// turns the resulting tree into the RSC wire format.
const FLIGHT_RENDER =
  /^(renderElement|renderFunctionComponent|renderFragment|renderAsyncFragment|renderClientElement|renderLazyComponentElement|attemptResolveElement|processServerComponentReturnValue|callComponent\w*|prepareToUseHooks\w*|finishHooks|use\w*|readContext|readThenable|trackUsedThenable|createTask|pingTask|jsx\w*|createElement)$/;

/** The bucket of a frame, or null for Node's internals and native builtins (they inherit their caller's). */
export function bucketOf(frame: CallFrame, original: OriginalPosition | null): Bucket | null {
  const name = original?.name ?? frame.functionName;
  if (frame.functionName === "(garbage collector)") return "gc";
  if (frame.functionName === "(idle)") return "idle";
  if (frame.functionName === "(program)") return "program";
  if (frame.functionName === "(root)") return "other";
  if (!frame.url) return /^(parse|stringify)$/.test(frame.functionName) ? "serialisation" : null;
  // Compressing the response (Next's `compress`) runs in zlib stream callbacks with no JS caller above them.
  if (frame.url === "node:zlib") return "compression";
  if (frame.url.startsWith("node:")) return null;
  const bySource = (source: string): Bucket => {
    for (const [re, bucket] of BY_SOURCE) {
      if (!re.test(source)) continue;
      if (bucket === "flight-server") return FLIGHT_RENDER.test(name) ? "render" : "serialisation";
      return bucket;
    }
    return "other";
  };
  const bucket = bySource(original?.source ?? relativeUrl(frame.url));
  // A package's own map may name sources outside it (pglite's bundled dependencies): its file then tells.
  return bucket === "other" && original ? bySource(relativeUrl(frame.url)) : bucket;
}

/** A file URL as a path relative to the working directory (the repository), else the URL itself. */
function relativeUrl(url: string): string {
  const root = `file://${process.cwd()}/`;
  return url.startsWith(root) ? decodeURIComponent(url.slice(root.length)) : url;
}

interface Classified {
  bucket: Bucket;
  source: string;
  name: string;
}

/** Every node's bucket (inherited where its own is null), source and name. */
function classifyNodes(profile: CpuProfile, resolve: Resolve): Map<number, Classified> {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const own = new Map<number, Classified & { inherits: boolean }>();
  for (const n of profile.nodes) {
    const f = n.callFrame;
    const original = f.url && !f.url.startsWith("node:") ? resolve(f.url, f.lineNumber, f.columnNumber) : null;
    const bucket = bucketOf(f, original);
    own.set(n.id, {
      bucket: bucket ?? "node",
      inherits: bucket === null,
      source: original?.source ?? (relativeUrl(f.url) || "(native)"),
      name: original?.name ?? (f.functionName || "(anonymous)"),
    });
  }
  const result = new Map<number, Classified>();
  const effective = (id: number): Bucket => {
    const seen = result.get(id);
    if (seen) return seen.bucket;
    const mine = own.get(id)!;
    let bucket = mine.bucket;
    if (mine.inherits) {
      const up = parent.get(id);
      const caller = up === undefined ? undefined : byId.get(up);
      // Called from the root (the event loop) or from a VM pseudo-frame, there is no JS caller: Node's own work.
      bucket = caller && !/^\(.*\)$/.test(caller.callFrame.functionName) ? effective(caller.id) : "node";
    }
    result.set(id, { bucket, source: mine.source, name: mine.name });
    return bucket;
  };
  for (const n of profile.nodes) effective(n.id);
  return result;
}

/** Self time per bucket in each window; a sample counts for the time until the next sample. */
export function bucketsByWindow(
  profile: CpuProfile,
  windows: ProfileWindow[],
  resolve: Resolve,
  topCount = 25,
  perBucket = 8,
): WindowBuckets[] {
  const classified = classifyNodes(profile, resolve);
  const out = windows.map((w) => ({
    window: w,
    samples: 0,
    selfUs: Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Record<Bucket, number>,
    byFunction: new Map<string, FunctionTime>(),
  }));
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    const next = i + 1 < profile.timeDeltas.length ? t + (profile.timeDeltas[i + 1] ?? 0) : profile.endTime;
    const span = Math.max(0, next - t);
    const target = out.find((o) => t >= o.window.startUs && t < o.window.endUs);
    if (!target) continue;
    const c = classified.get(profile.samples[i]!);
    if (!c) continue;
    target.samples++;
    target.selfUs[c.bucket] += span;
    const key = `${c.bucket}|${c.source}|${c.name}`;
    const entry = target.byFunction.get(key) ?? { bucket: c.bucket, source: c.source, name: c.name, us: 0 };
    entry.us += span;
    target.byFunction.set(key, entry);
  }
  return out.map((o) => {
    const functions = [...o.byFunction.values()].filter((f) => f.bucket !== "idle").sort((a, b) => b.us - a.us);
    return {
      name: o.window.name,
      requests: o.window.requests,
      samples: o.samples,
      selfUs: o.selfUs,
      top: functions.slice(0, topCount),
      topByBucket: Object.fromEntries(
        BUCKETS.map((b) => [b, functions.filter((f) => f.bucket === b).slice(0, perBucket)]),
      ) as Record<Bucket, FunctionTime[]>,
    };
  });
}
