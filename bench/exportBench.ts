/**
 * P3: the grant register of every plan downloaded from the running portal (CSV and XLSX, admin session)
 * against PostgreSQL writing the same query's rows itself with `COPY (query) TO STDOUT (FORMAT csv)`,
 * and the server's peak resident memory while each download streams.
 *
 * COPY cannot take bind parameters, so the query's parameters are inlined into its text. That is safe
 * only because with no plan filter and no cursor the one parameter is the LIMIT, an integer this file
 * chooses; inlineParameters refuses anything but safe integers.
 */
import pg from "pg";
import { PgDialect } from "drizzle-orm/pg-core";
import { grantRegisterSelect } from "@/lib/features/registers/grantRegisterQuery";
import { sampleRss } from "./serverProcess";

/** One download: time to the last byte, size, and the server's memory meanwhile. */
export interface DownloadResult {
  format: "csv" | "xlsx";
  seconds: number;
  bytes: number;
  peakRssMb: number;
  startRssMb: number;
}

/** Downloads /api/v1/exports/register?register=grants&format=… to the end, sampling the server's RSS every 50 ms. */
export async function downloadRegister(
  base: string,
  serverPid: number,
  cookie: string,
  format: "csv" | "xlsx",
): Promise<DownloadResult> {
  const sampler = sampleRss(serverPid);
  const started = performance.now();
  let bytes = 0;
  let rss = { peakKb: 0, startKb: 0 };
  try {
    const res = await fetch(`${base}/api/v1/exports/register?register=grants&format=${format}`, {
      headers: { cookie },
    });
    if (res.status !== 200 || !res.body) throw new Error(`export ${format}: HTTP ${res.status} ${await res.text()}`);
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
  } finally {
    rss = sampler.stop();
  }
  const seconds = (performance.now() - started) / 1000;
  return {
    format,
    seconds: round(seconds),
    bytes,
    peakRssMb: round(rss.peakKb / 1024),
    startRssMb: round(rss.startKb / 1024),
  };
}

/** Best of `runs` downloads (the first one also warms the route). */
export async function bestDownload(
  base: string,
  serverPid: number,
  cookie: string,
  format: "csv" | "xlsx",
  runs: number,
): Promise<DownloadResult & { runs: number[] }> {
  const all: DownloadResult[] = [];
  for (let i = 0; i < runs; i++) all.push(await downloadRegister(base, serverPid, cookie, format));
  const best = all.reduce((a, b) => (b.seconds < a.seconds ? b : a));
  // Memory is judged by the worst run, time by the best.
  return { ...best, peakRssMb: Math.max(...all.map((r) => r.peakRssMb)), runs: all.map((r) => r.seconds) };
}

/** Inlines $n placeholders that hold safe integers; anything else is refused. */
export function inlineParameters(text: string, params: unknown[]): string {
  let out = text;
  for (let i = params.length; i >= 1; i--) {
    const value = params[i - 1];
    if (typeof value !== "number" || !Number.isSafeInteger(value))
      throw new Error(`parameter $${i} is not an integer: COPY cannot take it inline`);
    out = out.split(`$${i}`).join(String(value));
  }
  return out;
}

/** The export's query over every grant, as COPY text. */
export function grantRegisterCopyStatement(): string {
  const query = new PgDialect().sqlToQuery(grantRegisterSelect(null, null, 2_147_483_647));
  return `COPY (${inlineParameters(query.sql, query.params)}) TO STDOUT WITH (FORMAT csv, HEADER)`;
}

/** A query whose COPY data is counted as it arrives instead of being dropped. */
class CountingCopy extends pg.Query {
  bytes = 0;
  // pg.Query drops COPY data (its handleCopyData is a no-op the typings do not declare).
  handleCopyData(msg: { chunk: Buffer }) {
    this.bytes += msg.chunk.length;
  }
}

/** Best of `runs` COPY executions on a fresh connection: seconds to the last byte received, and bytes. */
export async function timeCopy(
  databaseUrl: string,
  runs: number,
): Promise<{ seconds: number; bytes: number; runs: number[] }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const statement = grantRegisterCopyStatement();
  const times: number[] = [];
  let bytes = 0;
  try {
    for (let i = 0; i < runs; i++) {
      const query = new CountingCopy(statement);
      const started = performance.now();
      await new Promise<void>((resolve, reject) => {
        query.on("end", () => resolve());
        query.on("error", reject);
        client.query(query);
      });
      times.push(round((performance.now() - started) / 1000));
      bytes = query.bytes;
    }
  } finally {
    await client.end();
  }
  return { seconds: Math.min(...times), bytes, runs: times };
}

const round = (n: number) => Math.round(n * 1000) / 1000;
