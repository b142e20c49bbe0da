import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { operations } from "../../src/operations/index.js";
import { toolInputSchema } from "../../src/operations/tool-input.js";
import type { AnyOperation } from "../../src/operations/types.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { countingEmulator } from "../helpers/counting-emulator.js";
import { inputJsonSchema } from "../../src/surfaces/tools.js";
import { dropUnacceptedNulls } from "../../src/verifier/validate-input.js";

type JsonSchema = Record<string, unknown>;

/** Values shaped by a tool's JSON Schema: mostly valid, sometimes at the edges. */
function arbitraryFor(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (schema.const !== undefined) return fc.constant(schema.const);
  const union = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (union?.length) return fc.oneof(...union.map((s) => arbitraryFor(s, depth + 1)));
  if (Array.isArray(schema.type)) return fc.oneof(...(schema.type as string[]).map((t) => arbitraryFor({ ...schema, type: t }, depth)));
  switch (schema.type) {
    case "string":
      if (schema.format === "date-time") return fc.integer({ min: Date.UTC(2025, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms).toISOString());
      return fc.string({ minLength: Math.min(Number(schema.minLength ?? 0), 5), maxLength: Math.min(Number(schema.maxLength ?? 16), 16) });
    case "integer":
      return fc.integer({ min: Number(schema.minimum ?? -5), max: Math.min(Number(schema.maximum ?? 2_000), 2_000) });
    case "number":
      return fc.double({ min: Number(schema.minimum ?? -5), max: Number(schema.maximum ?? 2_000), noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    case "array":
      if (depth > 3) return fc.constant([]);
      return fc.array(arbitraryFor((schema.items ?? {}) as JsonSchema, depth + 1), { maxLength: 2 });
    case "object": {
      const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
      if (depth > 3 || Object.keys(props).length === 0) return fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
      const shape = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arbitraryFor(v, depth + 1)]));
      return fc.record(shape, { requiredKeys: (schema.required as string[] | undefined) ?? [] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A schema-shaped input with one mutation: a field dropped, retyped, or an unknown field added. */
function mutated(op: AnyOperation): fc.Arbitrary<unknown> {
  const base = arbitraryFor(inputJsonSchema(op)) as fc.Arbitrary<Record<string, unknown>>;
  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("drop" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("retype" as const), pick: fc.nat(), value: fc.jsonValue({ maxDepth: 2 }) }),
    fc.record({ kind: fc.constant("extra" as const), key: fc.string({ minLength: 1, maxLength: 8 }), value: fc.jsonValue({ maxDepth: 1 }) }),
  );
  return fc.tuple(base, mutation).map(([input, m]) => {
    const out = { ...input };
    const keys = Object.keys(out);
    if (m.kind === "extra") out[m.key] = m.value;
    else if (keys.length > 0) {
      const key = keys[m.pick % keys.length];
      if (m.kind === "drop") delete out[key];
      else out[key] = m.value;
    }
    return out;
  });
}

function setup() {
  const { emulator, fetch, requests } = countingEmulator();
  const toolkit = createToolkit({
    apiKey: emulator.apiKey,
    adminKey: emulator.adminKey,
    baseURL: "http://emu.local",
    fetch,
    audit: false,
    warn: () => {},
    sleep: async () => {},
    retry: { maxAttempts: 2 },
  });
  return { toolkit, requests };
}

describe("every tool's input, property-based", () => {
  for (const op of operations) {
    it(`${op.tool}: never crashes, and sends nothing for invalid input`, async () => {
      const { toolkit, requests } = setup();
      const anyInput = fc.oneof(
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
        { weight: 1, arbitrary: fc.object({ maxDepth: 2 }) },
        { weight: 2, arbitrary: arbitraryFor(inputJsonSchema(op)) },
        { weight: 3, arbitrary: mutated(op) },
      );
      await fc.assert(
        fc.asyncProperty(anyInput, async (input) => {
          const before = requests();
          const result = await toolkit.run(op.tool, input);
          assert.equal(typeof result.ok, "boolean");
          if (!result.ok) {
            assert.equal(typeof result.error.type, "string");
            assert.doesNotMatch(result.error.message, /^Unexpected failure/, `crash inside the pipeline: ${result.error.message}`);
          }
          // A null on an optional field that does not take null means "absent" (OpenAI strict mode sends them).
          if (!toolInputSchema(op).safeParse(dropUnacceptedNulls(toolInputSchema(op), input ?? {})).success) {
            assert.equal(result.ok, false, "invalid input must not succeed");
            assert.equal(!result.ok && result.error.type, "invalid_input");
            assert.equal(requests(), before, "no request for invalid input");
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
