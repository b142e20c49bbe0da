import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { createToolkit } from "../../src/surfaces/toolkit.js";

type Json = Record<string, unknown>;

const toolkit = createToolkit({ sandbox: true, audit: false });
after(() => toolkit.close());

function strictParameters(tool: string): Json {
  const defs = toolkit.tools("openai-strict") as Array<{ function: { name: string; parameters: Json } }>;
  const def = defs.find((d) => d.function.name === tool);
  assert.ok(def, `${tool} is exported`);
  return def.function.parameters;
}

function isNullable(schema: Json): boolean {
  const branches = (schema.anyOf ?? []) as Json[];
  return branches.some((b) => b.type === "null");
}

/** The object branch of a schema (through anyOf) that a value would pick, by its `type` const. */
function objectBranch(schema: Json, value: Json): Json | undefined {
  if (schema.type === "object") return schema;
  for (const b of (schema.anyOf ?? []) as Json[]) {
    const found = objectBranch(b, value);
    const typeConst = ((found?.properties as Json | undefined)?.type as Json | undefined)?.const;
    if (found && (typeConst === undefined || typeConst === value.type)) return found;
  }
  return undefined;
}

function arrayBranch(schema: Json): Json | undefined {
  if (schema.type === "array") return schema;
  for (const b of (schema.anyOf ?? []) as Json[]) {
    const found = arrayBranch(b);
    if (found) return found;
  }
  return undefined;
}

/**
 * What an OpenAI strict-mode model sends: every property present, the ones it does not use as
 * null, at every level of nesting.
 */
function asStrictModelSends(schema: Json, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = arrayBranch(schema)?.items as Json | undefined;
    return items ? value.map((v) => asStrictModelSends(items, v)) : value;
  }
  if (!value || typeof value !== "object") return value;
  const obj = objectBranch(schema, value as Json);
  if (!obj) return value;
  const out: Json = {};
  for (const [name, prop] of Object.entries((obj.properties ?? {}) as Record<string, Json>)) {
    const given = (value as Json)[name];
    if (given !== undefined) out[name] = asStrictModelSends(prop, given);
    else if (isNullable(prop)) out[name] = null;
  }
  return out;
}

describe("review fix: inputs shaped by the openai-strict export are accepted", () => {
  it("LIST_WORKSPACES with every optional field null", async () => {
    const tool = "ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES";
    const input = asStrictModelSends(strictParameters(tool), {}) as Json;
    assert.equal(input.limit, null, "the export makes optional fields nullable");
    assert.equal(input.all, null);
    const result = await toolkit.run(tool, input);
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it("CREATE_MESSAGE with every optional field null, nested ones included", async () => {
    const models = await toolkit.run<{ data: Array<{ id: string }> }>("ANTHROPIC_ADMINISTRATOR_LIST_MODELS", {});
    assert.ok(models.ok);
    const tool = "ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE";
    const input = asStrictModelSends(strictParameters(tool), {
      model: models.data.data[0]?.id,
      max_tokens: 32,
      messages: [
        { role: "user", content: [{ type: "text", text: "Hello", cache_control: { type: "ephemeral" } }] },
        { role: "assistant", content: "Hi." },
        { role: "user", content: [{ type: "text", text: "Again" }] },
      ],
    }) as Json;
    const messages = input.messages as Array<{ content: Json[] }>;
    assert.equal((messages[0]?.content[0]?.cache_control as Json | undefined)?.ttl, null, "nested optional fields are null too");
    assert.equal(messages[2]?.content[0]?.cache_control, null);
    assert.ok(Object.values(input).filter((v) => v === null).length >= 5, "several top-level nulls");
    const result = await toolkit.run(tool, input);
    assert.equal(result.ok, true, JSON.stringify(result));
  });

  it("keeps a null the schema accepts (it means something) and still refuses null for a required field", async () => {
    const keys = await toolkit.run<{ data: Array<{ id: string }> }>("ANTHROPIC_ADMINISTRATOR_LIST_API_KEYS", {});
    assert.ok(keys.ok);
    const api_key_id = keys.data.data[0]?.id;
    const dry = await toolkit.run<{ request: { body: Json } }>("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY", {
      api_key_id,
      name: null,
      status: "inactive",
      dry_run: true,
    });
    assert.equal(dry.ok, true, JSON.stringify(dry));
    if (dry.ok) assert.deepEqual(dry.data.request.body, { name: null, status: "inactive" });
    const preview = await toolkit.run("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY", { api_key_id, name: "kept", status: null, dry_run: null });
    assert.equal(preview.ok, true, "a null control field is dropped, so this call is sent for real");
    const missing = await toolkit.run("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY", { api_key_id: null, name: "x" });
    assert.equal(missing.ok, false);
    if (!missing.ok) {
      assert.equal(missing.error.type, "invalid_input");
      assert.equal(missing.error.issues?.[0]?.path, "api_key_id");
    }
  });

  it("leaves prototype-named and unknown fields for the strict schema to refuse", async () => {
    const tool = "ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES";
    for (const input of [{ toString: {} }, JSON.parse('{"__proto__": {"limit": 5}, "limit": null}'), { nope: null }]) {
      const result = await toolkit.run(tool, input);
      assert.equal(result.ok, false, JSON.stringify(input));
      if (!result.ok) assert.equal(result.error.type, "invalid_input", result.error.message);
    }
  });

  it("still reports a real error beside stripped nulls", async () => {
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES", { limit: 0, after_id: null, all: null });
    assert.equal(result.ok, false);
    if (!result.ok) {
      assert.deepEqual(
        result.error.issues?.map((i) => i.path),
        ["limit"],
      );
    }
  });
});
