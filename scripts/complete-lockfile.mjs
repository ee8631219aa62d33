#!/usr/bin/env node
/**
 * The registry this project installs from serves only the current platform's native packages, so npm
 * leaves the other platforms' optional packages (e.g. @next/swc-darwin-arm64) out of package-lock.json,
 * and then `npm ci` refuses the lock as out of sync. This adds those entries back as optional packages
 * restricted to their platform, which `npm ci` skips here and installs where they exist.
 * Run it after `npm install` changes the lock: `node scripts/complete-lockfile.mjs`.
 */
import fs from "node:fs";

const file = "package-lock.json";
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const packages = lock.packages;
let added = 0;

const OS = [
  "darwin",
  "linux",
  "win32",
  "freebsd",
  "android",
  "openbsd",
  "netbsd",
  "sunos",
  "aix",
  "openharmony",
  "wasi",
];
const CPU = ["arm64", "x64", "ia32", "arm", "ppc64", "s390x", "riscv64", "loong64", "mips64el", "wasm32"];

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.find((t) => OS.includes(t));
  const cpu = tokens.find((t) => CPU.includes(t) || t === "armv7" || t === "arm64ec");
  const libc = tokens.includes("musl")
    ? "musl"
    : tokens.includes("gnu") || tokens.includes("gnueabihf")
      ? "glibc"
      : undefined;
  return { os, cpu: cpu === "armv7" ? "arm" : cpu, libc };
}

function resolvesFrom(parentPath, dep) {
  // Node resolution: the parent's own node_modules, then each ancestor's, then the root.
  let base = parentPath;
  for (;;) {
    const candidate = `${base ? base + "/" : ""}node_modules/${dep}`;
    if (packages[candidate]) return true;
    if (!base) return false;
    const idx = base.lastIndexOf("/node_modules/");
    base = idx >= 0 ? base.slice(0, idx) : "";
  }
}

for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(meta.optionalDependencies ?? {})) {
    if (resolvesFrom(path, dep)) continue;
    const { os, cpu, libc } = platformOf(dep);
    if (!os && !cpu) continue; // not a platform package: leave npm's decision alone
    const entry = { version: String(spec).replace(/^[\^~=]/, ""), optional: true };
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    if (libc) entry.libc = [libc];
    packages[`node_modules/${dep}`] = entry;
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a < b ? -1 : a > b ? 1 : 0)),
);
lock.packages = sorted;
fs.writeFileSync(file, JSON.stringify(lock, null, 2) + "\n");
console.log(`complete-lockfile: added ${added} optional platform entries`);
