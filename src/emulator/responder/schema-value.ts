import { exampleForPattern } from "./regex-example.js";

/**
 * Builds a small value that satisfies a JSON Schema, so a forced tool call's `input` validates
 * against the tool's `input_schema`. Covers what tool schemas use in practice: type (or a list
 * of types), const, enum, default, required properties, nested objects and arrays (minItems,
 * prefixItems), string length and common formats, numeric bounds and multipleOf, anyOf/oneOf
 * (first branch), allOf (merged) and local `$ref`s.
 */
type Schema = Record<string, any>;

const MAX_DEPTH = 12;

/** A minimal value valid against `schema` (only required properties are filled in). */
export function exampleFromSchema(schema: unknown, root: unknown = schema): unknown {
  return build(asSchema(schema), asSchema(root), 0);
}

function asSchema(s: unknown): Schema {
  return s && typeof s === "object" && !Array.isArray(s) ? (s as Schema) : {};
}

function build(schema: Schema, root: Schema, depth: number): unknown {
  if (depth > MAX_DEPTH) return null;
  if (typeof schema.$ref === "string") return build(resolveRef(schema.$ref, root), root, depth + 1);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  if (Array.isArray(schema.allOf) && schema.allOf.length) return build(mergeAll(schema, root), root, depth + 1);
  const branches = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(branches) && branches.length) {
    const { anyOf: _a, oneOf: _o, ...rest } = schema;
    return build({ ...rest, ...asSchema(branches.find((b: Schema) => b?.type !== "null") ?? branches[0]) }, root, depth + 1);
  }
  if ("default" in schema) return schema.default;
  switch (pickType(schema)) {
    case "object":
      return buildObject(schema, root, depth);
    case "array":
      return buildArray(schema, root, depth);
    case "string":
      return buildString(schema);
    case "integer":
      return buildNumber(schema, true);
    case "number":
      return buildNumber(schema, false);
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return {};
  }
}

function pickType(schema: Schema): string | undefined {
  const t = schema.type;
  if (Array.isArray(t)) return t.find((x) => x !== "null") ?? t[0];
  if (typeof t === "string") return t;
  if (schema.properties || schema.required) return "object";
  if (schema.items || schema.prefixItems) return "array";
  return undefined;
}

function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith("#")) return {};
  let cur: unknown = root;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    cur = cur && typeof cur === "object" ? (cur as Schema)[key] : undefined;
  }
  return asSchema(cur);
}

function mergeAll(schema: Schema, root: Schema): Schema {
  const { allOf, ...rest } = schema;
  const merged: Schema = { ...rest };
  for (const part of allOf as unknown[]) {
    let p = asSchema(part);
    if (typeof p.$ref === "string") p = resolveRef(p.$ref, root);
    for (const [k, v] of Object.entries(p)) {
      if (k === "properties") merged.properties = { ...merged.properties, ...v };
      else if (k === "required") merged.required = [...new Set([...(merged.required ?? []), ...(v as string[])])];
      else if (!(k in merged)) merged[k] = v;
    }
  }
  return merged;
}

function buildObject(schema: Schema, root: Schema, depth: number): Record<string, unknown> {
  const props = asSchema(schema.properties);
  const out: Record<string, unknown> = {};
  const names: string[] = Array.isArray(schema.required) ? [...schema.required] : [];
  // minProperties may ask for more than the required ones.
  const min = typeof schema.minProperties === "number" ? schema.minProperties : 0;
  for (const name of Object.keys(props)) if (names.length < min && !names.includes(name)) names.push(name);
  for (const name of names) {
    const sub = name in props ? props[name] : typeof schema.additionalProperties === "object" ? schema.additionalProperties : {};
    out[name] = build(asSchema(sub), root, depth + 1);
  }
  return out;
}

function buildArray(schema: Schema, root: Schema, depth: number): unknown[] {
  const prefix: unknown[] = Array.isArray(schema.prefixItems) ? schema.prefixItems : Array.isArray(schema.items) ? schema.items : [];
  const min = typeof schema.minItems === "number" ? schema.minItems : 0;
  const out = prefix.map((p) => build(asSchema(p), root, depth + 1));
  const item = asSchema(Array.isArray(schema.items) ? schema.additionalItems : schema.items);
  for (let i = out.length; i < min; i++) {
    // Distinct values where an enum allows it, so uniqueItems holds.
    out.push(Array.isArray(item.enum) && item.enum.length > i ? item.enum[i] : build(item, root, depth + 1));
  }
  return out;
}

const FORMATS: Record<string, string> = {
  email: "user@example.com",
  "idn-email": "user@example.com",
  "date-time": "2026-01-01T00:00:00Z",
  date: "2026-01-01",
  time: "00:00:00Z",
  uri: "https://example.com",
  url: "https://example.com",
  "uri-reference": "https://example.com",
  uuid: "00000000-0000-4000-8000-000000000000",
  hostname: "example.com",
  ipv4: "127.0.0.1",
  ipv6: "::1",
  duration: "P1D",
};

const PATTERN_CANDIDATES = ["example", "a", "A", "0", "1", "abc", "ABC", "a1", "example_1", "x-1", "2026-01-01", "user@example.com", "https://example.com", ""];

function buildString(schema: Schema): string {
  let s = (typeof schema.format === "string" && FORMATS[schema.format]) || "example";
  if (typeof schema.pattern === "string") {
    try {
      const re = new RegExp(schema.pattern, "u");
      if (!re.test(s)) {
        const generated = exampleForPattern(schema.pattern);
        s = generated !== undefined && re.test(generated) ? generated : (PATTERN_CANDIDATES.find((c) => re.test(c)) ?? s);
      }
    } catch {
      // An invalid pattern cannot be satisfied knowingly; keep the plain example.
    }
  }
  const min = typeof schema.minLength === "number" ? schema.minLength : 0;
  const max = typeof schema.maxLength === "number" ? schema.maxLength : Number.POSITIVE_INFINITY;
  if ([...s].length < min) s = s + "x".repeat(min - [...s].length);
  if ([...s].length > max) s = [...s].slice(0, max).join("");
  return s;
}

function buildNumber(schema: Schema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  let lo = Number.NEGATIVE_INFINITY;
  if (typeof schema.minimum === "number") lo = schema.minimum;
  if (typeof schema.exclusiveMinimum === "number") lo = Math.max(lo, schema.exclusiveMinimum + step);
  else if (schema.exclusiveMinimum === true && typeof schema.minimum === "number") lo = schema.minimum + step;
  let hi = Number.POSITIVE_INFINITY;
  if (typeof schema.maximum === "number") hi = schema.maximum;
  if (typeof schema.exclusiveMaximum === "number") hi = Math.min(hi, schema.exclusiveMaximum - step);
  else if (schema.exclusiveMaximum === true && typeof schema.maximum === "number") hi = schema.maximum - step;
  let v = Math.min(Math.max(0, lo), hi);
  if (integer) v = Math.ceil(v) <= hi ? Math.ceil(v) : Math.floor(v);
  const m = schema.multipleOf;
  if (typeof m === "number" && m > 0 && v % m !== 0) {
    const up = Math.ceil(v / m) * m;
    v = up <= hi ? up : Math.floor(v / m) * m;
  }
  return v;
}
