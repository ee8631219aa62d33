/**
 * The portal started by bench/serverProcess.ts with V8's CPU profiler on in the process that serves the
 * requests, and stopped so that this process writes its profile. `npm start` is npm → tsx →
 * scripts/start.ts → `next start`, and Next.js 16 serves in the `next start` process itself (no forked
 * worker). Node 20 refuses `--cpu-prof` in NODE_OPTIONS and start.ts passes no flags to `next start`,
 * but `--require` is allowed there: a preload, written next to the profiles, starts the profiler through
 * the inspector only in the `next start` process (every other Node process it reaches ignores it) and
 * writes next-start.<pid>.cpuprofile when that process exits.
 *
 * A profile is written on a normal exit only, not when a signal kills the process. `next start` exits
 * cleanly on SIGTERM (it closes the server, then process.exit), but serverProcess's stop() sends SIGTERM
 * to the whole group and SIGKILL as soon as npm has gone, which can be before Next.js has written a large
 * profile: the serving process is therefore sent SIGTERM alone, and awaited, first.
 */
import fs from "node:fs";
import path from "node:path";
import { processChildren, startServer, type BenchServer } from "../serverProcess";

export interface ProfiledServer {
  server: BenchServer;
  /** The `next start` process that serves the requests. */
  servingPid: number;
  profileDir: string;
}

/** The `node …/next start` process under `rootPid`. */
export function nextStartPid(rootPid: number): number {
  const children = processChildren();
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    stack.push(...(children.get(pid) ?? []));
    try {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
      // Next.js sets process.title once listening, which rewrites the command line Linux shows.
      if (cmdline.startsWith("next-server")) return pid;
      const args = cmdline.split("\0");
      if (args.some((a) => /next[\\/]dist[\\/]bin[\\/]next$/.test(a)) && args.includes("start")) return pid;
    } catch {
      // Gone meanwhile.
    }
  }
  throw new Error(`no \`next start\` process under pid ${rootPid}`);
}

/** Starts the portal with the profiler on in its `next start` process; the profile lands in `profileDir`. */
export async function startProfiledServer(options: {
  dataDir: string;
  databaseUrl: string;
  env: Record<string, string>;
  profileDir: string;
  intervalUs: number;
}): Promise<ProfiledServer> {
  const preload = path.join(options.profileDir, "next-start-profiler.cjs");
  fs.writeFileSync(preload, preloadSource(options.profileDir, options.intervalUs));
  // The path is quoted for NODE_OPTIONS's own parsing; a temporary directory has no quotes in it.
  const nodeOptions = `${process.env.NODE_OPTIONS ?? ""} --require "${preload}"`;
  const server = await startServer({
    dataDir: options.dataDir,
    databaseUrl: options.databaseUrl,
    env: { ...options.env, NODE_OPTIONS: nodeOptions.trim() },
    label: "profiled server",
  });
  try {
    return { server, servingPid: nextStartPid(server.pid), profileDir: options.profileDir };
  } catch (e) {
    await server.stop();
    throw e;
  }
}

/** The preload: profiles the `next start` process only (argv: node, …/next/dist/bin/next, start, …). */
function preloadSource(dir: string, intervalUs: number): string {
  return `"use strict";
const args = process.argv.slice(1);
if (args.some((a) => /next[\\\\/]dist[\\\\/]bin[\\\\/]next$/.test(a)) && args.includes("start")) {
  const { Session } = require("node:inspector");
  const fs = require("node:fs");
  const path = require("node:path");
  const session = new Session();
  session.connect();
  session.post("Profiler.enable");
  session.post("Profiler.setSamplingInterval", { interval: ${intervalUs} });
  session.post("Profiler.start");
  // An in-process inspector session answers synchronously, so this completes within the exit handler.
  process.on("exit", () => {
    session.post("Profiler.stop", (error, result) => {
      if (error) return console.error("[profile] Profiler.stop failed:", error);
      fs.writeFileSync(path.join(${JSON.stringify(dir)}, "next-start." + process.pid + ".cpuprofile"), JSON.stringify(result.profile));
    });
  });
}
`;
}

const alive = (pid: number) => fs.existsSync(`/proc/${pid}`);

/** Stops the serving process gracefully, waits for its profile, then stops the rest; returns the profile's path. */
export async function stopAndCollectProfile(p: ProfiledServer, timeoutMs = 120_000): Promise<string> {
  try {
    process.kill(p.servingPid, "SIGTERM");
    const until = Date.now() + timeoutMs;
    while (alive(p.servingPid) && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
    if (alive(p.servingPid)) throw new Error(`next start (pid ${p.servingPid}) did not exit on SIGTERM`);
  } finally {
    await p.server.stop();
  }
  const file = fs.readdirSync(p.profileDir).find((f) => f === `next-start.${p.servingPid}.cpuprofile`);
  if (!file) throw new Error(`no CPU profile of pid ${p.servingPid} in ${p.profileDir}`);
  return path.join(p.profileDir, file);
}
