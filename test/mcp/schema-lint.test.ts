import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { operations } from "../../src/operations/index.js";
import { lintToolDefinitions } from "../../src/surfaces/schema-lint.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { TOOL_FORMATS, toolDefinitions } from "../../src/surfaces/tools.js";

describe("schema linter", () => {
  for (const format of TOOL_FORMATS) {
    it(`passes every ${format} export of the registry`, () => {
      const defs = toolDefinitions(format, operations);
      assert.equal(defs.length, operations.length);
      assert.deepEqual(lintToolDefinitions(format, defs), []);
    });
  }

  it("passes toolkit.tools() in every format", () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    for (const format of TOOL_FORMATS) assert.deepEqual(lintToolDefinitions(format, toolkit.tools(format)), []);
  });

  it("catches each rule it enforces", () => {
    const bad = [
      {
        name: "has space",
        description: "",
        input_schema: { anyOf: [{ type: "object" }], properties: { a: { type: "string" }, b: { $ref: "#/$defs/x" } } },
      },
      { name: "X".repeat(65), description: "ok", input_schema: { type: "object", properties: { a: { type: "string", description: "A." } } } },
    ];
    const issues = lintToolDefinitions("anthropic", bad);
    const rules = issues.map((i) => `${i.tool.slice(0, 8)}:${i.rule}:${i.where}`).sort();
    assert.deepEqual(rules, [
      "XXXXXXXX:name:name",
      "has spac:description:description",
      "has spac:description:input.properties.a",
      "has spac:description:input.properties.b",
      "has spac:name:name",
      "has spac:ref:input.properties.b.$ref",
      "has spac:top_level_combinator:input.anyOf",
      "has spac:top_level_type:input.type",
    ]);
  });

  it("checks strict-mode rules on tools exported with strict: true, and only tools with free-form maps opt out", () => {
    const defs = toolDefinitions("openai-strict", operations) as { function: { name: string; strict: boolean } }[];
    const optedOut = defs.filter((d) => !d.function.strict).map((d) => d.function.name);
    // Free-form maps (tool_use input, workspace tags) cannot be expressed in strict mode.
    for (const name of optedOut) assert.match(name, /MESSAGE|WORKSPACE$/);
    assert.ok(defs.filter((d) => d.function.strict).length > optedOut.length);
    const open = [
      {
        type: "function",
        function: {
          name: "T",
          description: "d",
          strict: true,
          parameters: {
            type: "object",
            properties: { a: { type: "string", description: "A." }, m: { type: "object", description: "M.", additionalProperties: {} } },
            required: ["a"],
            additionalProperties: false,
          },
        },
      },
    ];
    assert.deepEqual(
      lintToolDefinitions("openai-strict", open).map((i) => `${i.rule}:${i.where}`),
      ["strict:input", "strict:input.properties.m"],
    );
  });

  it("checks MCP output schemas too", () => {
    const issues = lintToolDefinitions("mcp", [
      { name: "T", description: "d", inputSchema: { type: "object", properties: {} }, outputSchema: { type: "array" } },
    ]);
    assert.deepEqual(
      issues.map((i) => i.where),
      ["output.type"],
    );
  });
});
