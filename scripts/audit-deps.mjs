#!/usr/bin/env node
/**
 * Dependency audit for CI: `npm audit --audit-level=high --json`, judged here.
 *
 *   exit 0  no high or critical advisory
 *   exit 1  high or critical advisories (listed)
 *   exit 0  WARNING: the registry refused the audit endpoint (405/404/501, ENOAUDIT): nothing was
 *           checked, and the warning says so; with --strict this is exit 3 instead
 *   exit 2  anything else (npm missing, no lockfile, network down, unreadable output)
 *
 * Some registries and mirrors (including the one this project is built against) do not serve
 * npm's advisory endpoint. There is no honest offline substitute, so the script does not pretend:
 * it reports that the audit could not run. Extra arguments go to npm (e.g. --omit=dev).
 */
import { spawnSync } from "node:child_process";
import { pathToFileURL } from "node:url";

const BLOCKING = ["high", "critical"];
const REFUSED_STATUS = new Set([404, 405, 501]);

/**
 * Judges npm audit's JSON output: { verdict: "clean" | "vulnerable" | "unavailable" | "error", lines }.
 * `stdout` is what `npm audit --json` printed, `status` its exit code.
 */
export function judgeAudit(stdout, status) {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    return { verdict: "error", lines: [`npm audit printed no JSON (exit ${status}): ${String(stdout).slice(0, 200)}`] };
  }
  const counts = report?.metadata?.vulnerabilities;
  if (counts && typeof counts === "object") {
    const blocking = Object.entries(report.vulnerabilities ?? {}).filter(([, v]) => BLOCKING.includes(v?.severity));
    const summary = `npm audit: ${counts.critical ?? 0} critical, ${counts.high ?? 0} high, ${counts.moderate ?? 0} moderate, ${counts.low ?? 0} low`;
    if (blocking.length === 0 && !(counts.high > 0 || counts.critical > 0))
      return { verdict: "clean", lines: [`${summary}: nothing at or above "high".`] };
    const lines = [summary];
    for (const [name, v] of blocking) {
      const titles = (v.via ?? [])
        .filter((x) => typeof x === "object")
        .map((x) => `${x.title ?? x.source} (${x.url ?? "no url"})`);
      lines.push(
        `  ${v.severity.padEnd(8)} ${name} ${v.range ?? ""}${v.fixAvailable ? " — fix available" : ""}${titles.length ? `: ${titles.join("; ")}` : ""}`,
      );
    }
    return { verdict: "vulnerable", lines };
  }
  const code = report?.error?.code ?? report?.code;
  const httpStatus = Number(report?.statusCode ?? NaN);
  const uri = report?.uri ?? "the registry";
  if (
    code === "ENOAUDIT" ||
    REFUSED_STATUS.has(httpStatus) ||
    /advisories\/bulk|audit endpoint/i.test(String(report?.message ?? report?.error?.summary ?? ""))
  ) {
    return {
      verdict: "unavailable",
      lines: [
        `WARNING: npm audit could not run: ${uri} refused the audit endpoint (${Number.isNaN(httpStatus) ? code : httpStatus}).`,
        "WARNING: dependencies were NOT checked for advisories. Run this where the public npm registry is reachable (CI), or pass --strict to fail here.",
      ],
    };
  }
  return {
    verdict: "error",
    lines: [
      `npm audit failed (exit ${status}): ${report?.message ?? report?.error?.summary ?? JSON.stringify(report).slice(0, 200)}`,
    ],
  };
}

function main() {
  const args = process.argv.slice(2);
  const strict = args.includes("--strict");
  const npmArgs = ["audit", "--audit-level=high", "--json", ...args.filter((a) => a !== "--strict")];
  const run = spawnSync(process.platform === "win32" ? "npm.cmd" : "npm", npmArgs, {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) {
    console.error(`npm could not be run: ${run.error.message}`);
    return 2;
  }
  const { verdict, lines } = judgeAudit(run.stdout, run.status);
  const annotate = process.env.GITHUB_ACTIONS === "true";
  for (const line of lines) {
    if (verdict === "unavailable" && annotate && line.startsWith("WARNING: "))
      console.log(`::warning title=npm audit::${line.slice(9)}`);
    else (verdict === "clean" ? console.log : console.error)(line);
  }
  if (verdict === "clean") return 0;
  if (verdict === "vulnerable") return 1;
  if (verdict === "unavailable") return strict ? 3 : 0;
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main());
