/**
 * The projection in docs/scaling.md, recomputed from each full run's figures: instances for a vesting
 * day's peak, database size, and export and import times for a company of 100,000 employees.
 * The assumptions are constants here and stated in the document; only the measurements change.
 */
import fs from "node:fs";
import path from "node:path";
import type { BenchReport, Figures } from "./results";

/** What the projection assumes about a 100,000-employee issuer (docs/scaling.md explains each). */
export const ASSUMPTIONS = {
  employees: 100_000,
  grantsPerEmployee: 5,
  peakHourShare: 0.3,
  requestsPerVisit: 6,
  busiestMinuteFactor: 3,
  targetUtilisation: 0.6,
  exportGrants: 300_000,
};

type Load = { rps: number; p50Ms: number };
const detail = <T>(figures: Figures, id: string) => figures[id]?.detail as T | undefined;

/** The projection's numbers from one backend's figures (null where a figure is missing). */
export function project(figures: Figures) {
  const a = ASSUMPTIONS;
  const grants = a.employees * a.grantsPerEmployee;
  const needRps = ((a.employees * a.peakHourShare * a.requestsPerVisit) / 3600) * a.busiestMinuteFactor;
  const home = detail<{ subject: Load }>(figures, "P1")?.subject;
  const api = detail<{ subject: Load }>(figures, "P2")?.subject;
  // The home page is the heaviest common request; sizing on it alone is conservative.
  const perInstance = home ? home.rps * a.targetUtilisation : null;
  const instances = perInstance ? Math.ceil(needRps / perInstance) + 1 : null;
  const tables = detail<Record<string, { rows: number; bytes: number }>>(figures, "dbSize");
  const grantTables = ["grants", "tranches", "adjustment_records", "appraisal_results"];
  const measuredGrants = tables?.grants?.rows ?? 0;
  const bytesPerGrant =
    tables && measuredGrants > 0 ? grantTables.reduce((s, t) => s + (tables[t]?.bytes ?? 0), 0) / measuredGrants : null;
  const bytesPerPerson = tables?.persons?.rows ? tables.persons.bytes / tables.persons.rows : null;
  const csv = detail<{ csv: { seconds: number } }>(figures, "P3csv")?.csv.seconds;
  const xlsx = detail<{ xlsx: { seconds: number } }>(figures, "P3xlsx")?.xlsx.seconds;
  const scale = measuredGrants > 0 ? a.exportGrants / measuredGrants : null;
  return {
    grants,
    tranches: grants * 3,
    needRps: Math.round(needRps),
    homeRps: home?.rps ?? null,
    apiRps: api?.rps ?? null,
    instances,
    databaseGb:
      bytesPerGrant !== null && bytesPerPerson !== null
        ? (bytesPerGrant * grants + bytesPerPerson * a.employees) / 2 ** 30
        : null,
    bytesPerGrant,
    csvSeconds: csv !== undefined && scale ? csv * scale : null,
    xlsxSeconds: xlsx !== undefined && scale ? xlsx * scale : null,
    memoryGrowthMb: figures.P3mem?.value ?? null,
    importSeconds: figures.P4?.value ?? null,
    engineSeconds:
      figures.P5?.value !== null && figures.P5?.value !== undefined ? (figures.P5.value * grants) / 50_000 : null,
    homeP50Ms: detail<{ large: Load }>(figures, "P6")?.large.p50Ms ?? null,
  };
}

const n = (v: number | null, digits = 0, unit = "") =>
  v === null ? "(not measured)" : `${v.toLocaleString("en-US", { maximumFractionDigits: digits })}${unit}`;

/** The Markdown block between the projection markers. */
export function projectionMarkdown(report: BenchReport): string {
  const p = project(report.figures);
  const a = ASSUMPTIONS;
  return [
    `From the run of ${report.date.slice(0, 10)} (${Object.keys(report.byBackend).join(" + ")}; figures of ${report.byBackend.postgres ? "PostgreSQL" : "PGlite"}), for ${a.employees.toLocaleString("en-US")} employees with ${a.grantsPerEmployee} grants each:`,
    "",
    "| quantity | arithmetic | projection |",
    "| --- | --- | --- |",
    `| peak load | ${a.employees.toLocaleString("en-US")} × ${a.peakHourShare} × ${a.requestsPerVisit} requests ÷ 3,600 s × ${a.busiestMinuteFactor} | ${n(p.needRps)} req/s |`,
    `| one instance | home page at 50 connections (P1) ${n(p.homeRps)} req/s × ${a.targetUtilisation} utilisation | ${n(p.homeRps === null ? null : p.homeRps * a.targetUtilisation)} req/s |`,
    `| instances | ⌈peak ÷ one instance⌉ + 1 spare | ${n(p.instances)} |`,
    `| grants, tranches | ${a.employees.toLocaleString("en-US")} × ${a.grantsPerEmployee}, × 3 | ${n(p.grants)}, ${n(p.tranches)} |`,
    `| database | ${n(p.bytesPerGrant)} bytes per grant (grant, tranches, adjustments, grades, indexes) × grants + persons | ${n(p.databaseGb, 1, " GB")} |`,
    `| grant register of ${a.exportGrants.toLocaleString("en-US")} grants | P3 time × ${a.exportGrants.toLocaleString("en-US")} ÷ measured grants | CSV ${n(p.csvSeconds, 0, " s")}, XLSX ${n(p.xlsxSeconds, 0, " s")}; memory +${n(p.memoryGrowthMb, 0, " MB")} from 10× the grants (P3) |`,
    `| daily re-derivation (engine only) | P5 ${n(report.figures.P5?.value ?? null, 2, " s")} per 50,000 grants × ${n(p.grants)} ÷ 50,000 | ${n(p.engineSeconds, 1, " s")} |`,
    `| home page median | P6 at ${report.sizes["grants (P1, P2, P3, P6 large)"]?.toLocaleString("en-US")} grants in the database | ${n(p.homeP50Ms, 0, " ms")} |`,
    `| a 10,000-row list | P4, preview + apply | ${n(p.importSeconds, 1, " s")} |`,
  ].join("\n");
}

const START = "<!-- bench:projection:start -->";
const END = "<!-- bench:projection:end -->";

/** Replaces the projection block of docs/scaling.md. */
export function writeProjection(report: BenchReport): void {
  const doc = path.join(process.cwd(), "docs", "scaling.md");
  const text = fs.readFileSync(doc, "utf8");
  const a = text.indexOf(START);
  const b = text.indexOf(END);
  if (a < 0 || b < a) throw new Error(`docs/scaling.md has no ${START} … ${END} markers`);
  fs.writeFileSync(doc, `${text.slice(0, a + START.length)}\n${projectionMarkdown(report)}\n${text.slice(b)}`);
}
