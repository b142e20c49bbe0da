import type { z } from "zod";

/** zod 4 internals (`_zod.def`) are untyped across schema kinds. */
type Def = any;

/** True when a body matches its schema exactly: no unknown field in a closed object, no new enum value. */
export type ConformanceCheck = (data: unknown) => boolean;

/**
 * Compiles an output schema once into a plain predicate that tells whether a body has no drift
 * at all, so the drift step can skip its field-by-field report walk in the common case. It
 * follows the same rules as that walk (closed objects refuse unknown fields, `looseObject`s are
 * open, enums and literals must match, primitives by `typeof`), allocates nothing per call, and
 * costs a few microseconds for a page of 20 models where a zod parse costs tens.
 */
export function compileConformance(schema: z.ZodType): ConformanceCheck {
  const def: Def = (schema as Def)._zod?.def;
  if (!def) return () => true;
  switch (def.type) {
    case "optional": {
      const inner = compileConformance(def.innerType);
      return (d) => d === undefined || inner(d);
    }
    case "nullable": {
      const inner = compileConformance(def.innerType);
      return (d) => d === null || inner(d);
    }
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return compileConformance(def.innerType);
    case "pipe":
      return compileConformance(def.in);
    case "object":
      return compileObject(def);
    case "array": {
      const element = compileConformance(def.element);
      return (d) => {
        if (!Array.isArray(d)) return false;
        for (let i = 0; i < d.length; i++) if (!element(d[i])) return false;
        return true;
      };
    }
    case "record": {
      const value = compileConformance(def.valueType);
      return (d) => {
        if (!isPlainObject(d)) return false;
        for (const k in d) if (!value(d[k])) return false;
        return true;
      };
    }
    case "union": {
      const options = (def.options as z.ZodType[]).map(compileConformance);
      return (d) => options.some((o) => o(d));
    }
    case "enum":
    case "literal": {
      const values = new Set<unknown>(def.type === "enum" ? Object.values(def.entries) : def.values);
      return (d) => values.has(d);
    }
    case "string":
    case "boolean":
    case "bigint": {
      const type = def.type;
      return (d) => typeof d === type;
    }
    case "number":
      return (d) => typeof d === "number" && Number.isFinite(d);
    case "null":
      return (d) => d === null;
    case "unknown":
    case "any":
      return () => true;
    default:
      return (d) => schema.safeParse(d).success;
  }
}

function compileObject(def: Def): ConformanceCheck {
  const entries = Object.entries(def.shape as Record<string, z.ZodType>).map(([key, field]) => {
    const z4 = (field as Def)._zod;
    return { key, check: compileConformance(field), optional: Boolean(z4?.optin || z4?.optout) };
  });
  const known = new Set(entries.map((e) => e.key));
  const open = def.catchall && ["unknown", "any"].includes(def.catchall._zod.def.type);
  return (d) => {
    if (!isPlainObject(d)) return false;
    for (const e of entries) {
      const v = d[e.key];
      if (v === undefined) {
        if (!e.optional) return false;
      } else if (!e.check(v)) return false;
    }
    if (!open) for (const k in d) if (!known.has(k)) return false;
    return true;
  };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
