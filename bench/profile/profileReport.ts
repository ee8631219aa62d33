/**
 * The home-page profile as figures per request (per path: kept grant DTOs, uncached) and as the Markdown
 * table BENCHMARKS.md quotes, with the method and its limits stated next to the figures.
 */
import { BUCKETS, CPU_BUCKETS, type Bucket, type FunctionTime, type WindowBuckets } from "./cpuProfileBuckets";
import type { FlightSummary } from "./homeRequests";

/** What the client saw of one HTML request. */
export interface MeasuredRequest {
  ms: number;
  wireBytes: number;
  bytes: number;
  elements: number;
  inlinedFlightChars: number;
}

/** One RSC payload as the client received it. */
export interface RscMeasure {
  wireBytes: number;
  bytes: number;
  flight: FlightSummary;
}

type FunctionMs = { bucket: Bucket; source: string; name: string; msPerRequest: number };

export interface PathProfile {
  name: string;
  requests: number;
  /** Mean grants held by the grantees of this path (the page grows with them). */
  grantsPerGrantee: number;
  samples: number;
  /** Sampled time ÷ window length: near 1 when the profile's clock and the window's agree. */
  coverage: number;
  latencyMs: { mean: number; p50: number; p95: number };
  /** Server self time per request by bucket (idle: the server waiting, i.e. PostgreSQL, the network, the client). */
  msPerRequest: Record<Bucket, number>;
  cpuMsPerRequest: number;
  html: { wireBytes: number; bytes: number; elements: number; inlinedFlightChars: number };
  rsc: { requests: number; wireBytes: number; bytes: number; rows: number; elements: number; clientReferences: number };
  top: FunctionMs[];
  topByBucket: Record<Bucket, FunctionMs[]>;
}

const r2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : 0;
}

export function pathProfile(
  buckets: WindowBuckets,
  measured: MeasuredRequest[],
  rsc: RscMeasure[],
  grantsPerGrantee: number,
  windowUs: number,
): PathProfile {
  const n = Math.max(1, buckets.requests);
  const perRequest = (t: FunctionTime): FunctionMs => ({ ...t, msPerRequest: r2(t.us / 1000 / n) });
  const ms = measured.map((m) => m.ms);
  const meanOf = <T>(xs: T[], pick: (x: T) => number) => Math.round(mean(xs.map(pick)));
  const sampledUs = BUCKETS.reduce((a, b) => a + buckets.selfUs[b], 0);
  return {
    name: buckets.name,
    requests: buckets.requests,
    grantsPerGrantee: r2(grantsPerGrantee),
    samples: buckets.samples,
    coverage: r2(sampledUs / Math.max(1, windowUs)),
    latencyMs: { mean: r2(mean(ms)), p50: r2(quantile(ms, 0.5)), p95: r2(quantile(ms, 0.95)) },
    msPerRequest: Object.fromEntries(BUCKETS.map((b) => [b, r2(buckets.selfUs[b] / 1000 / n)])) as Record<
      Bucket,
      number
    >,
    cpuMsPerRequest: r2(CPU_BUCKETS.reduce((a, b) => a + buckets.selfUs[b], 0) / 1000 / n),
    html: {
      wireBytes: meanOf(measured, (m) => m.wireBytes),
      bytes: meanOf(measured, (m) => m.bytes),
      elements: meanOf(measured, (m) => m.elements),
      inlinedFlightChars: meanOf(measured, (m) => m.inlinedFlightChars),
    },
    rsc: {
      requests: rsc.length,
      wireBytes: meanOf(rsc, (r) => r.wireBytes),
      bytes: meanOf(rsc, (r) => r.bytes),
      rows: meanOf(rsc, (r) => r.flight.rows),
      elements: meanOf(rsc, (r) => r.flight.elements),
      clientReferences: meanOf(rsc, (r) => r.flight.clientReferences.length),
    },
    top: buckets.top.map(perRequest),
    topByBucket: Object.fromEntries(BUCKETS.map((b) => [b, buckets.topByBucket[b].map(perRequest)])) as Record<
      Bucket,
      FunctionMs[]
    >,
  };
}

const BUCKET_MEANING: Record<Bucket, string> = {
  auth: "lib/auth (session check, JWT), next-auth, jose, crypto called from them",
  sql: "drizzle-orm, pg, pg-protocol, PGlite's JS side, db/, lib/platform/db: statements, driver, socket writes, rows",
  database: "PGlite only: PostgreSQL itself (WASM) in the server's thread; on PostgreSQL that time is in idle",
  app: "the app's lib/ (read models, domain, blackout windows, formatting), proxy.ts",
  render:
    "React server components and Fizz HTML (react, react-dom), app/, Next's client code (Link, router), next-intl",
  serialisation: "React Flight: encoding the RSC payload, decoding it for SSR, inlining it; JSON.parse/stringify",
  next: "Next.js routing, request handling, metadata, stream plumbing, AsyncLocalStorage, Turbopack runtime",
  compression: "gzip of the response (Next's compress, node:zlib)",
  node: "Node's own code with no JS caller above it (HTTP parser callbacks, sockets, timers, microtask queue)",
  other: "frames that match none of the above",
  gc: "(garbage collector)",
  program: "(program): native code V8 cannot attribute to JS",
  idle: "(idle): the server waiting (PostgreSQL, the network, the client's own time between requests)",
};

/** The per-request table (both paths side by side), sizes, the RSC payload, and each path's top functions. */
export function profileMarkdown(paths: PathProfile[], rsc: RscMeasure, context: string): string {
  const row = (label: string, cell: (p: PathProfile) => string | number, note = "") =>
    `| ${label} | ${paths.map(cell).join(" | ")} | ${note} |`;
  const lines = [
    context,
    "",
    `| per request | ${paths.map((p) => p.name).join(" | ")} | what it covers |`,
    `| --- | ${paths.map(() => "---:").join(" | ")} | --- |`,
    ...CPU_BUCKETS.map((b) => row(`${b}, ms`, (p) => p.msPerRequest[b].toFixed(2), BUCKET_MEANING[b])),
    row("**server CPU, ms**", (p) => `**${p.cpuMsPerRequest.toFixed(2)}**`, "sum of the rows above"),
    row("idle, ms", (p) => p.msPerRequest.idle.toFixed(2), BUCKET_MEANING.idle),
    row(
      "latency mean / p50 / p95, ms",
      (p) => `${p.latencyMs.mean} / ${p.latencyMs.p50} / ${p.latencyMs.p95}`,
      "at the client, one connection, sequential",
    ),
    row(
      "requests (samples, coverage)",
      (p) => `${p.requests} (${p.samples}, ${p.coverage})`,
      "coverage: sampled time ÷ window",
    ),
    row("grants per grantee", (p) => p.grantsPerGrantee, "the page lists them"),
    row(
      "HTML bytes, wire / decoded",
      (p) => `${p.html.wireBytes} / ${p.html.bytes}`,
      "compressed as a browser accepts it",
    ),
    row("HTML elements", (p) => p.html.elements, "opening tags in the document"),
    row("Flight data inlined in the HTML, chars", (p) => p.html.inlinedFlightChars, "self.__next_f.push payloads"),
    row(
      "RSC payload bytes, wire / decoded",
      (p) => `${p.rsc.wireBytes} / ${p.rsc.bytes}`,
      "`GET /?_rsc=` with `RSC: 1`: the full tree",
    ),
    row(
      "RSC rows / React elements",
      (p) => `${p.rsc.rows} / ${p.rsc.elements}`,
      'elements: `["$",type,…]` in the models',
    ),
    row("client component references", (p) => p.rsc.clientReferences, "`I` rows of the RSC payload"),
    "",
    `RSC payload of the bench grantee: ${rsc.flight.rows} rows (${Object.entries(rsc.flight.byTag)
      .map(([t, n]) => `${t || "model"} ${n}`)
      .join(", ")}); client component references: ${rsc.flight.clientReferences.join(", ")}.`,
  ];
  for (const p of paths) {
    lines.push("", `Top server functions by self time, ${p.name} (ms/request):`, "");
    lines.push("| ms | bucket | function | source |", "| ---: | --- | --- | --- |");
    for (const t of p.top.slice(0, 12))
      lines.push(`| ${t.msPerRequest.toFixed(2)} | ${t.bucket} | ${t.name} | ${t.source} |`);
  }
  return lines.join("\n");
}
