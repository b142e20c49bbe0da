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
