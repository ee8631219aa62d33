import { describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/features/openapi/document";
import { grantAwardsSchema } from "@/lib/features/grants/schemas";
import { vestingRunSchema } from "@/lib/features/vesting/schemas";
import { trancheRatio } from "@/lib/features/plans/schemas";

type Json = Record<string, unknown>;

/** Every schema named `key` under the operation's request body, $refs into components resolved. */
function propertySchemas(path: string, method: string, key: string): Json[] {
  const doc = openApiDocument() as unknown as {
    paths: Record<string, Record<string, Json>>;
    components: { schemas: Record<string, Json> };
  };
  const found: Json[] = [];
  const seen = new Set<unknown>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    const n = node as Json;
    if (typeof n.$ref === "string") walk(doc.components.schemas[n.$ref.split("/").pop()!]);
    const props = n.properties as Record<string, Json> | undefined;
    if (props?.[key]) found.push(props[key]!);
    for (const v of Object.values(n)) walk(v);
  };
  walk(doc.paths[path]![method]!.requestBody);
  return found;
}

const cases = [
  {
    name: "grant price: yuan to the fen",
    path: "/api/v1/plans/{planId}/grants",
    key: "grantPrice",
    accepts: (v: string) => grantAwardsSchema.shape.grantPrice.safeParse(v).success,
    samples: ["20", "20.5", "20.00", "0.01", "20.005", "-1", "1e3", "12345678901", " 20"],
  },
  {
    name: "company-level ratio: 0 to 1, four decimals",
    path: "/api/v1/plans/{planId}/vesting-runs",
    key: "companyRatio",
    accepts: (v: string) => vestingRunSchema.shape.companyRatio.safeParse(v).success,
    samples: ["0", "0.8", "0.8125", "1", "1.0000", "0.81255", "1.2", "2", "100", ".5"],
  },
  {
    name: "tranche ratio: at most 1",
    path: "/api/v1/plans",
    key: "ratio",
    accepts: (v: string) => trancheRatio.safeParse(v).success,
    samples: ["0.4", "0.3333", "1", "1.0", "1.5", "0.33333", "2", "01"],
  },
];

describe("OpenAPI patterns are exactly as strict as the routes", () => {
  it.each(cases)("$name", ({ path, key, accepts, samples }) => {
    const schemas = propertySchemas(path, "post", key);
    expect(schemas.length).toBeGreaterThan(0);
    for (const schema of schemas) {
      expect(typeof schema.pattern).toBe("string");
      const pattern = new RegExp(schema.pattern as string);
      for (const v of samples) expect(pattern.test(v), `${key} ${JSON.stringify(v)}`).toBe(accepts(v));
    }
    // The samples cover both answers, so the comparison above can fail either way.
    expect(new Set(samples.map(accepts))).toEqual(new Set([true, false]));
  });
});
