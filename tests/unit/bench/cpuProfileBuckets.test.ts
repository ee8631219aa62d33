import { describe, expect, it } from "vitest";
import { bucketOf, bucketsByWindow, type CallFrame, type CpuProfile } from "@/bench/profile/cpuProfileBuckets";
import { decodeMappings, decodeVlq, nameInSource, normaliseSource } from "@/bench/profile/sourceMaps";
import type { OriginalPosition } from "@/bench/profile/sourceMaps";

const frame = (functionName: string, url = "", lineNumber = 0, columnNumber = 0): CallFrame => ({
  functionName,
  url,
  lineNumber,
  columnNumber,
});
const at = (source: string, name: string | null = null): OriginalPosition => ({ source, line: 0, column: 0, name });
const CHUNK = "file:///repo/.next-bench/server/chunks/ssr/chunk.js";

describe("the bucket of a frame", () => {
  it.each([
    ["(garbage collector)", "", null, "gc"],
    ["(idle)", "", null, "idle"],
    ["(program)", "", null, "program"],
    ["parse", "", null, "serialisation"],
    ["runSessionCheck", CHUNK, at("lib/auth/session.ts"), "auth"],
    ["decrypt", CHUNK, at("node_modules/jose/dist/node/esm/jwe/flattened/decrypt.js"), "auth"],
    ["fillPlaceholders", CHUNK, at("node_modules/drizzle-orm/src/sql/sql.ts"), "sql"],
    ["addCString", "file:///repo/node_modules/pg-protocol/dist/buffer-writer.js", null, "sql"],
    ["db", CHUNK, at("lib/platform/db.ts"), "sql"],
    ["describeBlackoutWindows", CHUNK, at("lib/features/calendar/blackoutsForPerson.ts"), "app"],
    ["GranteeHome", CHUNK, at("app/(portal)/_components/GranteeHome.tsx"), "render"],
    [
      "renderElement",
      CHUNK,
      at("node_modules/next/dist/compiled/react-dom/cjs/react-dom-server.node.production.js"),
      "render",
    ],
    ["LinkComponent", CHUNK, at("node_modules/next/src/client/app-dir/link.tsx"), "render"],
    ["handleRequestImpl", CHUNK, at("node_modules/next/src/server/base-server.ts"), "next"],
    ["processChunk", "node:zlib", null, "compression"],
    ["wasm-function[3718]", "wasm://wasm/022a9842", null, "database"],
    [
      "parseResults",
      "file:///repo/node_modules/@electric-sql/pglite/dist/index.js",
      at("node_modules/@electric-sql/pglite/src/parse.ts"),
      "sql",
    ],
    ["mystery", CHUNK, at("node_modules/left-pad/index.js"), "other"],
  ] as const)("%s in %s → %s", (name, url, original, bucket) => {
    expect(bucketOf(frame(name, url), original)).toBe(bucket);
  });

  it("splits React's Flight server into render (running components) and serialisation (the wire format)", () => {
    const flight =
      "node_modules/next/dist/compiled/react-server-dom-turbopack/cjs/react-server-dom-turbopack-server.node.production.js";
    expect(bucketOf(frame("a", CHUNK), at(flight, "renderFunctionComponent"))).toBe("render");
    expect(bucketOf(frame("b", CHUNK), at(flight, "renderModelDestructive"))).toBe("serialisation");
    expect(bucketOf(frame("c", CHUNK), at(flight.replace("-server.", "-client."), "parseModel"))).toBe("serialisation");
  });

  it("falls back to the file's own path when its map names a source outside any known package", () => {
    const pglite = "file:///work/main/node_modules/@electric-sql/pglite/dist/index.js";
    expect(bucketOf(frame("lock", pglite), at("node_modules/node_modules/.pnpm/async-mutex/index.mjs"))).toBe("sql");
  });

  it("leaves Node's internals and other builtins to their caller", () => {
    expect(bucketOf(frame("writev"), null)).toBeNull();
    expect(bucketOf(frame("Socket._writev", "node:net"), null)).toBeNull();
  });
});

describe("self time per window", () => {
  // (root) → pg query → writev (native); (root) → jose → node:crypto; (root) → node:net (no JS caller); idle; gc.
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 4, 6, 7, 8] },
      { id: 2, callFrame: frame("query", "file:///repo/node_modules/pg/lib/client.js"), children: [3] },
      { id: 3, callFrame: frame("writev") },
      { id: 4, callFrame: frame("decrypt", "file:///repo/node_modules/jose/dist/decrypt.js"), children: [5] },
      { id: 5, callFrame: frame("createCipher", "node:internal/crypto/cipher") },
      { id: 6, callFrame: frame("onStreamRead", "node:internal/stream_base_commons") },
      { id: 7, callFrame: frame("(idle)") },
      { id: 8, callFrame: frame("(garbage collector)") },
    ],
    startTime: 1_000,
    // Samples at 1100, 1200, …: each counts for the 100 µs until the next.
    samples: [2, 3, 3, 3, 5, 6, 7, 8, 2, 7],
    timeDeltas: [100, 100, 100, 100, 100, 100, 100, 100, 100, 100],
    endTime: 2_100,
  };
  const resolveNothing = () => null;

  it("charges inherited frames to their caller and Node's own work to node", () => {
    const [w] = bucketsByWindow(profile, [{ name: "all", startUs: 0, endUs: 10_000, requests: 2 }], resolveNothing);
    expect(w!.samples).toBe(10);
    expect(w!.selfUs).toMatchObject({ sql: 500, auth: 100, node: 100, idle: 200, gc: 100 });
    expect(w!.top[0]).toMatchObject({ bucket: "sql", name: "writev", us: 300 });
    expect(w!.topByBucket.auth).toEqual([
      { bucket: "auth", source: "node:internal/crypto/cipher", name: "createCipher", us: 100 },
    ]);
  });

  it("counts only the samples inside each window", () => {
    const [a, b] = bucketsByWindow(
      profile,
      [
        { name: "first", startUs: 1_100, endUs: 1_400, requests: 1 },
        { name: "last", startUs: 1_900, endUs: 2_100, requests: 1 },
      ],
      resolveNothing,
    );
    expect(a!.selfUs.sql).toBe(300);
    expect(a!.samples).toBe(3);
    expect(b!.selfUs).toMatchObject({ sql: 100, idle: 100 });
  });
});

describe("source maps", () => {
  it("decodes Base64 VLQ", () => {
    expect(decodeVlq("AAgBC")).toEqual([0, 0, 16, 1]);
    expect(decodeVlq("D")).toEqual([-1]);
    expect(decodeVlq("2H")).toEqual([123]);
  });

  it("carries source, line and column across segments and lines", () => {
    const lines = decodeMappings("AAAA,IAAI;AACA");
    expect(lines[0]).toEqual([
      [0, 0, 0, 0, -1],
      [4, 0, 0, 4, -1],
    ]);
    expect(lines[1]).toEqual([[0, 0, 1, 4, -1]]);
  });

  it("names sources by their path in the repository", () => {
    expect(normaliseSource("../../../../lib/auth/session.ts", "/repo/.next-bench/server/chunks/ssr", "/repo")).toBe(
      "lib/auth/session.ts",
    );
    expect(normaliseSource("webpack://next/./dist/compiled/react-dom/x.js", "/any", "/repo")).toBe(
      "node_modules/next/dist/compiled/react-dom/x.js",
    );
  });

  it("reads a function's name from the original text", () => {
    expect(nameInSource("async function granteeOverview() {", 0, 0)).toBe("granteeOverview");
    expect(nameInSource("  function renderModelDestructive(request, task) {", 0, 2)).toBe("renderModelDestructive");
    expect(nameInSource("const describe = (ids) => ids", 0, 6)).toBe("describe");
  });
});
