/**
 * The benchmarks call the app's server functions outside Next.js, where the "server-only" marker
 * package throws on import. As in vitest (tests/support/server-only-stub.ts), it resolves to nothing
 * here. Import this module first: it fills the CommonJS cache before anything requires the marker.
 */
import Module, { createRequire } from "node:module";
import path from "node:path";

const localRequire = createRequire(path.join(process.cwd(), "package.json"));
const id = localRequire.resolve("server-only");
const stub = new Module(id);
stub.filename = id;
stub.loaded = true;
stub.exports = {};
localRequire.cache[id] = stub;
