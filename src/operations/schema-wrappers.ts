import type { z } from "zod";

/** zod 4 wrapper internals: optional, nullable, default, readonly, catch carry `innerType`. */
type WrapperDef = { type: string; innerType?: z.ZodType; in?: z.ZodType; getter?: () => z.ZodType };

/**
 * The schema and each schema inside its wrappers (optional, nullable, default, readonly, pipe,
 * lazy), outermost first; the last one is the shape itself. Shared by input validation, the
 * emulator's query coercion and the CLI's flag derivation.
 */
export function wrapperChain(schema: z.ZodType): z.ZodType[] {
  const chain = [schema];
  let s = schema;
  for (let i = 0; i < 16; i++) {
    const def = (s as unknown as { _zod: { def: WrapperDef } })._zod.def;
    const inner = def.innerType ?? (def.type === "pipe" ? def.in : def.type === "lazy" ? def.getter?.() : undefined);
    if (!inner) break;
    chain.push(inner);
    s = inner;
  }
  return chain;
}

/** The shape inside a schema's wrappers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  const chain = wrapperChain(schema);
  return chain[chain.length - 1];
}
