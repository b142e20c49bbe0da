import type { z } from "zod";
import type { DriftFinding } from "./context.js";

/** zod 4 internals (`_zod.def`) are untyped across schema kinds. */
type Def = any;
/** Collects one finding; returns undefined so walkers can `return add(...)`. */
type Add = (f: DriftFinding) => undefined;

/** Most findings reported for one body: a badly drifted list should not flood the result. */
const MAX_FINDINGS = 50;

/**
 * Compares a response body with an output schema, tolerantly: walks the schema's shape beside the
 * data and reports unknown fields (in objects that are not declared open), unknown enum or
 * literal values, missing required fields and retyped fields. Array elements share one path
 * (`data[].name`), so each drift is reported once however many items carry it.
 */
export function findDrift(schema: z.ZodType, data: unknown): DriftFinding[] {
  const found = new Map<string, DriftFinding>();
  const add: Add = (f) => {
    const id = `${f.kind} ${f.path}`;
    if (!found.has(id) && found.size < MAX_FINDINGS) found.set(id, f);
  };
  walk(schema, data, "", add);
  return [...found.values()];
}

function walk(schema: z.ZodType, data: unknown, path: string, add: Add): undefined {
  const def: Def = (schema as Def)._zod?.def;
  if (!def) return;
  switch (def.type) {
    case "optional":
      if (data === undefined) return;
      return walk(def.innerType, data, path, add);
    case "nullable":
      if (data === null) return;
      return walk(def.innerType, data, path, add);
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return walk(def.innerType, data, path, add);
    case "lazy":
      return walk(def.getter(), data, path, add);
    case "pipe":
      return walk(def.in, data, path, add);
    case "object":
      return walkObject(def, data, path, add);
    case "array":
      if (!Array.isArray(data)) return add(wrongType(path, "an array", data));
      for (const item of data) walk(def.element, item, `${path}[]`, add);
      return;
    case "record":
      if (!isPlainObject(data)) return add(wrongType(path, "an object", data));
      for (const [k, v] of Object.entries(data)) walk(def.valueType, v, join(path, k), add);
      return;
    case "union":
      return walkUnion(def, data, path, add);
    case "enum":
    case "literal": {
      const values: unknown[] = def.type === "enum" ? Object.values(def.entries) : def.values;
      if (values.includes(data)) return;
      if (data === undefined) return add({ kind: "missing_field", path, detail: "required field is missing" });
      if (typeof data === typeof values[0]) return add({ kind: "unknown_enum_value", path, detail: `new value ${short(data)} (known: ${values.map((v) => JSON.stringify(v)).join(", ")})` });
      return add(wrongType(path, `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`, data));
    }
    case "string":
    case "number":
    case "boolean":
    case "bigint":
      if (data === undefined) return add({ kind: "missing_field", path, detail: "required field is missing" });
      if (typeof data !== def.type || (def.type === "number" && !Number.isFinite(data))) return add(wrongType(path, `a ${def.type}`, data));
      return;
    case "null":
      if (data !== null) add(wrongType(path, "null", data));
      return;
    case "unknown":
    case "any":
      return;
    default:
      // Kinds we do not walk (dates, custom checks): fall back to the schema's own verdict.
      if (!schema.safeParse(data).success) add(wrongType(path, `a valid ${def.type}`, data));
  }
}

function walkObject(def: Def, data: unknown, path: string, add: Add): undefined {
  if (!isPlainObject(data)) {
    if (data === undefined) return add({ kind: "missing_field", path, detail: "required field is missing" });
    return add(wrongType(path, "an object", data));
  }
  const shape: Record<string, z.ZodType> = def.shape;
  for (const [key, field] of Object.entries(shape)) {
    const value = data[key];
    if (value === undefined) {
      if (!acceptsMissing(field)) add({ kind: "missing_field", path: join(path, key), detail: "required field is missing" });
      continue;
    }
    walk(field, value, join(path, key), add);
  }
  // `looseObject` (catchall unknown) declares the object open: extra fields there are expected.
  const open = def.catchall && ["unknown", "any"].includes(def.catchall._zod.def.type);
  if (open) return;
  for (const key of Object.keys(data)) {
    if (!(key in shape)) add({ kind: "unknown_field", path: join(path, key), detail: `undocumented field (${describe(data[key])})` });
  }
}

function walkUnion(def: Def, data: unknown, path: string, add: Add): undefined {
  const options: z.ZodType[] = def.options;
  const match = options.find((o) => o.safeParse(data).success);
  if (match) return walk(match, data, path, add); // still look for unknown fields inside the match
  // A tagged shape with a new tag (a new content block type) is a new enum value, not a broken type.
  if (isPlainObject(data) && typeof data.type === "string") {
    const tagged = options.find((o) => literalOf(o, "type") === data.type);
    if (tagged) return walk(tagged, data, path, add);
    if (options.some((o) => literalOf(o, "type") !== undefined)) {
      return add({ kind: "unknown_enum_value", path: join(path, "type"), detail: `new variant ${short(data.type)}` });
    }
  }
  const literals = options.flatMap((o) => {
    const d: Def = (o as Def)._zod?.def;
    return d?.type === "literal" ? d.values : d?.type === "enum" ? Object.values(d.entries) : [];
  });
  if (literals.length === options.length && typeof data === "string") {
    return add({ kind: "unknown_enum_value", path, detail: `new value ${short(data)}` });
  }
  if (data === undefined) return add({ kind: "missing_field", path, detail: "required field is missing" });
  add(wrongType(path, "one of the documented shapes", data));
}

function literalOf(schema: z.ZodType, key: string): unknown {
  const def: Def = (schema as Def)._zod?.def;
  if (def?.type !== "object") return undefined;
  const field: Def = def.shape[key]?._zod?.def;
  return field?.type === "literal" && field.values.length === 1 ? field.values[0] : undefined;
}

function acceptsMissing(field: z.ZodType): boolean {
  const z4 = (field as Def)._zod;
  return Boolean(z4?.optin || z4?.optout);
}

function wrongType(path: string, expected: string, data: unknown) {
  return { kind: "wrong_type" as const, path, detail: `expected ${expected}, received ${describe(data)}` };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** An enum-like value, cut short so a misplaced long text is not copied whole. */
function short(v: unknown): string {
  const text = JSON.stringify(v) ?? String(v);
  return text.length > 60 ? `${text.slice(0, 57)}…"` : text;
}

/** A value's kind only: drift details never copy response values (they may be personal data). */
function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}
