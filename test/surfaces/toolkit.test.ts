import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { countingEmulator } from "../helpers/counting-emulator.js";

function countingSandbox() {
  const { emulator, fetch, requests } = countingEmulator();
  const toolkit = createToolkit({
    apiKey: emulator.apiKey,
    adminKey: emulator.adminKey,
    baseURL: "http://emulator.test",
    fetch,
    audit: false,
  });
  return { toolkit, emulator, requests };
}

describe("createToolkit().run", () => {
  it("returns data and meta on success", async () => {
    const { toolkit } = countingSandbox();
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS", { limit: 2 });
    assert.equal(result.ok, true);
    if (!result.ok) return;
    const page = result.data as { data: { id: string }[]; has_more: boolean; first_id: string };
    assert.equal(page.data.length, 2);
    assert.equal(page.has_more, true);
    assert.equal(page.first_id, page.data[0].id);
    assert.equal(result.meta.tool, "ANTHROPIC_ADMINISTRATOR_LIST_MODELS");
    assert.equal(result.meta.attempts, 1);
    assert.match(result.meta.request_id ?? "", /^req_/);
  });

  it("refuses invalid input with one issue per field and sends nothing", async () => {
    const { toolkit, requests } = countingSandbox();
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS", { limit: 0, after_id: 5, bogus: true });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.type, "invalid_input");
    const paths = (result.error.issues ?? []).map((i) => i.path).sort();
    assert.deepEqual(paths, ["after_id", "bogus", "limit"]);
    const limit = result.error.issues?.find((i) => i.path === "limit");
    assert.equal(limit?.expected, "at least 1");
    assert.equal(limit?.received, "number 0");
    assert.equal(requests(), 0);
  });

  it("refuses a missing required field by name", async () => {
    const { toolkit, requests } = countingSandbox();
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_MODEL", {});
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.issues?.[0].path, "model_id");
    assert.equal(result.error.issues?.[0].received, "missing");
    assert.equal(requests(), 0);
  });

  it("keeps Anthropic's error type, status and request id", async () => {
    const { toolkit } = countingSandbox();
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_MODEL", { model_id: "claude-nonexistent-9" });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.type, "not_found_error");
    assert.equal(result.error.status, 404);
    assert.match(result.error.request_id ?? "", /^req_/);
    assert.equal(result.error.retryable, false);
  });

  it("sends ids with reserved characters encoded once, and the emulator decodes them once", async () => {
    const { toolkit } = countingSandbox();
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_MODEL", { model_id: "odd%41/id" });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.equal(result.error.status, 404);
    assert.equal(result.error.message, "model: odd%41/id");
  });

  it("answers an unknown tool with an error result, not a throw", async () => {
    const { toolkit } = countingSandbox();
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_NOPE", {});
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.error.type, "unknown_tool");
  });

  it("walks every page with all: true and reports truncation by max_items", async () => {
    const { toolkit, emulator } = countingSandbox();
    const total = emulator.state.models.all().filter((m) => m.lifecycle !== "retired").length;
    const all = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS", { all: true, limit: 4 });
    assert.equal(all.ok, true);
    if (!all.ok) return;
    assert.equal((all.data as { data: unknown[] }).data.length, total);
    assert.equal(all.meta.pages, Math.ceil(total / 4));
    assert.equal(all.meta.truncated, false);
    const cut = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS", { all: true, limit: 4, max_items: 6 });
    assert.equal(cut.ok, true);
    if (!cut.ok) return;
    const data = cut.data as { data: unknown[]; has_more: boolean };
    assert.equal(data.data.length, 6);
    assert.equal(data.has_more, true);
    assert.equal(cut.meta.truncated, true);
  });

  it("names the variable to set when a key is missing, before sending", async () => {
    const { fetch, requests } = countingEmulator();
    const saved = process.env.ANTHROPIC_API_KEY;
    delete process.env.ANTHROPIC_API_KEY;
    try {
      const toolkit = createToolkit({ baseURL: "http://emulator.test", fetch, audit: false });
      const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS", {});
      assert.equal(result.ok, false);
      if (!result.ok) {
        assert.equal(result.error.type, "configuration_error");
        assert.match(result.error.message, /ANTHROPIC_API_KEY/);
      }
      assert.equal(requests(), 0);
    } finally {
      if (saved !== undefined) process.env.ANTHROPIC_API_KEY = saved;
    }
  });
});

describe("createToolkit().client", () => {
  it("exposes registry groups and verbs as camelCase methods that throw typed errors", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const model = await toolkit.client.models.get({ model_id: "claude-haiku-4-5" });
    assert.equal(model.id, "claude-haiku-4-5-20251001");
    assert.equal(typeof toolkit.client.messages.countTokens, "function");
    await assert.rejects(toolkit.client.models.get({ model_id: "nope" }), (err: Error & { type?: string }) => err.type === "not_found_error");
  });
});
