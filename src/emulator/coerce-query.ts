import type { z } from "zod";
import { unwrapSchema } from "../operations/schema-wrappers.js";

type Def = { type: string; element?: z.ZodType };

function baseType(schema: z.ZodType): Def {
  return (unwrapSchema(schema) as unknown as { def: Def }).def;
}

/**
 * Turns URL query strings into the types an input schema expects: numbers, booleans, and arrays
 * from `x[]=a&x[]=b` or repeated `x=a&x=b`. Empty values count as absent (the SDK sends null as `x=`).
 */
export function coerceQuery(url: URL, shape: z.ZodRawShape): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keys = new Set<string>();
  for (const k of url.searchParams.keys()) keys.add(k.endsWith("[]") ? k.slice(0, -2) : k);
  for (const key of keys) {
    const values = [...url.searchParams.getAll(key), ...url.searchParams.getAll(`${key}[]`)].filter((v) => v !== "");
    if (values.length === 0) continue;
    const field = shape[key] as z.ZodType | undefined;
    const def = field ? baseType(field) : undefined;
    if (def?.type === "array") {
      const el = def.element ? baseType(def.element) : undefined;
      out[key] = values.map((v) => scalar(v, el?.type));
    } else {
      out[key] = scalar(values[0], def?.type);
    }
  }
  return out;
}

function scalar(value: string, type: string | undefined): unknown {
  if (type === "number" || type === "int") {
    const n = Number(value);
    return Number.isFinite(n) && value.trim() !== "" ? n : value;
  }
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}
