import { z } from "zod";
import { worstEffect } from "./derive.js";
import { operations } from "./index.js";
import type { AnyOperation } from "./types.js";

/** Default and ceiling of `max_items` when walking every page. */
export const DEFAULT_MAX_ITEMS = 10_000;

/** Toolkit-only fields a tool accepts beside the API's input, by what the operation can do. */
function controlFields(op: AnyOperation): z.ZodRawShape {
  const fields: Record<string, z.ZodType> = {};
  if (op.pagination) {
    fields.all = z.boolean().optional().describe("Walk every page and return all items (bounded by max_items).");
    fields.max_items = z
      .number()
      .int()
      .min(1)
      .max(1_000_000)
      .optional()
      .describe(`With all: stop after this many items (default ${DEFAULT_MAX_ITEMS}); the result says when it was truncated.`);
  }
  const effect = worstEffect(op);
  if (effect === "destructive") {
    fields.confirm = z
      .boolean()
      .optional()
      .describe("Set true to carry out this destructive, irreversible call; without it you get a preview of the effect.");
  }
  if (effect !== "read") {
    fields.dry_run = z.boolean().optional().describe("Return the exact HTTP request that would be sent, without sending it.");
  }
  return fields;
}

/** Names of the toolkit-only fields, which never go on the wire. */
export const CONTROL_FIELDS = ["all", "max_items", "confirm", "dry_run"] as const;

const toolInputs = new Map(
  operations.map((op) => [op.tool, op.input.extend(controlFields(op)).strict()] as const),
);

/** The input schema a tool exposes: the API's input plus control fields, unknown fields refused. */
export function toolInputSchema(op: AnyOperation): z.ZodObject<z.ZodRawShape> {
  const schema = toolInputs.get(op.tool);
  if (!schema) throw new Error(`No tool input schema for ${op.tool}`);
  return schema;
}
