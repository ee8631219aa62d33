import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  SSE_CALENDAR_FIRST_YEAR,
  SSE_CALENDAR_LAST_YEAR,
  SSE_CLOSURES,
} from "../../lib/domain/calendar/sseClosures.data";
import { weekday } from "../../lib/domain/calendar/isoDate";

const csv = readFileSync(path.resolve(__dirname, "../../data/sse-closures.csv"), "utf8");
const rows = csv
  .split(/\r?\n/)
  .slice(1)
  .filter((l) => l.trim() !== "")
  .map((l) => {
    const i = l.indexOf(",");
    return { date: l.slice(0, i), reason: l.slice(i + 1) };
  });

describe("generated SSE closures module", () => {
  it("matches data/sse-closures.csv row for row (regenerate with scripts/gen-sse-closures.mjs)", () => {
    expect(SSE_CLOSURES).toEqual(rows);
  });

  it("covers 2015-2026 with the per-year counts documented in shared/data/README.md", () => {
    expect(SSE_CALENDAR_FIRST_YEAR).toBe(2015);
    expect(SSE_CALENDAR_LAST_YEAR).toBe(2026);
    const perYear: Record<string, number> = {};
    for (const c of SSE_CLOSURES) perYear[c.date.slice(0, 4)] = (perYear[c.date.slice(0, 4)] ?? 0) + 1;
    expect(perYear).toEqual({
      2015: 17,
      2016: 17,
      2017: 16,
      2018: 18,
      2019: 17,
      2020: 19,
      2021: 18,
      2022: 18,
      2023: 18,
      2024: 20,
      2025: 18,
      2026: 19,
    });
    expect(SSE_CLOSURES).toHaveLength(215);
  });

  it("lists weekdays only, ascending, without duplicates", () => {
    for (let i = 0; i < SSE_CLOSURES.length; i++) {
      const c = SSE_CLOSURES[i]!;
      expect([0, 6], c.date).not.toContain(weekday(c.date));
      if (i > 0) expect(c.date > SSE_CLOSURES[i - 1]!.date).toBe(true);
    }
  });
});
