/**
 * The portal as the benchmarks run it: `npm start` (scripts/start.ts: build when stale, migrations, then
 * `next start`) on a free port, in its own process group so that stopping it, or this process dying,
 * never leaves a server behind. Also reads the server's memory from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

/** A running portal. */
export interface BenchServer {
  base: string;
  pid: number;
  /** Milliseconds from spawning `npm start` to the first 200 on the probe path. */
  startMs: number;
  stop: () => Promise<void>;
}

const running = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

// Whatever ends this process (an error, Ctrl-C, a CI timeout) ends the servers it started.
process.on("exit", () => running.forEach((c) => killGroup(c, "SIGKILL")));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    running.forEach((c) => killGroup(c, "SIGKILL"));
    process.exit(130);
  });
}

/** A TCP port nobody listens on right now (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Polls until `url` answers 200; throws on timeout or when the server exits first. */
async function waitFor200(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited (${child.exitCode ?? child.signalCode}) before ${url} answered`);
    try {
      const res = await fetch(url, { redirect: "manual" });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer 200 within ${Math.round(timeoutMs / 1000)} s`);
}

/**
 * Spawns `npm start` with its own DATA_DIR (and DATABASE_URL, empty for the embedded database) and waits
 * for a 200 on `probePath`. The first start after a source change includes the production build.
 */
export async function startServer(options: {
  dataDir: string;
  databaseUrl: string;
  env?: Record<string, string>;
  probePath?: string;
  timeoutMs?: number;
  label: string;
}): Promise<BenchServer> {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR: options.dataDir,
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_URL: base,
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
    stdio: ["ignore", process.env.BENCH_VERBOSE ? "inherit" : "ignore", "inherit"],
    detached: true,
  });
  running.add(child);
  const stop = async () => {
    if (!running.has(child)) return;
    killGroup(child, "SIGTERM");
    const exited = new Promise<void>((resolve) =>
      child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve()),
    );
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    killGroup(child, "SIGKILL");
    running.delete(child);
  };
  try {
    await waitFor200(`${base}${options.probePath ?? "/login"}`, child, options.timeoutMs ?? 20 * 60_000);
  } catch (e) {
    await stop();
    throw new Error(`[${options.label}] ${e instanceof Error ? e.message : e}`);
  }
  return { base, pid: child.pid!, startMs: Math.round(performance.now() - started), stop };
}

/** Resident memory (kB) of the Next.js server processes under `rootPid` (the npm and tsx wrappers left out). */
export function serverRssKb(rootPid: number): number {
  const children = processChildren();
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    stack.push(...(children.get(pid) ?? []));
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      if (!/next/.test(cmdline)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      total += Number(rss?.[1] ?? 0);
    } catch {
      // Gone meanwhile.
    }
  }
  return total;
}

/** Samples serverRssKb every 50 ms until stopped; returns the peak and the first sample. */
export function sampleRss(rootPid: number): { stop: () => { peakKb: number; startKb: number } } {
  const startKb = serverRssKb(rootPid);
  let peakKb = startKb;
  const timer = setInterval(() => {
    peakKb = Math.max(peakKb, serverRssKb(rootPid));
  }, 50);
  return {
    stop: () => {
      clearInterval(timer);
      peakKb = Math.max(peakKb, serverRssKb(rootPid));
      return { peakKb, startKb };
    },
  };
}

/** Every process's children by parent pid, read from /proc. */
export function processChildren(): Map<number, number[]> {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
      // The command name is in parentheses and may contain spaces: the parent pid follows the last ")".
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // The process ended while we looked.
    }
  }
  return children;
}
