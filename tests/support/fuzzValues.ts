/**
 * fast-check arbitraries for fuzzing what users and API clients send: hostile strings (formulas,
 * control characters, odd digits and dates, huge text), edge numbers, any JSON, and "almost valid"
 * objects in which each field is valid, hostile or missing.
 */
import fc from "fast-check";

/** Strings that have broken parsers before: formulas, control characters, odd digits and dates, injections. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "\t",
    "\u0000",
    "\r\n",
    "\uFEFF",
    "\u202E",
    "null",
    "undefined",
    "NaN",
    "Infinity",
    "-0",
    "1e309",
    "0x1F",
    "1_000",
    "1,000",
    "1.000,5",
    "=1+1",
    '=HYPERLINK("http://x")',
    "+SUM(A1:A9)",
    "-2+3",
    "@cmd",
    "'=1",
    "１２３",
    "١٢٣",
    "一千",
    "½",
    "2026-02-30",
    "2026-02-29",
    "2024-02-29",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "2026-1-1",
    "20260101",
    "2026/01/01",
    "01/02/2026",
    "2026-01-01T00:00:00Z",
    "2026-13-01",
    "２０２６-０１-０１",
    "' OR 1=1 --",
    '"; DROP TABLE persons; --',
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%00",
    "${7*7}",
    "𠀀𠀁𠀂",
    "👩‍👩‍👧‍👦",
    "é",
    "é",
    "E00001",
    "e00001",
    " E00001 ",
    "6d2b79f5-0000-4000-8000-00000000abcd",
  ),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.string({ unit: "grapheme-ascii", maxLength: 20 }),
  fc.nat({ max: 3 }).map((k) => "長".repeat([201, 1001, 4001, 20_001][k]!)),
);

/** Numbers at the edges: negative, fractional, beyond safe integers, huge. (JSON has no NaN or Infinity.) */
export const edgeNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    0,
    -1,
    1,
    0.5,
    -0.5,
    1e-9,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 31,
    -(2 ** 31) - 1,
    2 ** 53,
    99,
    100,
    2000,
    2100,
    2101,
  ),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Any JSON value, shallow. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 });

/** Anything a hostile client might put in a field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  edgeNumber,
  fc.boolean(),
  fc.constant(null),
  anyJson,
);

/** A real calendar date anywhere in years 0001-9999 (valid for the ISO validators, odd for the business). */
export const anyIsoDate: fc.Arbitrary<string> = fc
  .date({ min: new Date("0001-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A date near today's business (2019-2035), where most rules actually get exercised. */
export const nearIsoDate: fc.Arbitrary<string> = fc
  .date({ min: new Date("2019-01-01T00:00:00Z"), max: new Date("2035-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A date that passes the validator: mostly near, sometimes anywhere. */
export const validIsoDate: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: nearIsoDate, weight: 4 },
  { arbitrary: anyIsoDate, weight: 1 },
);

/** A decimal string as the API accepts them ("0", "12.5", up to 12 + 8 digits); mostly of ordinary size. */
export const decimalText: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc.constantFrom(
      "0",
      "0.00",
      "1",
      "1.00",
      "0.60",
      "20.00",
      "0.99",
      "999999999999.99999999",
      "9999999999.99",
      "10000000000",
      "0.00000001",
      "10",
      "3",
    ),
    weight: 2,
  },
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 1000 }), fc.option(fc.stringMatching(/^\d{1,4}$/)))
      .map(([i, f]) => (f === null ? `${i}` : `${i}.${f}`)),
    weight: 6,
  },
  {
    arbitrary: fc
      .tuple(fc.bigInt({ min: 0n, max: 999_999_999_999n }), fc.option(fc.stringMatching(/^\d{1,8}$/)))
      .map(([i, f]) => (f === null ? `${i}` : `${i}.${f}`)),
    weight: 1,
  },
);

/** A price in yuan, mostly with at most two decimals as prices are quoted. */
export const priceText: fc.Arbitrary<string> = fc.oneof(
  {
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 500 }), fc.integer({ min: 0, max: 99 }))
      .map(([y, f]) => `${y}.${String(f).padStart(2, "0")}`),
    weight: 6,
  },
  { arbitrary: decimalText, weight: 1 },
);

/** Ordinary text of 1..max characters (any Unicode, never blank), hostile now and then. */
export const someText = (max = 30): fc.Arbitrary<string> =>
  fc.oneof(
    {
      arbitrary: fc
        .string({ unit: "grapheme", minLength: 1, maxLength: max })
        .filter((t) => t.trim().length > 0 && t.length <= max),
      weight: 15,
    },
    { arbitrary: hostileString, weight: 1 },
  );

/** A random UUID, or one of the ids the test knows exist. */
export const someId = (known: string[]): fc.Arbitrary<string> =>
  known.length ? fc.oneof(fc.constantFrom(...known), fc.uuid()) : fc.uuid();

/**
 * An object like the valid one the arbitraries describe, except that each field is sometimes hostile
 * and sometimes missing; now and then an unknown field is added.
 */
export function almostValid(fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  // Rare enough per field that bodies with a dozen fields still often reach the service's rules.
  const entries = Object.entries(fields).map(
    ([key, valid]) =>
      [
        key,
        fc.oneof(
          { arbitrary: valid, weight: 60 },
          { arbitrary: hostileValue, weight: 1 },
          { arbitrary: fc.constant(undefined), weight: 1 },
        ),
      ] as const,
  );
  return fc
    .tuple(
      fc.record(Object.fromEntries(entries)),
      fc.option(fc.tuple(fc.string({ maxLength: 10 }), hostileValue), { freq: 8 }),
    )
    .map(([record, extra]) => {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(record)) if (v !== undefined) out[k] = v;
      if (extra && extra[0] !== "__proto__") out[extra[0]] = extra[1];
      return out;
    });
}

/** What a request body becomes after JSON.stringify and JSON.parse on the way in (readJson). */
export function overTheWire<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value ?? null));
}
