/**
 * What the contract test needs to hold responses against /api/v1/openapi.json: the document (fetched once and
 * registered with ajv, so $refs resolve), a check of one response against its documented status, and real ids
 * from the list endpoints to fill path parameters with.
 */
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { expect, request as playwrightRequest, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_PASSWORD } from "./support";

type Media = Record<string, { schema?: unknown }>;
type Operation = {
  operationId: string;
  "x-access": string;
  parameters?: { in: "path" | "query"; name: string; required: boolean }[];
  requestBody?: { content: Media };
  responses: Record<string, { content?: Media }>;
};
export type Op = Operation & { method: string; path: string; key: string };
type Doc = { paths: Record<string, Record<string, Operation>> };
export type Json = Record<string, unknown>;

export const NOWHERE = "6d2b79f5-0000-4000-8000-00000000abcd";
const BASE = "openapi.json";
// Every write with a JSON body is an object: a JSON array is refused by each body schema before any work.
export const INVALID_BODY = "[42]";

let doc: Doc | undefined;
let ops: Op[] = [];
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>();

const esc = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

function validatorAt(pointer: string): ValidateFunction {
  let v = validators.get(pointer);
  if (!v) {
    v = ajv.compile({ $ref: `${BASE}#${pointer}` });
    validators.set(pointer, v);
  }
  return v;
}

function problems(v: ValidateFunction, data: unknown): string[] {
  return v(data)
    ? []
    : (v.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
}

/** A request context signed in through next-auth's credentials endpoint (as the authorization matrix does), or anonymous. */
export async function sessionFor(baseURL: string, email: string | null): Promise<APIRequestContext> {
  const ctx = await playwrightRequest.newContext({ baseURL });
  if (email === null) return ctx;
  const { csrfToken } = await (await ctx.get("/api/auth/csrf")).json();
  const res = await ctx.post("/api/auth/callback/credentials", {
    form: { csrfToken, identifier: email, password: DEMO_PASSWORD, json: "true" },
    maxRedirects: 0,
  });
  expect(res.status(), `sign-in as ${email}`).toBeLessThan(400);
  return ctx;
}

/**
 * Checks a response against the operation's documented response for its status: the status is listed, the
 * content type is one documented, a JSON body validates against its schema, and any 4xx body is an ErrorBody.
 * Returns the JSON body, if any.
 */
export async function expectDocumented(op: Op, res: APIResponse, label: string): Promise<unknown> {
  const status = String(res.status());
  expect.soft(Object.keys(op.responses), `${label}: status ${status} is documented`).toContain(status);
  const response = op.responses[status] ?? op.responses.default;
  const types = Object.keys(response?.content ?? {});
  const contentType = res.headers()["content-type"] ?? "";
  if (types.length === 0) {
    expect.soft((await res.body()).length, `${label}: no body documented, none sent`).toBe(0);
    return undefined;
  }
  const type = types.find((t) => contentType.startsWith(t));
  expect.soft(type, `${label}: content-type "${contentType}" is one of ${types.join(", ")}`).toBeDefined();
  if (type !== "application/json") return undefined;
  const body: unknown = await res.json();
  const statusKey = op.responses[status] ? status : "default";
  const pointer = `/paths/${esc(op.path)}/${op.method}/responses/${statusKey}/content/application~1json/schema`;
  expect
    .soft(problems(validatorAt(pointer), body), `${label}: body matches the documented ${statusKey} schema`)
    .toEqual([]);
  if (res.status() >= 400 && res.status() < 500) {
    expect
      .soft(problems(validatorAt("/components/schemas/ErrorBody"), body), `${label}: a ${status} body is an ErrorBody`)
      .toEqual([]);
  }
  return body;
}

export function opById(id: string): Op {
  const op = ops.find((o) => o.operationId === id);
  if (!op) throw new Error(`The document has no operation ${id}`);
  return op;
}

export async function getJson(api: APIRequestContext, url: string): Promise<Json | null> {
  const res = await api.get(url);
  return res.ok() ? ((await res.json()) as Json) : null;
}

export const itemsOf = (body: Json | null): Json[] => (body?.items as Json[] | undefined) ?? [];

/** Real ids the caller can see, per path parameter name, from the list endpoints. */
export async function resolveIds(api: APIRequestContext, staff: boolean): Promise<Record<string, string[]>> {
  const plans = itemsOf(await getJson(api, "/api/v1/plans")).map((p) => String(p.id));
  const grants: Json[] = [];
  const periods: string[] = [];
  for (const planId of plans) {
    grants.push(...itemsOf(await getJson(api, `/api/v1/plans/${planId}/grants`)).slice(0, 2));
    if (staff)
      periods.push(
        ...itemsOf(await getJson(api, `/api/v1/plans/${planId}/publicity-periods`)).map((p) => String(p.id)),
      );
  }
  const ids: Record<string, string[]> = {
    planId: plans,
    grantId: grants.map((g) => String(g.id)),
    personId: [...new Set(grants.map((g) => String(g.personId)))].slice(0, 1),
    periodId: periods,
  };
  if (staff) {
    const events = ((await getJson(api, "/api/v1/disclosures"))?.events as Json[] | undefined) ?? [];
    const actions = ((await getJson(api, "/api/v1/corporate-actions"))?.actions as Json[] | undefined) ?? [];
    ids.eventId = events.slice(0, 1).map((e) => String(e.id));
    ids.actionId = actions.slice(0, 1).map((a) => String(a.id));
    const objections: string[] = [];
    for (const periodId of periods)
      objections.push(
        ...itemsOf(await getJson(api, `/api/v1/publicity-periods/${periodId}/objections`)).map((o) => String(o.id)),
      );
    ids.objectionId = objections.slice(0, 1);
  }
  return ids;
}

/** The operation's path with every combination of known ids (a few per parameter), or why it cannot be filled. */
export async function pathsFor(
  api: APIRequestContext,
  op: Op,
  ids: Record<string, string[]>,
): Promise<string[] | string> {
  let paths = [op.path];
  for (const param of (op.parameters ?? []).filter((p) => p.in === "path")) {
    let values = ids[param.name] ?? [];
    if (values.length === 0) {
      // An operation added later: take the first item of the list one level up, if it has one.
      const parent = op.path.slice(0, op.path.indexOf(`/{${param.name}}`));
      const first = itemsOf(await getJson(api, parent))[0];
      values = first?.id ? [String(first.id)] : [];
    }
    if (values.length === 0) return `no ${param.name} to call it with`;
    paths = paths.flatMap((u) => values.slice(0, 3).map((v) => u.replace(`{${param.name}}`, encodeURIComponent(v))));
  }
  return paths;
}

/** Concrete URLs for a GET: its paths with each query string to try, or why it cannot be called. */
export async function urlsFor(
  api: APIRequestContext,
  op: Op,
  ids: Record<string, string[]>,
  queries: string[] = [""],
): Promise<string[] | string> {
  const paths = await pathsFor(api, op, ids);
  if (typeof paths === "string") return paths;
  const required = (op.parameters ?? []).filter((p) => p.in === "query" && p.required).map((p) => p.name);
  if (required.some((name) => !queries.every((q) => q.includes(`${name}=`))))
    return `no value for its required query parameters ${required.join(", ")}`;
  return paths.flatMap((u) => queries.map((q) => u + q));
}

/** Fetches the document once (anonymously: it is public) and registers it with ajv; returns its operations. */
export async function loadDocument(baseURL: string): Promise<Op[]> {
  if (doc) return ops;
  const anonymous = await sessionFor(baseURL, null);
  const res = await anonymous.get("/api/v1/openapi.json");
  expect(res.status()).toBe(200);
  doc = (await res.json()) as Doc;
  await anonymous.dispose();
  ajv.addSchema(doc as unknown as object, BASE);
  ops = Object.entries(doc.paths).flatMap(([p, item]) =>
    Object.entries(item)
      .filter(([m]) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map(([method, op]) => ({ ...op, method, path: p, key: `${method.toUpperCase()} ${p}` })),
  );
  return ops;
}
