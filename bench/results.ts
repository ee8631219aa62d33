/**
 * bench/results.json (or results.smoke.json) and the table in BENCHMARKS.md between its markers:
 * machine, versions, date, sizes, and every figure with its target and whether it passed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** One figure as reported: a ratio (or seconds, or megabytes) against its target. */
export interface Figure {
  value: number | null;
  target: number | null;
  /** How value compares with target to pass. */
  comparison: "<=" | ">=" | "report";
  unit: "ratio" | "s" | "MB";
  pass: boolean | null;
  label: string;
  /** The size it was measured at, when that differs between figures or backends (e.g. "10,000 grants"). */
  at?: string;
  note?: string;
  detail?: unknown;
}

export type Figures = Record<string, Figure>;

/** A figure from a measured value: pass is decided here, once. */
export function figure(
  label: string,
  value: number | null,
  target: number | null,
  comparison: Figure["comparison"],
  unit: Figure["unit"],
  detail?: unknown,
  note?: string,
): Figure {
  const pass =
    value === null || target === null || comparison === "report"
      ? null
      : comparison === "<="
        ? value <= target
        : value >= target;
  return {
    label,
    value,
    target,
    comparison,
    unit,
    pass,
    ...(note ? { note } : {}),
    ...(detail === undefined ? {} : { detail }),
  };
}

/** A figure that could not be measured here, with the reason. */
export function skipped(
  label: string,
  target: number | null,
  comparison: Figure["comparison"],
  unit: Figure["unit"],
  note: string,
): Figure {
  return { label, value: null, target, comparison, unit, pass: null, note };
}

export interface BenchReport {
  machine: { cpus: number; model: string; memGiB: number; os: string };
  versions: { node: string; next: string; postgres: string | null; pglite: string };
  date: string;
  smoke: boolean;
  sizes: Record<string, number>;
  /** The figures of the primary backend (PostgreSQL when measured, else PGlite). */
  figures: Figures;
  byBackend: Record<string, Figures>;
  seconds: number;
}

// Read from node_modules directly: some packages do not export their package.json.
function packageVersion(name: string): string {
  try {
    return (
      JSON.parse(fs.readFileSync(path.join(process.cwd(), "node_modules", name, "package.json"), "utf8")) as {
        version: string;
      }
    ).version;
  } catch {
    return "unknown";
  }
}

/** What the report says about this machine and these versions. */
export function environmentFacts(postgresVersion: string | null): Pick<BenchReport, "machine" | "versions"> {
  return {
    machine: {
      cpus: os.cpus().length,
      model: os.cpus()[0]?.model ?? "unknown",
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      os: `${os.type()} ${os.release()} ${os.arch()}`,
    },
    versions: {
      node: process.version,
      next: packageVersion("next"),
      postgres: postgresVersion,
      pglite: packageVersion("@electric-sql/pglite"),
    },
  };
}

const START = "<!-- bench:results:start -->";
const END = "<!-- bench:results:end -->";

const fmt = (f: Figure) => (f.value === null ? "—" : `${f.value}${f.unit === "ratio" ? "" : ` ${f.unit}`}`);
const target = (f: Figure) =>
  f.comparison === "report" || f.target === null
    ? "reported"
    : `${f.comparison === "<=" ? "≤" : "≥"} ${f.target}${f.unit === "ratio" ? "" : ` ${f.unit}`}`;
const verdict = (f: Figure) => (f.pass === null ? (f.note ? `n/a: ${f.note}` : "—") : f.pass ? "pass" : "**FAIL**");

/** One text for all backends when they agree (targets and sizes may depend on the backend), else each named. */
function perBackend(
  present: (readonly [string, Figure])[],
  text: (f: Figure) => string,
  lead: string,
  separator: string,
): string {
  const texts = present.map(([b, f]) => [b, text(f)] as const);
  if (texts.every(([, t]) => t === texts[0]![1])) return texts[0]![1] ? `${lead}${texts[0]![1]}` : "";
  return `${lead}${texts.map(([b, t]) => `${t || "—"} (${b})`).join(separator)}`;
}

/** The Markdown table of a report, one column per backend. */
export function resultsTable(report: BenchReport): string {
  const backends = Object.keys(report.byBackend);
  const ids = [...new Set(backends.flatMap((b) => Object.keys(report.byBackend[b]!)))];
  const lines = [
    `Measured ${report.date.slice(0, 10)} on ${report.machine.cpus} × ${report.machine.model}, ${report.machine.memGiB} GiB, ${report.machine.os}; ` +
      `Node ${report.versions.node}, Next.js ${report.versions.next}, PostgreSQL ${report.versions.postgres ?? "—"}, PGlite ${report.versions.pglite}. ` +
      `Sizes: ${Object.entries(report.sizes)
        .map(([k, v]) => `${k} ${v.toLocaleString("en-US")}`)
        .join(", ")}. Whole run: ${Math.round(report.seconds)} s.`,
    "",
    `| figure | target | ${backends.map((b) => `${b} | ${b} verdict`).join(" | ")} |`,
    `| --- | --- | ${backends.map(() => "--- | ---").join(" | ")} |`,
  ];
  for (const id of ids) {
    const present = backends.flatMap((b) =>
      report.byBackend[b]![id] ? [[b, report.byBackend[b]![id]!] as const] : [],
    );
    lines.push(
      `| ${id} ${present[0]![1].label}${perBackend(present, (f) => f.at ?? "", ", at ", ", ")} | ${perBackend(present, target, "", "; ")} | ${backends
        .map((b) => {
          const f = report.byBackend[b]![id];
          return f ? `${fmt(f)} | ${verdict(f)}` : "— | —";
        })
        .join(" | ")} |`,
    );
  }
  return lines.join("\n");
}

/** Writes the JSON report; a full run also regenerates the table in BENCHMARKS.md (a smoke run never does). */
export function writeReport(report: BenchReport): string {
  const file = path.join(process.cwd(), "bench", report.smoke ? "results.smoke.json" : "results.json");
  fs.writeFileSync(file, JSON.stringify(report, null, 2) + "\n");
  if (!report.smoke) {
    const doc = path.join(process.cwd(), "BENCHMARKS.md");
    const text = fs.readFileSync(doc, "utf8");
    const a = text.indexOf(START);
    const b = text.indexOf(END);
    if (a < 0 || b < a) throw new Error(`BENCHMARKS.md has no ${START} … ${END} markers`);
    fs.writeFileSync(doc, `${text.slice(0, a + START.length)}\n${resultsTable(report)}\n${text.slice(b)}`);
  }
  return file;
}
