import type { z } from "zod";
import { wrapperChain } from "../../operations/schema-wrappers.js";

/** How a CLI flag's text turns into an input value. */
export type FieldKind = "string" | "number" | "boolean" | "enum" | "string-list" | "number-list" | "json" | "json-or-string";

/** One input field of an operation as the CLI sees it. */
export interface CliField {
  /** Wire name, snake_case. */
  name: string;
  /** Flag name without dashes, kebab-case: `max-tokens`. */
  flag: string;
  kind: FieldKind;
  required: boolean;
  description: string;
  /** Allowed values of an enum or an enum list. */
  choices?: string[];
}

type Def = { type: string; element?: z.ZodType; options?: z.ZodType[]; entries?: Record<string, string> };

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strips wrappers, collecting the first description met on the way. */
function unwrap(schema: z.ZodType): { base: z.ZodType; description?: string } {
  const chain = wrapperChain(schema);
  return { base: chain[chain.length - 1], description: chain.find((s) => s.description)?.description };
}

function enumValues(schema: z.ZodType): string[] | undefined {
  const def = defOf(schema);
  if (def.type === "enum" && def.entries) return Object.values(def.entries).map(String);
  return undefined;
}

/** Whether a schema accepts a plain string (so a value that is not JSON can pass as text). */
function acceptsString(schema: z.ZodType): boolean {
  const def = defOf(unwrap(schema).base);
  if (def.type === "string") return true;
  if (def.type === "union") return (def.options ?? []).some(acceptsString);
  return false;
}

/** Classifies one zod field for flag parsing and help. */
export function describeField(name: string, schema: z.ZodType): CliField {
  const { base, description } = unwrap(schema);
  const def = defOf(base);
  const required = !schema.isOptional();
  const field: CliField = { name, flag: name.replace(/_/g, "-"), kind: "json", required, description: description ?? "" };
  switch (def.type) {
    case "string":
      field.kind = "string";
      break;
    case "number":
    case "int":
      field.kind = "number";
      break;
    case "boolean":
      field.kind = "boolean";
      break;
    case "enum":
      field.kind = "enum";
      field.choices = enumValues(base);
      break;
    case "array": {
      const item = def.element ? unwrap(def.element).base : undefined;
      const itemType = item ? defOf(item).type : "unknown";
      if (itemType === "string") field.kind = "string-list";
      else if (itemType === "enum" && item) {
        field.kind = "string-list";
        field.choices = enumValues(item);
      } else if (itemType === "number") field.kind = "number-list";
      break;
    }
    case "union":
      if (acceptsString(base)) field.kind = "json-or-string";
      break;
  }
  return field;
}

/** The CLI fields of an input object schema, in declaration order. */
export function cliFields(input: z.ZodObject<z.ZodRawShape>): CliField[] {
  return Object.entries(input.shape).map(([name, schema]) => describeField(name, schema as z.ZodType));
}

/**
 * Parses one flag value by kind. Values that do not parse are passed through as text so the
 * Verifier's input check names the field and what it received.
 */
export function parseValue(field: CliField, raw: string, previous: unknown): unknown {
  switch (field.kind) {
    case "number": {
      const n = Number(raw);
      return raw.trim() !== "" && Number.isFinite(n) ? n : raw;
    }
    case "string-list":
    case "number-list": {
      const items = raw
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
        .map((s) => (field.kind === "number-list" && Number.isFinite(Number(s)) ? Number(s) : s));
      return [...(Array.isArray(previous) ? previous : []), ...items];
    }
    case "json":
      return parseJson(field, raw);
    case "json-or-string": {
      const t = raw.trim();
      if (t.startsWith("{") || t.startsWith("[")) return parseJson(field, raw);
      return raw;
    }
    default:
      return raw;
  }
}

/** A flag value that should have been JSON and was not. */
export class FlagValueError extends Error {
  constructor(
    readonly flag: string,
    message: string,
  ) {
    super(message);
  }
}

function parseJson(field: CliField, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch (err) {
    throw new FlagValueError(
      field.flag,
      `--${field.flag}: expected JSON (${(err as Error).message.split("\n")[0]}), received ${raw.length > 40 ? `${raw.length} characters` : JSON.stringify(raw)}`,
    );
  }
}

/** Whether help shows an enum's values in the placeholder (short lists) rather than the description. */
export function choicesInPlaceholder(field: CliField): boolean {
  return !!field.choices && field.kind === "enum" && field.choices.join("|").length <= 32;
}

/** Short value placeholder for help: `<number>`, `<admin|developer>`, `<json>`. */
export function placeholder(field: CliField): string {
  if (choicesInPlaceholder(field) && field.choices) return `<${field.choices.join("|")}>`;
  switch (field.kind) {
    case "number":
      return "<n>";
    case "number-list":
      return "<n,...>";
    case "string-list":
      return "<value,...>";
    case "json":
      return "<json>";
    case "json-or-string":
      return "<text|json>";
    default:
      return "<value>";
  }
}
