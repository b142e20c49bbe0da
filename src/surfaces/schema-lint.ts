import { TOOL_FORMATS, type ToolFormat } from "./tools.js";

/** One rule a tool definition breaks. */
export interface LintIssue {
  tool: string;
  format: ToolFormat;
  /** Where in the definition: `name`, `input`, `input.properties.limit`, `output.$ref`… */
  where: string;
  rule: "name" | "top_level_type" | "top_level_combinator" | "ref" | "description" | "shape" | "strict";
  message: string;
}

const NAME = /^[a-zA-Z0-9_-]+$/;
const COMBINATORS = ["oneOf", "anyOf", "allOf"] as const;

type Json = Record<string, unknown>;

/** A definition split into the parts every framework has: name, description, input and (MCP) output schema. */
interface Parts {
  name: unknown;
  description: unknown;
  input: unknown;
  output?: unknown;
}

function partsOf(format: ToolFormat, def: Json): Parts {
  switch (format) {
    case "anthropic":
      return { name: def.name, description: def.description, input: def.input_schema };
    case "openai":
    case "openai-strict": {
      const fn = (def.function ?? {}) as Json;
      return { name: fn.name, description: fn.description, input: fn.parameters };
    }
    case "vercel-ai":
      return { name: def.name, description: def.description, input: (def.inputSchema as Json | undefined)?.jsonSchema };
    case "mcp":
      return { name: def.name, description: def.description, input: def.inputSchema, output: def.outputSchema };
    case "json-schema":
      return { name: def.name, description: def.description, input: def.input, output: def.output };
  }
}

/**
 * Checks tool definitions of one export format against the rules every agent framework
 * accepts: names ≤ 64 characters of `[a-zA-Z0-9_-]`, a description, input schemas with
 * top-level `type: "object"`, no top-level `oneOf`/`anyOf`/`allOf`, no `$ref` anywhere,
 * and a description on every top-level property (the fields a model fills in).
 * Output schemas (MCP `outputSchema`) must be objects without `$ref`. Tools exported with
 * `strict: true` (openai-strict) must also meet OpenAI's strict-mode rules.
 */
export function lintToolDefinitions(format: ToolFormat, definitions: readonly unknown[]): LintIssue[] {
  if (!(TOOL_FORMATS as readonly string[]).includes(format)) throw new Error(`Unknown tool format ${format}`);
  const issues: LintIssue[] = [];
  for (const raw of definitions) {
    const def = (raw ?? {}) as Json;
    const parts = partsOf(format, def);
    const tool = typeof parts.name === "string" ? parts.name : "(unnamed)";
    const add = (where: string, rule: LintIssue["rule"], message: string) =>
      issues.push({ tool, format, where, rule, message });

    if (typeof parts.name !== "string" || !NAME.test(parts.name) || parts.name.length > 64) {
      add("name", "name", `name must be 1-64 characters of [a-zA-Z0-9_-], got ${JSON.stringify(parts.name)}`);
    }
    if (typeof parts.description !== "string" || parts.description.trim() === "") {
      add("description", "description", "the tool has no description");
    }
    lintObjectSchema(parts.input, "input", add, true);
    if (format === "openai-strict" && ((def.function ?? {}) as Json).strict === true) lintStrict(parts.input, "input", add);
    if (format === "mcp" || format === "json-schema") lintObjectSchema(parts.output, "output", add, false);
  }
  return issues;
}

function lintObjectSchema(
  schema: unknown,
  where: string,
  add: (where: string, rule: LintIssue["rule"], message: string) => void,
  describedProperties: boolean,
): void {
  if (!schema || typeof schema !== "object" || Array.isArray(schema)) {
    add(where, "shape", `${where} schema is missing or not an object`);
    return;
  }
  const json = schema as Json;
  if (json.type !== "object") add(`${where}.type`, "top_level_type", `${where} schema must have top-level type "object"`);
  for (const c of COMBINATORS) {
    if (c in json) add(`${where}.${c}`, "top_level_combinator", `${where} schema must not use ${c} at the top level`);
  }
  for (const path of refPaths(json, where)) add(path, "ref", `$ref is not allowed (found at ${path})`);
  if (!describedProperties) return;
  const props = (json.properties ?? {}) as Record<string, unknown>;
  for (const [name, prop] of Object.entries(props)) {
    const description = (prop as Json | undefined)?.description;
    if (typeof description !== "string" || description.trim() === "") {
      add(`${where}.properties.${name}`, "description", `property "${name}" has no description`);
    }
  }
}

/**
 * OpenAI strict mode: every object closed (`additionalProperties: false`) with every property
 * required, and no `oneOf`/`allOf`/`not` anywhere (it knows only `anyOf`).
 */
function lintStrict(value: unknown, path: string, add: (where: string, rule: LintIssue["rule"], message: string) => void): void {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) lintStrict(v, `${path}[${i}]`, add);
    return;
  }
  if (!value || typeof value !== "object") return;
  const node = value as Json;
  if (node.type === "object" || node.properties) {
    if (node.additionalProperties !== false) add(path, "strict", `strict mode needs additionalProperties: false at ${path}`);
    const required = new Set((node.required as string[] | undefined) ?? []);
    const missing = Object.keys((node.properties ?? {}) as Json).filter((k) => !required.has(k));
    if (missing.length > 0) add(path, "strict", `strict mode needs every property required at ${path}: ${missing.join(", ")}`);
  }
  for (const c of ["oneOf", "allOf", "not"]) if (c in node) add(`${path}.${c}`, "strict", `strict mode does not support ${c} (at ${path})`);
  for (const [k, v] of Object.entries(node)) if (k !== "properties") lintStrict(v, `${path}.${k}`, add);
  for (const [k, v] of Object.entries((node.properties ?? {}) as Json)) lintStrict(v, `${path}.properties.${k}`, add);
}

function refPaths(value: unknown, path: string, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) refPaths(v, `${path}[${i}]`, found);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      if (k === "$ref") found.push(`${path}.$ref`);
      else refPaths(v, `${path}.${k}`, found);
    }
  }
  return found;
}
