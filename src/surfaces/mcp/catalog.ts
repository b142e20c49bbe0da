import { worstEffect } from "../../operations/derive.js";
import type { AnyOperation } from "../../operations/types.js";
import type { Toolkit } from "../toolkit.js";
import { toolDefinitions } from "../tools.js";

type Json = Record<string, unknown>;

/** One tool as `tools/list` shows it. */
export interface McpTool {
  [key: string]: unknown;
  name: string;
  title?: string;
  description?: string;
  inputSchema: Json & { type: "object" };
  outputSchema?: Json & { type: "object" };
  annotations?: Json;
}

/** The tools a server exposes, computed once per toolkit (JSON Schema generation is not free). */
export interface McpCatalog {
  tools: McpTool[];
  /** Names callable under the toolkit's policy. */
  names: Set<string>;
}

/**
 * Builds the MCP tool list from the toolkit's operations (already filtered by its policy).
 * Output schemas are loosened in two ways a client validating `structuredContent` needs:
 * `additionalProperties: false` is dropped (the API adds fields over time and tolerant drift
 * passes them through), and tools that accept `dry_run` get optional `dry_run` and `request`
 * properties with their top-level `required` dropped, since a dry run answers with the request.
 */
export function buildCatalog(toolkit: Pick<Toolkit, "operations">): McpCatalog {
  const ops = toolkit.operations();
  const defs = toolDefinitions("mcp", ops) as McpTool[];
  const tools = defs.map((def, i) => ({ ...def, outputSchema: looseOutput(def.outputSchema, ops[i]) }));
  return { tools, names: new Set(tools.map((t) => t.name)) };
}

function looseOutput(schema: McpTool["outputSchema"], op: AnyOperation): McpTool["outputSchema"] {
  if (!schema) return schema;
  const loose = dropClosedObjects(schema) as Json & { type: "object" };
  if (worstEffect(op) !== "read") {
    delete loose.required;
    loose.properties = {
      dry_run: { type: "boolean", description: "True when the call was a dry run: nothing was sent." },
      request: { type: "object", description: "Dry runs only: the exact HTTP request that would have been sent." },
      ...((loose.properties as Json | undefined) ?? {}),
    };
  }
  return loose;
}

function dropClosedObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropClosedObjects);
  if (!value || typeof value !== "object") return value;
  const out: Json = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === "additionalProperties" && v === false) continue;
    out[k] = dropClosedObjects(v);
  }
  return out;
}
