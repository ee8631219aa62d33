/**
 * The OpenAPI document against the code: every /api/v1 route handler (found on disk, as the authorization
 * matrix finds them) has exactly one operation and nothing else does; the document is well formed; every
 * schema in it compiles under JSON Schema 2020-12; and the authorization matrix takes x-access from it.
 */
import fs from "node:fs";
import path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument, type OpenApiDocument } from "@/lib/features/openapi/document";

// The benchmark's floor (GET /api/v1/bench/trivial) is route.bench.ts, only in the benchmark's own build:
// it is deliberately not part of the API, and the walk below (route.ts files) does not see it.
const BENCH_ONLY = "GET /api/v1/bench/trivial";
const METHODS = ["get", "post", "put", "patch", "delete"];
const ACCESS = [
  "public",
  "signedIn",
  "staffRead",
  "staffWrite",
  "financeRead",
  "financeWrite",
  "adminOnly",
  "adminOrAuditor",
  "secondFactorPending",
  "enrolment",
];

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
    );
}

/** "GET /api/v1/plans/{planId}" for every exported handler of every route file. */
function discoveredRoutes(): string[] {
  return walk("app/api/v1").flatMap((file) => {
    const route =
      "/" +
      path
        .dirname(file)
        .split(path.sep)
        .join("/")
        .replace(/^app\//, "")
        .replace(/\[([^\]]+)\]/g, "{$1}");
    const methods = [
      ...fs
        .readFileSync(file, "utf8")
        .matchAll(/export (?:const|async function|function) (GET|POST|PATCH|PUT|DELETE)\b/g),
    ].map((m) => m[1]);
    return methods.map((m) => `${m} ${route}`);
  });
}

function documentedOperations(doc: OpenApiDocument): [string, Record<string, unknown>][] {
  return Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => METHODS.includes(m))
      .map(([m, op]) => [`${m.toUpperCase()} ${p}`, op] as [string, Record<string, unknown>]),
  );
}

/** Every value under a key named $ref, with where it was found. */
function refsIn(node: unknown, at = "#"): [string, string][] {
  if (Array.isArray(node)) return node.flatMap((v, i) => refsIn(v, `${at}/${i}`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([k, v]) =>
    k === "$ref" && typeof v === "string" ? [[at, v] as [string, string]] : refsIn(v, `${at}/${k}`),
  );
}

function resolvePointer(doc: unknown, ref: string): unknown {
  return ref
    .replace(/^#\//, "")
    .split("/")
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"))
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined),
      doc,
    );
}

const doc = buildOpenApiDocument();
const operations = documentedOperations(doc);

describe("OpenAPI coverage", () => {
  it("documents exactly the route handlers under app/api/v1 (bench excluded)", () => {
    const routes = discoveredRoutes();
    const documented = operations.map(([key]) => key);
    expect(routes.length).toBeGreaterThan(40);
    expect(
      routes.filter((r) => !documented.includes(r)),
      "route handlers without an operation",
    ).toEqual([]);
    expect(
      documented.filter((d) => !routes.includes(d)),
      "operations without a route handler",
    ).toEqual([]);
    expect(routes, "the bench floor is only in the benchmark's build").not.toContain(BENCH_ONLY);
    expect(documented).not.toContain(BENCH_ONLY);
  });

  it("is where the authorization matrix reads who may call each operation (no copy of the access to drift)", () => {
    const source = fs.readFileSync("tests/e2e/authz.e2e.ts", "utf8");
    expect(source).toContain("/api/v1/openapi.json");
    expect(source).toContain('"x-access"');
    expect(
      source.match(/"(?:GET|POST|PATCH|PUT|DELETE) \/api\/v1\/[^"]*": "\w+"/g) ?? [],
      "hard-coded access entries",
    ).toEqual([]);
  });
});

describe("OpenAPI document", () => {
  it("is OpenAPI 3.1 with the API's title and the package version", () => {
    const pkg = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Vesting Desk API", version: pkg.version });
    expect(doc.components.securitySchemes.sessionCookie).toMatchObject({
      type: "apiKey",
      in: "cookie",
      name: "next-auth.session-token",
    });
    expect(doc.components.securitySchemes.bearerToken).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("gives every operation a unique operationId, a success response, its access and matching security", () => {
    const ids = operations.map(([, op]) => op.operationId);
    expect(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      "duplicate operationIds",
    ).toEqual([]);
    for (const [key, op] of operations) {
      expect(typeof op.operationId, key).toBe("string");
      expect(ACCESS, key).toContain(op["x-access"]);
      const statuses = Object.keys(op.responses as object);
      expect(
        statuses.some((s) => /^2\d\d$/.test(s)),
        `${key} has a 2xx response`,
      ).toBe(true);
      expect(statuses, key).toContain("default");
      if (op["x-access"] === "public") expect(op.security, key).toEqual([]);
      else expect(op.security, key).toEqual([{ sessionCookie: [] }, { bearerToken: [] }]);
      if (op["x-access"] !== "public") expect(statuses, `${key} documents 401`).toContain("401");
    }
  });

  it("declares exactly the path's template parameters, all required", () => {
    for (const [key, op] of operations) {
      const template = [...key.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const params = ((op.parameters ?? []) as { in: string; name: string; required: boolean }[]).filter(
        (p) => p.in === "path",
      );
      expect(params.map((p) => p.name).sort(), key).toEqual(template);
      for (const p of params) expect(p.required, `${key} ${p.name}`).toBe(true);
    }
  });

  it("answers every 4xx with the ErrorBody schema", () => {
    for (const [key, op] of operations) {
      for (const [status, response] of Object.entries(
        op.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>,
      )) {
        if (!/^4\d\d$/.test(status) && status !== "default") continue;
        expect(response.content?.["application/json"]?.schema, `${key} ${status}`).toEqual({
          $ref: "#/components/schemas/ErrorBody",
        });
      }
    }
  });

  it("resolves every $ref", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(50);
    const broken = refs
      .filter(([, ref]) => !ref.startsWith("#/") || resolvePointer(doc, ref) === undefined)
      .map(([at, ref]) => `${at} -> ${ref}`);
    expect(broken).toEqual([]);
  });

  it("compiles every schema in it under JSON Schema 2020-12", { timeout: 120_000 }, () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema(doc as unknown as object, "openapi.json");
    // A schema that is only a $ref to a component is compiled with that component.
    const pointers = schemaPointers(doc).filter((p) => Object.keys(resolvePointer(doc, p) as object).join() !== "$ref");
    expect(pointers.length).toBeGreaterThan(60);
    for (const pointer of pointers)
      expect(() => ajv.compile({ $ref: `openapi.json${pointer}` }), pointer).not.toThrow();
    // A documented error really is an ErrorBody, and an arbitrary object is not.
    const errorBody = ajv.compile({ $ref: "openapi.json#/components/schemas/ErrorBody" });
    expect(errorBody({ error: { code: "NOT_FOUND", message: "Plan not found.", details: null } })).toBe(true);
    expect(errorBody({ error: { code: "NOT_FOUND" } })).toBe(false);
  });
});

/** JSON pointers of every schema: request bodies, parameters, responses and components. */
function schemaPointers(d: OpenApiDocument): string[] {
  const esc = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");
  const out = Object.keys(d.components.schemas).map((name) => `#/components/schemas/${esc(name)}`);
  for (const [p, item] of Object.entries(d.paths)) {
    for (const [m, op] of Object.entries(item)) {
      const base = `#/paths/${esc(p)}/${m}`;
      ((op.parameters ?? []) as unknown[]).forEach((_, i) => out.push(`${base}/parameters/${i}/schema`));
      for (const [type, media] of Object.entries(
        (op.requestBody as { content?: Record<string, { schema?: unknown }> })?.content ?? {},
      )) {
        if (media.schema) out.push(`${base}/requestBody/content/${esc(type)}/schema`);
      }
      for (const [status, r] of Object.entries(
        op.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>,
      )) {
        for (const [type, media] of Object.entries(r.content ?? {}))
          if (media.schema) out.push(`${base}/responses/${status}/content/${esc(type)}/schema`);
      }
    }
  }
  return out;
}
