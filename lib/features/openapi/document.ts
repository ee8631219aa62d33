import "server-only";
import packageJson from "@/package.json";
import type { ApiOperation, OperationAccess } from "@/lib/auth/procedures/operation";
import { allOperations } from "@/lib/features/openapi/operations";
import { COMPONENT_SCHEMAS } from "@/lib/features/openapi/schemas/components";
import { componentRef, parameterSchemas, toJsonSchema, type JsonSchema } from "@/lib/features/openapi/jsonSchema";

/** The OpenAPI 3.1 document as plain JSON. */
export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  tags: { name: string }[];
  paths: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
};

const SIGNED_IN_SECURITY = [{ sessionCookie: [] }, { bearerToken: [] }];

const ACCESS_WORDING: Record<OperationAccess, string> = {
  public: "Anyone, without signing in.",
  signedIn: "Any signed-in user; data is limited to what the caller may see.",
  staffRead: "HR, admins and auditors.",
  staffWrite: "HR and admins.",
  financeRead: "Finance, HR, admins and auditors.",
  financeWrite: "Finance, HR and admins.",
  adminOnly: "Admins only.",
  adminOrAuditor: "Admins and auditors.",
  secondFactorPending:
    "Only a sign-in whose password was accepted and which still owes its second factor (session cookie).",
  enrolment:
    "A signed-in user (session cookie, not an API token), or a sign-in held at enrolment after the grace period.",
};

/** Builds the document from the operations; request schemas are the routes' own zod validators. */
export function buildOpenApiDocument(operations: readonly ApiOperation[] = allOperations): OpenApiDocument {
  const paths: OpenApiDocument["paths"] = {};
  for (const op of operations) {
    const item = (paths[op.path] ??= {});
    if (item[op.method]) throw new Error(`Two operations for ${op.method.toUpperCase()} ${op.path}`);
    item[op.method] = operationObject(op);
  }
  const schemas: Record<string, JsonSchema> = {};
  for (const [schema, name] of COMPONENT_SCHEMAS) schemas[name] = toJsonSchema(schema, "output", "inline");
  return {
    openapi: "3.1.0",
    info: {
      title: "Vesting Desk API",
      version: packageJson.version,
      description:
        "Restricted stock (STAR Market Class II) plans, grants, tranches, publicity and vesting. Errors always answer " +
        '{"error":{"code","message","details"}}; lists answer {"items":[...]}; money and ratios are decimal strings. ' +
        'Writes from another origin are refused (403 CROSS_ORIGIN). Long lists answer {"items","nextCursor"}: ' +
        "pass nextCursor back as ?cursor= for the next page (null on the last).\n\n" +
        SIGNING_IN +
        "\n\n" +
        IMPLICIT_STATUS_CHANGES,
    },
    tags: [...new Set(operations.flatMap((op) => op.tags))].sort().map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas,
      securitySchemes: {
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: "next-auth.session-token",
          description: "The browser session after signing in (named __Secure-next-auth.session-token behind HTTPS).",
        },
        bearerToken: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "vd_...",
          description: "An API token issued by an admin; it carries only the role it was issued with.",
        },
      },
    },
  };
}

/** How a client signs in: the two security schemes below, step by step. */
export const SIGNING_IN =
  "Signing in. Integrations use an API token: an admin issues it on /admin/tokens (or POST /api/v1/api-tokens) " +
  "with one role, and each request sends Authorization: Bearer vd_...; tokens cannot manage users or tokens. " +
  "A person signs in with next-auth: GET /api/auth/csrf for csrfToken, then POST /api/auth/callback/credentials " +
  "(form fields csrfToken, email, password) sets the session cookie. Staff (HR, admin, auditor, finance) then give " +
  "their second factor with POST /api/v1/auth/second-factor ({code} from the authenticator app, or a recovery code; " +
  "passkeys through the sign-in page); until then every other endpoint answers 401 SECOND_FACTOR_REQUIRED. " +
  "Sensitive operations ask for the factor again after 10 minutes (401 STEP_UP_REQUIRED, POST /api/v1/auth/step-up). " +
  "Wrong passwords are throttled per account and per address (429 with Retry-After).";

/** Plan statuses some operations change as a side effect, besides POST /api/v1/plans/{planId}/status. */
export const IMPLICIT_STATUS_CHANGES =
  "Plan status changes made by other operations: opening the first list's publicity " +
  "(POST /api/v1/plans/{planId}/publicity-periods) moves the plan from board_approved to publicity (a draft plan is " +
  "refused, 409 PLAN_NOT_BOARD_APPROVED); recording the verification opinion (POST /api/v1/plans/{planId}/verifications) " +
  "moves it from publicity to verified; the first grant (POST /api/v1/plans/{planId}/grants, batch first) moves it " +
  "from approved_by_general_meeting to granted. " +
  "Every other step (board_approved, approved_by_general_meeting, vesting, closed, expired) is set only explicitly " +
  "through POST /api/v1/plans/{planId}/status, one step at a time: a first grant is refused before the meeting's " +
  "approval is recorded (409 PLAN_STATUS).";

let built: OpenApiDocument | undefined;

/** The document, built once per process: it holds no personal data and changes only with the code. */
export function openApiDocument(): OpenApiDocument {
  built ??= buildOpenApiDocument();
  return built;
}

function operationObject(op: ApiOperation): JsonSchema {
  const parameters = [
    ...(op.params ? parameterSchemas(op.params).map((p) => ({ in: "path", ...p, required: true })) : []),
    ...(op.query ? parameterSchemas(op.query).map((p) => ({ in: "query", ...p })) : []),
  ];
  return {
    operationId: op.operationId,
    summary: op.summary,
    // sessionOnly: managing users and tokens takes a signed-in person, so a leaked token cannot make itself permanent.
    description: `Access: ${ACCESS_WORDING[op.access]}${op.sessionOnly ? " API tokens are refused (403 TOKEN_NOT_ALLOWED): this needs a signed-in session." : ""}${op.stepUp ? " Sensitive: the session must have given its second factor within 10 minutes, else 401 STEP_UP_REQUIRED (POST /api/v1/auth/step-up)." : ""}`,
    tags: op.tags,
    security: op.access === "public" ? [] : SIGNED_IN_SECURITY,
    "x-access": op.access,
    ...(op.stepUp ? { "x-step-up": true } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(requestBody(op) ?? {}),
    responses: responses(op),
  };
}

function requestBody(op: ApiOperation): { requestBody: JsonSchema } | null {
  const content: Record<string, JsonSchema> = {};
  let required = false;
  if (op.body) {
    const schema = toJsonSchema(op.body, "input");
    content["application/json"] = { schema };
    // A body whose fields are all optional may be left out entirely (e.g. a compensation without a description).
    required = Array.isArray(schema.required) && schema.required.length > 0;
  }
  if (op.bodyContentType) {
    content[op.bodyContentType] = { schema: { type: "object" } };
    required = true;
  }
  if (Object.keys(content).length === 0) return null;
  return { requestBody: { required, content } };
}

const errorContent = () => ({ "application/json": { schema: { $ref: componentRef("ErrorBody") } } });

function responses(op: ApiOperation): Record<string, JsonSchema> {
  const out: Record<string, JsonSchema> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    if (r.schema)
      out[status] = {
        description: r.description,
        content: { [r.contentType ?? "application/json"]: { schema: toJsonSchema(r.schema, "output") } },
      };
    else if (r.contentType) out[status] = { description: r.description, content: { [r.contentType]: {} } };
    else if (Number(status) >= 400) out[status] = { description: r.description, content: errorContent() };
    else out[status] = { description: r.description };
  }
  // The failures every door shares, unless the operation describes them itself.
  const shared: [string, boolean, string][] = [
    ["400", Boolean(op.body || op.query), "The request is not valid (BAD_REQUEST; the issues are in details)."],
    ["401", op.access !== "public", "Not signed in, or the session or token has ended (UNAUTHENTICATED)."],
    [
      "403",
      (op.access !== "public" && op.access !== "signedIn") || op.method !== "get",
      "The role does not allow this (FORBIDDEN), or a write came from another origin (CROSS_ORIGIN).",
    ],
  ];
  for (const [status, applies, description] of shared)
    if (applies && !out[status]) out[status] = { description, content: errorContent() };
  out.default = {
    description: "Any other failure: 500 INTERNAL, or 503 DATABASE_UNAVAILABLE while the database is out of reach.",
    content: errorContent(),
  };
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
