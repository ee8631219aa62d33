/**
 * npm run bench:profile [-- --grants 1000 --employees 10000 --requests 300 --users 300 --interval 250
 * --keep-profile]: where a signed-in grantee's home-page request spends its server time (issue #18).
 * Seeds the bench company into a fresh database (PostgreSQL when BENCH_DATABASE_URL is set, else
 * PGlite), starts the portal with V8's CPU profiler on in its `next start` process, and requests `/`
 * sequentially on one connection: the bench grantee over and over (the server keeps their grant DTOs,
 * so the session check's statement leaves the grants out), then distinct grantees once each (nothing
 * kept: PostgreSQL builds the grants' JSON). The profile's self time is bucketed per request for either
 * path (bench/profile/cpuProfileBuckets.ts); the client measures the HTML and the RSC payload. Prints a
 * Markdown table and writes bench/profile.json. One machine's timings, possibly busy: compare the paths
 * and the buckets, not runs on different days.
 */
import "./serverOnlyStub";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { asc, count, eq, ne, type SQL } from "drizzle-orm";
import type { DatabaseKind } from "@/db/client";
import * as s from "@/db/schema";
import { BENCH_GRANTEE_EMAIL } from "./seed/benchAccounts";
import { seedBenchCompany } from "./seed/seedBench";
import {
  createBenchDatabase,
  ensureBenchSecrets,
  openBenchDatabase,
  type BenchDatabaseLocation,
} from "./benchDatabase";
import { signInCookie } from "./serverThroughput";
import { bucketsByWindow, type CpuProfile, type ProfileWindow } from "./profile/cpuProfileBuckets";
import { SourceMapResolver } from "./profile/sourceMaps";
import { startProfiledServer, stopAndCollectProfile, type ProfiledServer } from "./profile/profiledServer";
import { profiledWindow, rscSample } from "./profile/homeWindows";
import { pathProfile, profileMarkdown } from "./profile/profileReport";

const AS_OF = process.env.VD_TODAY || "2026-11-21";
const WARM_UP_USERS = 10;
const RSC_SAMPLE = 20;
const log = (message: string) => console.log(`[profile] ${message}`);

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} needs a positive whole number`);
  return value;
}

type Grantee = { email: string; grants: number };

/**
 * Seeds the bench company, then reads the bench grantee and up to `wanted` other grantees with logins
 * (and how many grants each holds) while the seed's connection is open: PGlite allows one process.
 */
async function seedAndPickGrantees(location: BenchDatabaseLocation, employees: number, grants: number, wanted: number) {
  const handle = await openBenchDatabase(location);
  try {
    const seeded = await seedBenchCompany(handle.db, { employees, grants, asOf: AS_OF });
    log(
      `seeded ${employees.toLocaleString("en-US")} employees, ${grants.toLocaleString("en-US")} grants in ${seeded.seconds.total} s`,
    );
    const holders = (which: SQL | undefined) =>
      handle.db
        .select({ email: s.users.email, grants: count(s.grants.id) })
        .from(s.users)
        .innerJoin(s.grants, eq(s.grants.personId, s.users.personId))
        .where(which)
        .groupBy(s.users.email)
        .orderBy(asc(s.users.email));
    const [grantee] = await holders(eq(s.users.email, BENCH_GRANTEE_EMAIL));
    if (!grantee) throw new Error(`${BENCH_GRANTEE_EMAIL} holds no grants`);
    // Those holding as many grants as the bench grantee first, so that both paths render pages of a size.
    const others = (await holders(ne(s.users.email, BENCH_GRANTEE_EMAIL)))
      .map((g, i) => ({ ...g, i, off: Math.abs(g.grants - grantee.grants) }))
      .sort((a, b) => a.off - b.off || a.i - b.i)
      .slice(0, wanted)
      .map(({ email, grants: n }) => ({ email, grants: n }));
    return { grantee: grantee as Grantee, others };
  } finally {
    await handle.close();
  }
}

async function main() {
  const kind: DatabaseKind = process.env.BENCH_DATABASE_URL ? "postgres" : "pglite";
  const employees = flag("employees", 10_000);
  const grants = flag("grants", kind === "postgres" ? 100_000 : 10_000);
  const requests = flag("requests", 300);
  const users = flag("users", 300);
  const intervalUs = flag("interval", 250);
  ensureBenchSecrets();
  log(
    `${kind}, ${employees} employees, ${grants} grants; ${requests} kept + ${users} uncached requests, as of ${AS_OF}`,
  );

  const location = await createBenchDatabase(kind, "profile");
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), "vd-bench-cpuprof-"));
  let profiled: ProfiledServer | null = null;
  try {
    const picked = await seedAndPickGrantees(location, employees, grants, users + WARM_UP_USERS);
    if (picked.others.length <= WARM_UP_USERS)
      throw new Error(`only ${picked.others.length} other grantees have logins: more --grants or --employees`);
    const [warm, distinct] = [picked.others.slice(0, WARM_UP_USERS), picked.others.slice(WARM_UP_USERS)];
    log("starting the portal with the CPU profiler on (npm start; builds first when the sources changed)…");
    profiled = await startProfiledServer({
      dataDir: location.dataDir,
      databaseUrl: location.url,
      env: { VD_BENCH_BUILD: "1", VD_TODAY: AS_OF, VD_DEMO: "0" },
      profileDir,
      intervalUs,
    });
    const base = profiled.server.base;
    log(`portal up at ${base} (serving pid ${profiled.servingPid}); signing in ${picked.others.length + 1} grantees…`);
    const grantee = await signInCookie(base, BENCH_GRANTEE_EMAIL);
    const cookie = new Map<string, string>();
    for (const g of picked.others) cookie.set(g.email, await signInCookie(base, g.email));
    const cookies = (list: Grantee[]) => list.map((g) => cookie.get(g.email)!);

    // Outside the windows: the day's derivation, JIT warm-up, the blackout memo, both paths a few times.
    await profiledWindow("warm-up", base, [...Array<string>(30).fill(grantee), ...cookies(warm)]);
    const kept = await profiledWindow("kept (one grantee repeated)", base, Array<string>(requests).fill(grantee));
    const uncached = await profiledWindow("uncached (distinct grantees once)", base, cookies(distinct));
    const rscKept = await rscSample(base, Array<string>(5).fill(grantee));
    const rscOthers = await rscSample(base, cookies(distinct.slice(0, RSC_SAMPLE)));
    log("requests done; stopping the server for its profile…");
    const file = await stopAndCollectProfile(profiled);
    profiled = null;

    const windows = [kept.window, uncached.window];
    if (process.argv.includes("--keep-profile")) keepProfile(file, windows);
    const profile = JSON.parse(fs.readFileSync(file, "utf8")) as CpuProfile;
    const resolver = new SourceMapResolver(process.cwd());
    const [keptBuckets, uncachedBuckets] = bucketsByWindow(profile, windows, (u, l, c) => resolver.resolve(u, l, c));
    const meanGrants = (list: Grantee[]) => list.reduce((a, g) => a + g.grants, 0) / Math.max(1, list.length);
    const span = (w: ProfileWindow) => w.endUs - w.startUs;
    const paths = [
      pathProfile(keptBuckets!, kept.measured, rscKept, picked.grantee.grants, span(kept.window)),
      pathProfile(uncachedBuckets!, uncached.measured, rscOthers, meanGrants(distinct), span(uncached.window)),
    ];
    for (const p of paths)
      if (p.coverage < 0.9 || p.coverage > 1.1)
        log(`WARNING: ${p.name}: samples cover ${p.coverage} of the window; the clocks may not agree`);
    const context =
      `Home page of a signed-in grantee on ${kind}, ${employees.toLocaleString("en-US")} employees, ${grants.toLocaleString("en-US")} grants; ` +
      `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, Node ${process.version}; ` +
      `V8 CPU profile of the \`next start\` process sampled every ${intervalUs} µs, self time per bucket ÷ requests.`;
    const markdown = profileMarkdown(paths, rscKept[0]!, context);
    console.log(`\n${markdown}\n`);
    const out = path.join(process.cwd(), "bench", "profile.json");
    const sizes = { employees, grants, keptRequests: requests, distinctGrantees: distinct.length };
    const report = { date: new Date().toISOString(), kind, sizes, intervalUs, method: METHOD, paths, rsc: rscKept[0] };
    fs.writeFileSync(out, JSON.stringify({ ...report, markdown }, null, 2) + "\n");
    log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    if (profiled) await (profiled as ProfiledServer).server.stop();
    await location.drop();
    fs.rmSync(profileDir, { recursive: true, force: true });
  }
}

/** The raw profile (for Chrome DevTools' Performance panel) and the windows' bounds on its clock, in bench/out/. */
function keepProfile(file: string, windows: ProfileWindow[]) {
  const dir = path.join(process.cwd(), "bench", "out");
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(file, path.join(dir, "profileHome.cpuprofile"));
  fs.writeFileSync(path.join(dir, "profileHome.windows.json"), JSON.stringify(windows, null, 2) + "\n");
  log(`kept the profile in ${path.relative(process.cwd(), dir)}/profileHome.cpuprofile`);
}

const METHOD = [
  "Self time from V8's sampling profiler, started through the inspector in the `next start` process (Next.js 16 serves every request there; Node 20 refuses --cpu-prof in NODE_OPTIONS, so a --require preload starts it).",
  "Samples are attributed to the measured windows by time: the bench's process.hrtime and the profile share CLOCK_MONOTONIC; coverage (sampled time ÷ window) checks it.",
  "Frames are mapped through the build's source maps to original files, then bucketed by path; in React's Flight server, functions that run components count as render, the rest as serialisation.",
  "Node internals and native builtins inherit their caller's bucket (a socket write under pg is sql); JSON.parse/stringify are serialisation wherever called, including the pg driver parsing the session check's JSON.",
  "Idle is the server waiting: on PostgreSQL the database's own time is there, with network and client time; sql is the JS side only (statement building, driver, row parsing). On PGlite the engine runs as WASM in the server's thread: its time is the database bucket.",
  "Work is attributed to the window it runs in: async work a request leaves behind is charged to the next request; the windows end 250 ms after their last response, which idle absorbs.",
  "Sampling every 250 µs resolves a function of a few hundredths of a millisecond per request only on average over hundreds of requests; the profiler itself slows the server by a few per cent.",
  "The uncached path's grantees are those holding as many grants as the bench grantee, as far as the seed has them (see grants per grantee): the page's size follows the grants.",
];

main().catch((e) => {
  console.error("[profile] failed:", e);
  process.exit(1);
});
