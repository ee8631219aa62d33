/**
 * Every /api/v1 route handler is `route(operation, handler)`: its access, path parameters, query and body
 * come from the operation the OpenAPI document shows, so they are declared once and cannot drift. The
 * route files are checked statically (the operation each handler passes has the file's method and path,
 * and no route touches the database or checks access itself); route() itself is exercised with public
 * operations, which need no session and no database; and the operations' request schemas must refuse
 * what route() relies on them to refuse. No database: only modules are loaded.
 */
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import type { ApiOperation } from "@/lib/auth/procedures/operation";
import { route } from "@/lib/auth/procedures/route";
import { allOperations } from "@/lib/features/openapi/operations";

// The benchmark's floor (app/api/v1/bench/trivial/route.bench.ts) is no route.ts: it exists only in the
// benchmark's own build (next.config.js pageExtensions), has no operation on purpose, and is not checked here.
const DATABASE_MODULE = /(?:from\s+|import\s*\(\s*)"(@\/db(?:\/[^"]*)?|drizzle-orm(?:\/[^"]*)?|@\/lib\/platform\/db)"/;

function walk(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? walk(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : [],
    );
}

const files = walk("app/api/v1")
  .map((f) => f.split(path.sep).join("/"))
  .sort();

/** "/api/v1/plans/{planId}" for app/api/v1/plans/[planId]/route.ts. */
const pathOf = (file: string) =>
  "/" +
  path.posix
    .dirname(file)
    .replace(/^app\//, "")
    .replace(/\[([^\]]+)\]/g, "{$1}");

/** The operation maps a route imports, by local name: `import { plansOperations as api } from ".../operations/plans"`. */
async function operationMaps(source: string): Promise<Map<string, Record<string, ApiOperation>>> {
  const maps = new Map<string, Record<string, ApiOperation>>();
  for (const m of source.matchAll(/import\s*\{([^}]+)\}\s*from\s*"(@\/lib\/features\/openapi\/operations\/[^"]+)"/g)) {
    const mod = (await import(/* @vite-ignore */ m[2]!)) as Record<string, unknown>;
    for (const part of m[1]!
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)) {
      const [exported, local = exported] = part.split(/\s+as\s+/) as [string, string?];
      maps.set(local, mod[exported] as Record<string, ApiOperation>);
    }
  }
  return maps;
}

type Handler = { method: string; declaration: string; local?: string; name?: string };

/** Each exported method handler: how it is declared, and `api.name` in `= route(api.name` or `= route({ ...api.name`. */
function handlers(source: string): Handler[] {
  return [
    ...source.matchAll(
      /export\s+(const|async\s+function|function)\s+(GET|POST|PATCH|PUT|DELETE)\b(?=([\s\S]{0,300}))/g,
    ),
  ].map((m) => {
    const wrapped = /^\s*=\s*route\(\s*(?:\{\s*\.\.\.\s*)?([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\b/.exec(m[3]!);
    return { method: m[2]!, declaration: m[1]!, local: wrapped?.[1], name: wrapped?.[2] };
  });
}

describe("route files", () => {
  it("finds every route file", () => {
    expect(files.length).toBeGreaterThan(35);
    expect(files).not.toContain("app/api/v1/bench/trivial/route.ts");
  });

  it.each(files)("%s: every exported method is route(operation) with the file's method and path", async (file) => {
    const source = fs.readFileSync(file, "utf8");
    const found = handlers(source);
    expect(found.length, "exports at least one method handler").toBeGreaterThan(0);
    const maps = await operationMaps(source);
    for (const h of found) {
      expect(h.declaration, `${h.method} is a const`).toBe("const");
      expect(h.local, `${h.method} = route(xOperations.name, ...)`).toBeDefined();
      const op = maps.get(h.local!)?.[h.name!];
      expect(
        op,
        `${h.method}: ${h.local}.${h.name} is an operation imported from lib/features/openapi/operations`,
      ).toBeDefined();
      expect(allOperations, `${h.method}: ${h.local}.${h.name} is in the OpenAPI document`).toContain(op);
      expect(`${op!.method.toUpperCase()} ${op!.path}`, `${h.local}.${h.name}`).toBe(`${h.method} ${pathOf(file)}`);
    }
  });

  it.each(files)("%s: imports no database module (@/db, drizzle-orm, @/lib/platform/db)", (file) => {
    expect(fs.readFileSync(file, "utf8")).not.toMatch(DATABASE_MODULE);
  });

  it.each(files)("%s: leaves the access check, the query and the JSON body to route()", (file) => {
    const source = fs.readFileSync(file, "utf8");
    expect(source).not.toMatch(
      /"@\/lib\/auth\/session"|\brequireUser\(|\bstaffActor\(|\badminActor\(|\brequireOversight\(/,
    );
    expect(source).not.toMatch(/\breadJson\(|\bparseQuery\(/);
    expect(source).not.toMatch(/\bapiRoute\(/);
  });

  it("uses every operation in exactly one handler", async () => {
    const used: ApiOperation[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      const maps = await operationMaps(source);
      for (const h of handlers(source)) if (h.local) used.push(maps.get(h.local)![h.name!]!);
    }
    expect(
      allOperations.filter((op) => !used.includes(op)).map((op) => op.operationId),
      "operations no route uses",
    ).toEqual([]);
    expect(
      used.filter((op, i) => used.indexOf(op) !== i).map((op) => op.operationId),
      "operations used twice",
    ).toEqual([]);
  });
});

/** A public operation: route() reads no session and opens no database for it, so it runs here as it is. */
function publicOp(extra: Partial<ApiOperation>): ApiOperation {
  return {
    method: "post",
    path: "/api/v1/test/{id}",
    operationId: "test",
    summary: "test",
    tags: [],
    access: "public",
    responses: { 200: { description: "ok" } },
    ...extra,
  };
}

const segment = (params: Record<string, string>) => ({ params: Promise.resolve(params) });
const ID = "6d2b79f5-0000-4000-8000-00000000abcd";
const post = (body: BodyInit | null, headers: Record<string, string> = { "content-type": "application/json" }) =>
  new Request(`http://localhost/api/v1/test/${ID}`, {
    method: "POST",
    body,
    headers: { host: "localhost", ...headers },
  });
const echo = async (ctx: { params: unknown; query: unknown; body: unknown }) => ({
  params: ctx.params,
  query: ctx.query,
  body: ctx.body,
});

describe("route()", () => {
  const idParams = z.object({ id: z.string().uuid() });
  const body = z.object({ name: z.string(), note: z.string().optional() });

  it("answers the handler's value as private JSON with the operation's first success status; 204 is empty", async () => {
    const created = await route(
      publicOp({ responses: { 409: { description: "" }, 201: { description: "" }, 202: { description: "" } } }),
      async () => ({ ok: true }),
    )(post(null), segment({ id: ID }));
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    expect(await created.json()).toEqual({ ok: true });
    const empty = await route(publicOp({ responses: { 204: { description: "" } } }), async () => undefined)(
      post(null),
      segment({ id: ID }),
    );
    expect(empty.status).toBe(204);
    expect(await empty.text()).toBe("");
    const own = await route(publicOp({}), async () => new Response("csv", { status: 200 }))(
      post(null),
      segment({ id: ID }),
    );
    expect(await own.text()).toBe("csv");
  });

  it("validates path parameters: a malformed one is 404 (or 400 where the route says so)", async () => {
    const ok = await route(publicOp({ params: idParams }), echo)(post(null), segment({ id: ID }));
    expect(await ok.json()).toMatchObject({ params: { id: ID } });
    const missing = await route(publicOp({ params: idParams }), echo)(post(null), segment({ id: "not-a-uuid" }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.code).toBe("NOT_FOUND");
    const bad = await route({ ...publicOp({ params: idParams }), invalidParams: "badRequest" }, echo)(
      post(null),
      segment({ id: "not-a-uuid" }),
    );
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe("BAD_REQUEST");
  });

  it("parses the query as Object.fromEntries(searchParams) with the operation's schema", async () => {
    const op = publicOp({ method: "get", query: z.object({ from: z.string().optional() }) });
    const res = await route(op, echo)(new Request("http://localhost/api/v1/test/x?from=2024-01-01"), segment({}));
    expect(await res.json()).toMatchObject({ query: { from: "2024-01-01" } });
  });

  it("parses the JSON body with the operation's schema: 400 for invalid JSON, a wrong shape or a blank body", async () => {
    const handler = route(publicOp({ body }), echo);
    expect(await (await handler(post(JSON.stringify({ name: "a" })), segment({}))).json()).toMatchObject({
      body: { name: "a" },
    });
    for (const sent of ["{", "[42]", ""]) {
      const res = await handler(post(sent), segment({}));
      expect(res.status, sent).toBe(400);
      expect((await res.json()).error.code, sent).toBe("BAD_REQUEST");
    }
  });

  it("reads a blank body as {} where the body is optional, and honours a larger body limit", async () => {
    const optional = route(
      { ...publicOp({ body: z.object({ note: z.string().optional() }) }), optionalBody: true },
      echo,
    );
    expect(await (await optional(post("  "), segment({}))).json()).toMatchObject({ body: {} });
    const big = JSON.stringify({ name: "x".repeat(1_100_000) });
    expect((await route(publicOp({ body }), echo)(post(big), segment({}))).status).toBe(400);
    expect((await route({ ...publicOp({ body }), maxBodyChars: 2_000_000 }, echo)(post(big), segment({}))).status).toBe(
      200,
    );
  });

  it("leaves an upload of the operation's bodyContentType to the handler (body undefined)", async () => {
    const form = new FormData();
    form.set("file", new Blob(["a,b"]), "list.csv");
    const res = await route(
      publicOp({ body, bodyContentType: "multipart/form-data" }),
      async ({ body: parsed, req }) => ({
        parsed: parsed ?? null,
        file: (await req.formData()).get("file") instanceof File,
      }),
    )(
      new Request("http://localhost/api/v1/test/x", { method: "POST", body: form, headers: { host: "localhost" } }),
      segment({}),
    );
    expect(await res.json()).toEqual({ parsed: null, file: true });
  });

  it("refuses a write from another origin before anything else (403 CROSS_ORIGIN)", async () => {
    const res = await route(publicOp({ body }), echo)(
      post("{", { "content-type": "application/json", origin: "https://elsewhere.example" }),
      segment({}),
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("CROSS_ORIGIN");
  });
});

const withBody = allOperations.filter((op) => op.body);

describe("the operations' request schemas refuse what route() relies on them to refuse", () => {
  it("covers the operations that take input", () => {
    expect(withBody.length).toBeGreaterThan(15);
    expect(allOperations.filter((op) => op.query).length).toBeGreaterThanOrEqual(4);
  });

  it.each(withBody.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    "%s: the body schema refuses invalid bodies",
    (_key, op) => {
      const schema = op.body!;
      // Not an object at all: every body is a JSON object.
      expect(schema.safeParse([42]).success).toBe(false);
      expect(schema.safeParse("text").success).toBe(false);
      // An empty object lacks every required field the document lists, and zod reports each of them.
      type Shape = { required?: string[]; oneOf?: Shape[]; anyOf?: Shape[] };
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Shape;
      // A union (e.g. a body discriminated by "kind") requires what every branch requires.
      const branches = json.oneOf ?? json.anyOf;
      const required = branches
        ? branches.map((b) => b.required ?? []).reduce((a, b) => a.filter((f) => b.includes(f)))
        : (json.required ?? []);
      const empty = schema.safeParse({});
      if (required.length === 0) {
        expect(empty.success, "an all-optional body accepts {}").toBe(true);
      } else {
        expect(empty.success).toBe(false);
        const paths = empty.error!.issues.map((i) => String(i.path[0]));
        // A discriminated union stops at its discriminator: one required field named is enough there.
        if (branches)
          expect(
            required.some((field) => paths.includes(field)),
            paths.join(),
          ).toBe(true);
        else for (const field of required) expect(paths, field).toContain(field);
      }
    },
  );

  it("a path-parameter UUID schema refuses what the routes answer 404 or 400 for", () => {
    for (const op of allOperations.filter((o) => o.params)) {
      for (const [name, schema] of Object.entries(op.params!.shape)) {
        if (name === "token") continue;
        if (name === "tradeDate") {
          expect((schema as z.ZodType).safeParse("2026-03-02").success, op.operationId).toBe(true);
          expect((schema as z.ZodType).safeParse("not-a-date").success, op.operationId).toBe(false);
          continue;
        }
        if (name === "kind") {
          expect((schema as z.ZodType).safeParse("not-a-kind").success, op.operationId).toBe(false);
          continue;
        }
        expect((schema as z.ZodType).safeParse("not-a-uuid").success, `${op.operationId} ${name}`).toBe(false);
        expect((schema as z.ZodType).safeParse(ID).success, `${op.operationId} ${name}`).toBe(true);
      }
    }
  });
});
