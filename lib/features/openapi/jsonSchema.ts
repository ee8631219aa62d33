import "server-only";
import { z } from "zod";
import { isoDate } from "@/lib/platform/validation/common";
import { COMPONENT_SCHEMAS } from "@/lib/features/openapi/schemas/components";

/** A JSON Schema (2020-12) object as embedded in the OpenAPI document. */
export type JsonSchema = Record<string, unknown>;

// Validators built from refinements have no JSON Schema shape of their own: these say what they accept.
const REFINED_FORMATS = new Map<z.ZodType, JsonSchema>([[isoDate, { format: "date" }]]);

/** Where a named component lives in the document. */
export const componentRef = (name: string) => `#/components/schemas/${name}`;

/**
 * The JSON Schema of a zod schema as the request side accepts it ("input") or the response side sends it
 * ("output"). Named components are replaced by a $ref wherever they are nested; `root` keeps the outer schema
 * itself inline, which is how the components section is written.
 */
export function toJsonSchema(
  schema: z.ZodType,
  io: "input" | "output",
  root: "inline" | "refIfComponent" = "refIfComponent",
): JsonSchema {
  const rootName = COMPONENT_SCHEMAS.get(schema);
  if (rootName && root === "refIfComponent") return { $ref: componentRef(rootName) };
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    override: ({ zodSchema, jsonSchema, path }) => {
      const target = jsonSchema as JsonSchema;
      const name = COMPONENT_SCHEMAS.get(zodSchema as unknown as z.ZodType);
      if (name && path.length > 0) {
        for (const key of Object.keys(target)) delete target[key];
        target.$ref = componentRef(name);
        return;
      }
      const format = REFINED_FORMATS.get(zodSchema as unknown as z.ZodType);
      if (format) Object.assign(target, format);
    },
  }) as JsonSchema;
  const { $schema: _dialect, ...rest } = json;
  // The document is one JSON Schema resource: local $defs would point at the wrong root once embedded.
  if ("$defs" in rest) throw new Error("A schema produced $defs; name the reused part in COMPONENT_SCHEMAS instead.");
  return rest;
}

/** One JSON Schema per property of a parameter object, with its required flag, for path and query parameters. */
export function parameterSchemas(
  schema: z.ZodObject,
): { name: string; required: boolean; schema: JsonSchema; description?: string }[] {
  const json = toJsonSchema(schema, "input", "inline");
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      required: required.has(name),
      schema: rest,
      ...(typeof description === "string" ? { description } : {}),
    };
  });
}
