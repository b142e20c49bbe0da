import type { z } from "zod";
import { unwrapSchema } from "../operations/schema-wrappers.js";
import { CONTROL_FIELDS, toolInputSchema } from "../operations/tool-input.js";
import { pathParams } from "../operations/derive.js";
import type { CallContext, CallControl, Step } from "./context.js";
import { type InputIssue, ToolkitError } from "./errors.js";
import { checkModelId, rememberModelList } from "./model-ids.js";

/** Checks input against the tool's schema before anything is sent; one issue per bad field. */
export const validateInput: Step = async (ctx, next) => {
  const schema = toolInputSchema(ctx.op);
  const raw = dropUnacceptedNulls(schema, ctx.raw ?? {});
  const parsed = schema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.map(toIssue);
    throw new ToolkitError({
      type: "invalid_input",
      message: `Invalid input for ${ctx.op.tool}: ${issues.map((i) => `${i.path || "(input)"}: ${i.message}`).join("; ")}`,
      issues,
      retryable: false,
      hint: "Fix the named fields and call again; nothing was sent.",
    });
  }
  const control: CallControl = {};
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(parsed.data as Record<string, unknown>)) {
    if ((CONTROL_FIELDS as readonly string[]).includes(k)) (control as Record<string, unknown>)[k] = v;
    else input[k] = v;
  }
  ctx.input = input;
  ctx.control = { ...ctx.control, ...control };
  refuseKeysInPath(ctx);
  await checkModelId(ctx);
  const startedWithCursor = input.before_id !== undefined || input.after_id !== undefined;
  await next();
  rememberModelList(ctx, startedWithCursor);
};

/**
 * A secret key pasted where an id belongs (`api_key_id: "sk-ant-…"`) would travel in the URL and
 * land in server and proxy logs: refuse it before sending.
 */
function refuseKeysInPath(ctx: CallContext): void {
  for (const name of pathParams(ctx.op)) {
    const value = ctx.input[name];
    if (typeof value !== "string" || !/sk-ant-/.test(value)) continue;
    throw new ToolkitError({
      type: "invalid_input",
      message: `Invalid input for ${ctx.op.tool}: ${name} looks like a secret API key, not an id. Nothing was sent.`,
      issues: [{ path: name, expected: "an object id (such as apikey_…)", received: "a secret key (redacted)", message: "looks like a secret key" }],
      retryable: false,
      hint: "Pass the id from a LIST call, never the key itself; consider rotating a key that was pasted into a prompt.",
    });
  }
}

/**
 * OpenAI strict mode (`tools("openai-strict")`) makes every optional field required and nullable,
 * so strict models send `null` for each field they do not use. Such a null means "absent": it is
 * dropped wherever the field is optional and does not itself accept null, at every depth (nested
 * objects, arrays of objects, union branches). Where the schema accepts null (`name: null` may
 * mean "clear"), and on required fields, the null stays for the schema to judge.
 */
export function dropUnacceptedNulls(schema: z.ZodType, value: unknown): unknown {
  if (!value || typeof value !== "object") return value;
  const s = unwrapSchema(schema);
  const def = s._zod.def as { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; options?: z.ZodType[] };
  if (def.type === "object" && def.shape && !Array.isArray(value)) return dropInObject(def.shape, value as Record<string, unknown>);
  if (def.type === "array" && def.element && Array.isArray(value)) {
    const element = def.element;
    return value.map((v) => dropUnacceptedNulls(element, v));
  }
  if (def.type === "union" && def.options) {
    // A value one branch already takes stays as it is; otherwise the first branch it fits once
    // its nulls are dropped wins, and when none fits the value is left for the schema to report.
    if (s.safeParse(value).success) return value;
    for (const option of def.options) {
      const candidate = dropUnacceptedNulls(option, value);
      if (candidate !== value && option.safeParse(candidate).success) return candidate;
    }
  }
  return value;
}

function dropInObject(shape: Record<string, z.ZodType>, value: Record<string, unknown>): Record<string, unknown> {
  const kept: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(value)) {
    // Own fields only (`toString` is no field), and unknown fields stay so the strict schema names them.
    const field = Object.hasOwn(shape, k) ? shape[k] : undefined;
    if (!field) kept.push([k, v]);
    else if (v === null && !field.safeParse(null).success && field.safeParse(undefined).success) continue;
    else kept.push([k, dropUnacceptedNulls(field, v)]);
  }
  // fromEntries keeps a `__proto__` key as a plain own field (for the schema to refuse), never a prototype.
  return Object.fromEntries(kept);
}

function toIssue(issue: z.core.$ZodIssue): InputIssue {
  const path = issue.path.map(String).join(".");
  const received = describe((issue as { input?: unknown }).input);
  let expected = "a valid value";
  let message = issue.message;
  switch (issue.code) {
    case "invalid_type":
      expected = issue.expected;
      message = received === "missing" ? `required field is missing (expected ${expected})` : `expected ${expected}, received ${received}`;
      break;
    case "invalid_value":
      expected = `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
      message = `expected ${expected}, received ${received}`;
      break;
    case "unrecognized_keys":
      expected = "only documented fields";
      message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
      return { path: path || issue.keys.join(","), expected, received: issue.keys.join(", "), message };
    case "too_small":
    case "too_big": {
      const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
      const word = issue.code === "too_small" ? "at least" : "at most";
      expected = `${word} ${String(bound)}${issue.origin === "array" ? " items" : issue.origin === "string" ? " characters" : ""}`;
      message = `expected ${expected}, received ${received}`;
      break;
    }
    case "invalid_format":
      expected = `a string in ${issue.format} format`;
      break;
    case "invalid_union":
      expected = "one of the documented shapes";
      message = `matches none of the documented shapes (received ${received})`;
      break;
  }
  return { path, expected, received, message };
}

/** A short description of a received value; strings are cut so no long secret-like text is echoed. */
function describe(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (typeof value === "string") return value.length > 40 ? `string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === "object") return "object";
  return `${typeof value} ${String(value)}`;
}
