import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { z } from "zod";
import { behaviours } from "../../src/emulator/behaviours/index.js";
import { effectOf, pathParams, worstEffect } from "../../src/operations/derive.js";
import { findByCommand, findOperation, operations } from "../../src/operations/index.js";
import { inputJsonSchema } from "../../src/surfaces/tools.js";

describe("operation registry invariants", () => {
  it("has the foundation's four tools with the exact names", () => {
    for (const name of [
      "ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE",
      "ANTHROPIC_ADMINISTRATOR_LIST_MODELS",
      "ANTHROPIC_ADMINISTRATOR_GET_MODEL",
      "ANTHROPIC_ADMINISTRATOR_COUNT_MESSAGE_TOKENS",
    ]) {
      assert.ok(findOperation(name), `${name} is registered`);
    }
  });

  it("tool names are unique, ≤ 64 chars, [A-Z0-9_], prefixed", () => {
    const seen = new Set<string>();
    for (const op of operations) {
      assert.match(op.tool, /^ANTHROPIC_ADMINISTRATOR_[A-Z0-9_]+$/, op.tool);
      assert.ok(op.tool.length <= 64, `${op.tool} is ${op.tool.length} chars`);
      assert.ok(!seen.has(op.tool), `duplicate ${op.tool}`);
      seen.add(op.tool);
    }
  });

  it("group/verb pairs are unique and kebab-case", () => {
    const seen = new Set<string>();
    for (const op of operations) {
      assert.match(op.group, /^[a-z][a-z0-9-]*$/);
      assert.match(op.verb, /^[a-z][a-z0-9-]*$/);
      const key = `${op.group} ${op.verb}`;
      assert.ok(!seen.has(key), `duplicate command ${key}`);
      seen.add(key);
      assert.equal(findByCommand(op.group, op.verb), op);
    }
  });

  it("every path param is a required string field of the input", () => {
    for (const op of operations) {
      for (const param of pathParams(op)) {
        const field = op.input.shape[param];
        assert.ok(field, `${op.tool}: path param ${param} missing from input`);
        assert.equal(field.safeParse(undefined).success, false, `${op.tool}: ${param} must be required`);
      }
    }
  });

  it("every input field is described", () => {
    for (const op of operations) {
      for (const [name, field] of Object.entries(op.input.shape)) {
        assert.ok((field as z.ZodType).description, `${op.tool}.${name} has no .describe()`);
      }
    }
  });

  it("tool input schemas are top-level objects without $ref or top-level combinators", () => {
    for (const op of operations) {
      const schema = inputJsonSchema(op);
      assert.equal(schema.type, "object", op.tool);
      for (const k of ["oneOf", "anyOf", "allOf", "$ref"]) assert.ok(!(k in schema), `${op.tool} has top-level ${k}`);
      assert.ok(!JSON.stringify(schema).includes('"$ref"'), `${op.tool} contains $ref`);
    }
  });

  it("GET is never destructive; writes declare their effect", () => {
    for (const op of operations) {
      if (op.method === "GET") {
        assert.equal(typeof op.effect, "string", `${op.tool}: GET effect must be fixed`);
        assert.equal(effectOf(op, {}), "read", `${op.tool}: GET must be read`);
      }
      if (op.method === "DELETE") assert.equal(worstEffect(op), "destructive", `${op.tool}: DELETE must be destructive`);
      assert.ok(op.description.length >= 80, `${op.tool}: description too short for a model`);
      assert.ok(["api", "admin"].includes(op.key));
    }
  });

  it("every operation has an emulator behaviour", () => {
    for (const op of operations) assert.equal(typeof behaviours[op.tool], "function", `${op.tool} has no emulator behaviour`);
  });

  it("list operations declare pagination", () => {
    for (const op of operations) {
      if (op.method === "GET" && "limit" in op.input.shape) assert.ok(op.pagination, `${op.tool} takes limit but has no pagination`);
    }
  });

  it("outputs are zod schemas", () => {
    for (const op of operations) assert.ok(op.output instanceof z.ZodType, op.tool);
  });
});
