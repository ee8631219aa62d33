/**
 * npm run bench: runs every benchmark in one process and writes bench/results.json.
 * Figures are ratios against their targets measured in the same run, never timed test assertions.
 */
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { runEngineBench } from "./engine.bench";
import { runServerThroughputBench } from "./serverThroughput";

async function main() {
  const results: { name: string; ratio: number; target: number; [k: string]: unknown }[] = [runEngineBench()];
  results.push(...(await runServerThroughputBench()));
  const report = { date: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? "unknown", results };
  fs.writeFileSync(path.join(process.cwd(), "bench", "results.json"), JSON.stringify(report, null, 2) + "\n");
  for (const r of results) console.log(`${r.name}: ratio ${r.ratio} (target ${r.name.startsWith("P5") ? "≤" : "≥"} ${r.target})`, JSON.stringify(r));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
