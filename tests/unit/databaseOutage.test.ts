/**
 * The process-wide outage state proxy.ts consults: set by failed queries, cleared by a successful
 * one or by the background probe, which runs at most once a second and never makes a request wait.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  databaseKnownDown,
  databaseProbeInFlight,
  outageObserver,
  registerDatabaseProbe,
  reportDatabaseHealthy,
  reportDatabaseOutage,
} from "@/lib/platform/databaseOutage";
import { outagePageHtml } from "@/lib/platform/http/outagePage";

afterEach(() => {
  reportDatabaseHealthy();
  registerDatabaseProbe(async () => undefined);
});

describe("database outage state", () => {
  it("is down from the first reported outage until a query succeeds", () => {
    expect(databaseKnownDown()).toBe(false);
    reportDatabaseOutage();
    expect(databaseKnownDown()).toBe(true);
    reportDatabaseOutage();
    expect(databaseKnownDown()).toBe(true);
    reportDatabaseHealthy();
    expect(databaseKnownDown()).toBe(false);
  });

  it("probes in the background at most once a second and clears itself when the probe succeeds", async () => {
    let calls = 0;
    let up = false;
    registerDatabaseProbe(async () => {
      calls++;
      if (!up) throw new Error("Connection terminated unexpectedly");
    });
    const t0 = 1_000_000;
    reportDatabaseOutage(t0);
    expect(databaseKnownDown(t0 + 500)).toBe(true);
    expect(calls).toBe(0);
    expect(databaseKnownDown(t0 + 1000)).toBe(true);
    expect(calls).toBe(1);
    await databaseProbeInFlight();
    expect(databaseKnownDown(t0 + 1500)).toBe(true);
    expect(calls).toBe(1);
    up = true;
    // Still answered "down" while the probe that will find it back is in flight.
    expect(databaseKnownDown(t0 + 2100)).toBe(true);
    expect(calls).toBe(2);
    await databaseProbeInFlight();
    expect(databaseKnownDown(t0 + 2200)).toBe(false);
  });

  it("never starts a second probe while one is in flight", async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    registerDatabaseProbe(() => {
      calls++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    reportDatabaseOutage(0);
    databaseKnownDown(5_000);
    databaseKnownDown(10_000);
    databaseKnownDown(15_000);
    expect(calls).toBe(1);
    release();
    await databaseProbeInFlight();
    expect(databaseKnownDown()).toBe(false);
  });
});

describe("what the pool's observer counts as an outage", () => {
  const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });
  it("a refused or dropped connection, bare or as drizzle's cause, marks the database down", () => {
    outageObserver.failed(
      wrapped(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })),
    );
    expect(databaseKnownDown()).toBe(true);
    outageObserver.succeeded();
    expect(databaseKnownDown()).toBe(false);
    outageObserver.failed(new Error("Connection terminated unexpectedly"));
    expect(databaseKnownDown()).toBe(true);
  });
  it("waiting too long for a free pooled connection is load, not an outage; nor is a refused query", () => {
    outageObserver.failed(wrapped(new Error("timeout exceeded when trying to connect")));
    outageObserver.failed(Object.assign(new Error('relation "x" does not exist'), { code: "42P01" }));
    outageObserver.failed(Object.assign(new Error("duplicate key"), { code: "23505" }));
    expect(databaseKnownDown()).toBe(false);
  });
});

describe("outage page", () => {
  it("is in the reader's language, reloads itself, and escapes the path it links back to", () => {
    const zh = outagePageHtml("zh-CN", '/grants?x="><script>alert(1)</script>');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toContain("数据库暂时无法访问");
    expect(zh).toContain('<meta http-equiv="refresh" content="5">');
    expect(zh).not.toContain("<script");
    expect(zh).toContain('href="/grants?x=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    const en = outagePageHtml("en", "//evil.example/");
    expect(en).toContain("The database is temporarily unavailable");
    expect(en).toContain('href="/"');
  });
});
