/**
 * How failures become HTTP answers: the database being out of reach (503, try again), a value the
 * database cannot store (400), and the request limits the fuzzing found missing (grant price and
 * corporate-action parameters beyond their numeric columns).
 */
import { describe, expect, it } from "vitest";
import { corporateActionBody } from "@/lib/features/corporate-actions/queries";
import { grantAwardsSchema } from "@/lib/features/grants/schemas";
import { errorResponse } from "@/lib/platform/http/apiResponse";
import { isDatabaseUnavailable } from "@/lib/platform/http/databaseUnavailable";
import { invalidDatabaseValueCode } from "@/lib/platform/http/invalidDatabaseValue";

/** drizzle's wrapper: "Failed query: ..." with the driver's error as its cause. */
const failedQuery = (cause: unknown) => Object.assign(new Error("Failed query: select 1\nparams: "), { cause });
const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("database unavailable", () => {
  it("recognises refused, reset, timed-out and dropped connections and PostgreSQL shutting down, wrapped or not", () => {
    const outages = [
      withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
      failedQuery(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")),
      failedQuery(new Error("Connection terminated unexpectedly")),
      new Error("Connection terminated due to connection timeout"),
      failedQuery(new Error("Client has encountered a connection error and is not queryable")),
      new Error("timeout exceeded when trying to connect"),
      // Dual-stack connect to "localhost": Node aggregates the refusal of ::1 and of 127.0.0.1.
      Object.assign(
        new AggregateError(
          [
            withCode("connect ECONNREFUSED ::1:5432", "ECONNREFUSED"),
            withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED"),
          ],
          "",
        ),
        {},
      ),
      failedQuery(withCode("terminating connection due to administrator command", "57P01")),
      withCode("the database system is starting up", "57P03"),
      withCode("sorry, too many clients already", "53300"),
      withCode("getaddrinfo ENOTFOUND db", "ENOTFOUND"),
    ];
    for (const e of outages) expect(isDatabaseUnavailable(e), String(e)).toBe(true);
  });

  it("does not take query bugs, refusals or plain values for an outage, and does not loop on a cyclic cause", () => {
    const cyclic: Error & { cause?: unknown } = new Error("x");
    cyclic.cause = cyclic;
    for (const e of [
      withCode("relation does not exist", "42P01"),
      withCode("duplicate key", "23505"),
      new Error("boom"),
      cyclic,
      "Connection terminated",
      null,
      undefined,
      42,
    ]) {
      expect(isDatabaseUnavailable(e), String(e)).toBe(false);
    }
  });
});

describe("values the database cannot store", () => {
  it("names the SQLSTATE of out-of-range, too-long and malformed values, also through drizzle's wrapper", () => {
    expect(invalidDatabaseValueCode(failedQuery(withCode("numeric field overflow", "22003")))).toBe("22003");
    expect(invalidDatabaseValueCode(withCode("invalid input syntax for type uuid", "22P02"))).toBe("22P02");
    expect(invalidDatabaseValueCode(withCode("date/time field value out of range", "22008"))).toBe("22008");
    expect(invalidDatabaseValueCode(withCode("value too long", "22001"))).toBe("22001");
    expect(invalidDatabaseValueCode(withCode("duplicate key", "23505"))).toBeNull();
    expect(invalidDatabaseValueCode(new Error("x"))).toBeNull();
  });
});

describe("the answers errorResponse gives them", () => {
  it("an outage is 503 DATABASE_UNAVAILABLE with Retry-After; a refused value is 400 INVALID_VALUE without the SQL", async () => {
    const { error, warn } = console;
    console.error = console.warn = () => {};
    try {
      const outage = errorResponse(failedQuery(withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")));
      expect([outage.status, outage.headers.get("retry-after"), outage.headers.get("cache-control")]).toEqual([
        503,
        "5",
        "no-store",
      ]);
      expect(await outage.json()).toEqual({
        error: {
          code: "DATABASE_UNAVAILABLE",
          message: "The database is not reachable; try again shortly.",
          details: null,
        },
      });
      const value = errorResponse(failedQuery(withCode("numeric field overflow in column grant_price", "22003")));
      expect([value.status, value.headers.get("retry-after")]).toEqual([400, null]);
      expect(await value.json()).toEqual({
        error: {
          code: "INVALID_VALUE",
          message: "A value in the request is out of range or malformed.",
          details: { sqlstate: "22003" },
        },
      });
    } finally {
      Object.assign(console, { error, warn });
    }
  });
});

describe("request limits that keep values inside their columns", () => {
  const grant = {
    batch: "reserved",
    grantDate: "2027-01-11",
    grantPrice: "20.00",
    items: [{ employeeNo: "E00001", categoryId: "6d2b79f5-0000-4000-8000-00000000abcd", quantity: 1000 }],
  };
  it("grant price: yuan with at most 2 decimals and 10 digits (numeric(12,2))", () => {
    for (const ok of ["0", "20", "20.5", "20.05", "9999999999.99"])
      expect(grantAwardsSchema.safeParse({ ...grant, grantPrice: ok }).success, ok).toBe(true);
    for (const bad of ["20.005", "10000000000", "1.2.3", "-1", "20,00"]) {
      const r = grantAwardsSchema.safeParse({ ...grant, grantPrice: bad });
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual(["grantPrice"]);
    }
  });

  it("corporate-action parameters: at most 10 digits before the point (numeric(18,8))", () => {
    const action = { type: "split", exDate: "2027-06-01" };
    expect(corporateActionBody.safeParse({ ...action, n: "9999999999.99999999" }).success).toBe(true);
    for (const field of ["n", "v", "p1", "p2"]) {
      const r = corporateActionBody.safeParse({ ...action, [field]: "10000000000" });
      expect(r.success, field).toBe(false);
      expect(r.error!.issues[0]!.path).toEqual([field]);
    }
  });
});
