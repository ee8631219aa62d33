import "server-only";
import type { z } from "zod";
import type { Database } from "@/db/client";
import { db } from "@/lib/platform/db";
import { notFound } from "@/lib/platform/errors/apiError";
import {
  PRIVATE_NO_STORE,
  assertSameOrigin,
  clientIp,
  errorResponse,
  jsonPrivate,
} from "@/lib/platform/http/apiResponse";
import { readJson } from "@/lib/platform/http/requestBody";
import type { SessionUser } from "@/lib/auth/session";
import { actorOf, type Actor } from "@/lib/auth/actor";
import { inRequestScope } from "@/lib/auth/requestScope";
import type { ApiOperation } from "./operation";
import { authorize } from "./authorize";
import { requireFreshProof } from "@/lib/auth/secondFactor/stepUp";

type Parsed<S, Otherwise> = S extends z.ZodType ? z.infer<S> : Otherwise;
type Caller<Op extends ApiOperation> = Op["access"] extends "public" | "secondFactorPending" | "enrolment"
  ? SessionUser | null
  : SessionUser;
/** An operation that also takes an upload (bodyContentType) has no parsed body when one came: the handler reads `req`. */
type Body<Op extends ApiOperation> = Op extends { bodyContentType: string }
  ? Parsed<Op["body"], undefined> | undefined
  : Parsed<Op["body"], undefined>;

/** What a route handler receives: the admitted caller and the request's parts, already validated. */
export interface RouteContext<Op extends ApiOperation, P> {
  req: Request;
  user: Caller<Op>;
  /** The caller as the audit trail names them (null for an anonymous caller of a public route). */
  actor: Op["access"] extends "public" | "secondFactorPending" | "enrolment" ? Actor | null : Actor;
  params: Parsed<Op["params"], Record<string, string>>;
  query: Parsed<Op["query"], Record<string, never>>;
  body: Body<Op>;
  /**
   * The database handle. A public route gets none: it reads no session, so it must not fail for want of a
   * database it does not need (openapi.json), and the health check reports an outage in its own shape.
   */
  db: Op["access"] extends "public" ? undefined : Database;
  /** The result of the spec's preload, started before the access check (see RouteSpec.preload). */
  preloaded: P;
}

/** A route is its operation (the contract the OpenAPI document shows) plus, optionally, how it reads the request. */
export type RouteSpec<Op extends ApiOperation, P> = Op & {
  /**
   * A read that authorizes itself and can travel in the same statement as the session check when it is
   * asked for first (a read model's tuning); its promise is awaited only after the access check passed.
   */
  preload?: () => Promise<P>;
  /** A blank body reads as {} (then validated): for a write whose body fields are all optional. */
  optionalBody?: boolean;
  /** The longest JSON body accepted, in characters (default MAX_JSON_BYTES), e.g. for a base64 attachment. */
  maxBodyChars?: number;
  /** "badRequest": a malformed path parameter answers 400 with the schema's issues rather than 404. */
  invalidParams?: "notFound" | "badRequest";
};

/**
 * The one way into an /api/v1 route: same-origin check for writes → session and role by the operation's
 * access → path parameters (a malformed id is 404, like a missing one) → query → JSON body by the
 * operation's own zod schemas → handler → every failure mapped to the JSON error shape. A handler returning
 * a value (not a Response) answers it as private JSON with the operation's first success status.
 */
export function route<const Op extends ApiOperation, P = undefined>(
  spec: RouteSpec<Op, P>,
  handler: (ctx: RouteContext<Op, P>) => Promise<unknown>,
) {
  return (req: Request, segment: { params: Promise<Record<string, string | string[]>> }): Promise<Response> =>
    inRequestScope(async () => {
      try {
        assertSameOrigin(req);
        const preload = spec.preload?.();
        preload?.catch(() => undefined);
        const user = await authorize(spec.access, spec.sessionOnly);
        if (spec.stepUp && user) await requireFreshProof(await db(), user);
        const params = pathParams(spec, (await segment?.params) ?? {});
        const query = spec.query ? spec.query.parse(Object.fromEntries(new URL(req.url).searchParams)) : {};
        const body =
          spec.body && !isUpload(spec, req)
            ? spec.body.parse(await readJson(req, { maxChars: spec.maxBodyChars, emptyAsObject: spec.optionalBody }))
            : undefined;
        const ctx = {
          req,
          user,
          actor: user ? actorOf(user, clientIp(req)) : null,
          params,
          query,
          body,
          db: spec.access === "public" ? undefined : await db(),
          preloaded: preload ? await preload : undefined,
        } as RouteContext<Op, P>;
        const result = await handler(ctx);
        if (result instanceof Response) return result;
        const status = successStatus(spec);
        return status === 204 ? new Response(null, { status, headers: PRIVATE_NO_STORE }) : jsonPrivate(result, status);
      } catch (e) {
        return errorResponse(e);
      }
    });
}

function pathParams(spec: RouteSpec<ApiOperation, unknown>, raw: Record<string, string | string[]>): unknown {
  if (!spec.params) return raw;
  if (spec.invalidParams === "badRequest") return spec.params.parse(raw);
  const parsed = spec.params.safeParse(raw);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/** A multipart (or other non-JSON) body the operation accepts besides JSON: left to the handler. */
function isUpload(spec: ApiOperation, req: Request): boolean {
  return Boolean(
    spec.bodyContentType && (req.headers.get("content-type") ?? "").toLowerCase().startsWith(spec.bodyContentType),
  );
}

function successStatus(op: ApiOperation): number {
  return (
    Object.keys(op.responses)
      .map(Number)
      .filter((s) => s >= 200 && s < 300)
      .sort()[0] ?? 200
  );
}
