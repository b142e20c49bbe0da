import { z } from "zod";
import { worstEffect } from "../operations/derive.js";
import { operations } from "../operations/index.js";
import { toolInputSchema } from "../operations/tool-input.js";
import type { AnyOperation } from "../operations/types.js";

/** Formats `tools()` can export. */
export const TOOL_FORMATS = ["anthropic", "openai", "openai-strict", "vercel-ai", "mcp", "json-schema"] as const;
export type ToolFormat = (typeof TOOL_FORMATS)[number];

type JsonSchema = Record<string, unknown>;

/** JSON Schema of a tool's input: top-level object, no `$schema`, no `$ref`. */
export function inputJsonSchema(op: AnyOperation): JsonSchema {
  return jsonSchemaOf(toolInputSchema(op), "input");
}

/** JSON Schema of an operation's success body (MCP `outputSchema`). */
export function outputJsonSchema(op: AnyOperation): JsonSchema {
  return jsonSchemaOf(op.output, "output");
}

function jsonSchemaOf(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any", reused: "inline" }) as JsonSchema;
  delete json.$schema;
  hoistDescriptions(json);
  return json;
}

/** `x.describe("…").nullable()` puts the description inside an anyOf branch; models read it on the property. */
function hoistDescriptions(json: JsonSchema): void {
  for (const prop of Object.values((json.properties ?? {}) as Record<string, JsonSchema>)) {
    if (prop.description !== undefined) continue;
    const branches = (prop.anyOf ?? prop.oneOf ?? []) as JsonSchema[];
    const described = branches.find((b) => typeof b?.description === "string");
    if (described) prop.description = described.description;
  }
}

/** MCP-style behaviour hints taken from the registry's effect. */
export function annotationsOf(op: AnyOperation) {
  const effect = worstEffect(op);
  return {
    title: op.title,
    readOnlyHint: effect === "read",
    destructiveHint: effect === "destructive",
    idempotentHint: op.idempotent,
    openWorldHint: true,
  };
}

/** Tool definitions of the given operations in one format. */
export function toolDefinitions(format: ToolFormat, ops: readonly AnyOperation[] = operations): unknown[] {
  return ops.map((op) => {
    const parameters = inputJsonSchema(op);
    switch (format) {
      case "anthropic":
        return { name: op.tool, description: op.description, input_schema: parameters };
      case "openai":
        return { type: "function", function: { name: op.tool, description: op.description, parameters } };
      case "openai-strict":
        return {
          type: "function",
          function: { name: op.tool, description: op.description, ...strictParameters(parameters) },
        };
      case "vercel-ai":
        return { name: op.tool, description: op.description, inputSchema: { jsonSchema: parameters } };
      case "mcp":
        return {
          name: op.tool,
          title: op.title,
          description: op.description,
          inputSchema: parameters,
          outputSchema: outputJsonSchema(op),
          annotations: annotationsOf(op),
        };
      case "json-schema":
        return {
          name: op.tool,
          title: op.title,
          description: op.description,
          effect: typeof op.effect === "function" ? "depends on arguments" : op.effect,
          input: parameters,
          output: outputJsonSchema(op),
        };
      default:
        throw new Error(`Unknown tool format ${JSON.stringify(format)}; use one of ${TOOL_FORMATS.join(", ")}.`);
    }
  });
}

/**
 * OpenAI strict mode: every property required (optional ones become nullable) and
 * `additionalProperties: false` on every object.
 */
function toStrict(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema)) return schema.map((s) => toStrict(s as JsonSchema)) as unknown as JsonSchema;
  if (!schema || typeof schema !== "object") return schema;
  const out: JsonSchema = {};
  for (const [k, v] of Object.entries(schema)) {
    // Strict mode knows anyOf but not oneOf; the registry's unions are disjoint, so they mean the same.
    out[k === "oneOf" ? "anyOf" : k] = v && typeof v === "object" ? toStrict(v as JsonSchema) : v;
  }
  if (out.type === "object" && out.properties && typeof out.properties === "object") {
    const props = out.properties as Record<string, JsonSchema>;
    const required = new Set((out.required as string[] | undefined) ?? []);
    for (const [name, prop] of Object.entries(props)) {
      if (!required.has(name)) props[name] = { anyOf: [prop, { type: "null" }], description: prop.description };
    }
    out.required = Object.keys(props);
    out.additionalProperties = false;
  }
  return out;
}


/**
 * Strict parameters, with `strict: true` only when strict mode can express them: a free-form map
 * (`additionalProperties` other than false, e.g. workspace tags) cannot be, and OpenAI refuses such
 * a tool outright in strict mode, so it is exported with `strict: false` instead.
 */
function strictParameters(parameters: JsonSchema): { parameters: JsonSchema; strict: boolean } {
  const strict = toStrict(parameters);
  return { parameters: strict, strict: !hasOpenObject(strict) };
}

function hasOpenObject(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(hasOpenObject);
  if (!node || typeof node !== "object") return false;
  const n = node as JsonSchema;
  if ((n.type === "object" || n.properties) && n.additionalProperties !== false) return true;
  return Object.values(n).some(hasOpenObject);
}
