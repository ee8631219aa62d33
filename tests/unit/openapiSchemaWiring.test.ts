/**
 * One source of truth: the request schemas in the OpenAPI operations are the very zod objects the route
 * handlers validate with. For each operation with a body or query schema, the route file (found from the
 * operation's path) must import that same object, by identity, from a lib module and use it, and the
 * object must refuse a body that is not valid. No database: only modules are loaded.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { allOperations } from "@/lib/features/openapi/operations";

function routeFile(op: ApiOperation): string {
  return path.join("app", ...op.path.replace(/^\//, "").split("/").map((s) => s.replace(/^\{(.+)\}$/, "[$1]")), "route.ts");
}

type ServerImport = { local: string; exported: string; module: string };

/** Names the route imports from lib modules: local name, exported name and module. */
function serverImports(source: string): ServerImport[] {
  return [...source.matchAll(/import\s*\{([^}]+)\}\s*from\s*"(@\/lib\/(?:features|platform|auth)\/[^"]+)"/g)].flatMap((m) =>
    m[1]!
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "" && !s.startsWith("type "))
      .map((s) => {
        const [exported, local = exported] = s.split(/\s+as\s+/) as [string, string?];
        return { local, exported, module: m[2]! };
      }),
  );
}

/** The local name under which the route imports `schema` (by identity) from a lib module and uses it. */
async function usedByRoute(op: ApiOperation, schema: z.ZodType): Promise<string | null> {
  const source = fs.readFileSync(routeFile(op), "utf8");
  for (const { local, exported, module } of serverImports(source)) {
    const mod = (await import(/* @vite-ignore */ module)) as Record<string, unknown>;
    if (mod[exported] !== schema) continue;
    // Imported and used: the name appears beyond its import.
    if ((source.match(new RegExp(`\\b${local}\\b`, "g"))?.length ?? 0) >= 2) return local;
  }
  return null;
}

const withBody = allOperations.filter((op) => op.body);
const withQuery = allOperations.filter((op) => op.query);

describe("request schemas are the routes' own validators", () => {
  it("covers the operations that take input", () => {
    expect(withBody.length).toBeGreaterThan(15);
    expect(withQuery.length).toBeGreaterThanOrEqual(4);
  });

  it.each(withBody.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))("%s: the body schema is the one the route parses", async (_key, op) => {
    expect(fs.existsSync(routeFile(op)), routeFile(op)).toBe(true);
    expect(await usedByRoute(op, op.body!), "the route imports and uses this very schema object").not.toBeNull();
  });

  it.each(withQuery.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))("%s: the query schema is the one the route parses", async (_key, op) => {
    const name = await usedByRoute(op, op.query!);
    expect(name, "the route imports and uses this very schema object").not.toBeNull();
    expect(fs.readFileSync(routeFile(op), "utf8")).toMatch(new RegExp(`parseQuery\\(${name},`));
  });

  it.each(withBody.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))("%s: the schema refuses invalid bodies", (_key, op) => {
    const body = op.body!;
    // Not an object at all: every body is a JSON object.
    expect(body.safeParse([42]).success).toBe(false);
    expect(body.safeParse("text").success).toBe(false);
    // An empty object lacks every required field the document lists, and zod reports each of them.
    const required = ((z.toJSONSchema(body, { io: "input", unrepresentable: "any" }) as { required?: string[] }).required ?? []);
    const empty = body.safeParse({});
    if (required.length === 0) {
      expect(empty.success, "an all-optional body accepts {}").toBe(true);
    } else {
      expect(empty.success).toBe(false);
      const paths = empty.error!.issues.map((i) => String(i.path[0]));
      for (const field of required) expect(paths, field).toContain(field);
    }
  });

  it("a path-parameter UUID schema refuses what the routes answer 404 or 400 for", () => {
    for (const op of allOperations.filter((o) => o.params)) {
      for (const [name, schema] of Object.entries(op.params!.shape)) {
        if (name === "token") continue;
        expect((schema as z.ZodType).safeParse("not-a-uuid").success, `${op.operationId} ${name}`).toBe(false);
        expect((schema as z.ZodType).safeParse("6d2b79f5-0000-4000-8000-00000000abcd").success, `${op.operationId} ${name}`).toBe(true);
      }
    }
  });
});
