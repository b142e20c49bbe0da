import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { editDistance, isKnown, nearest } from "../../src/verifier/model-ids.js";

const T = (name: string) => `ANTHROPIC_ADMINISTRATOR_${name}`;
const messages = [{ role: "user", content: "hi" }];

function setup(now: () => number = Date.now) {
  const emulator = createEmulator();
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    sent.push(new URL(req.url).pathname);
    return emulator.fetch(req);
  };
  const toolkit = createToolkit({ apiKey: emulator.apiKey, baseURL: "http://emu.local", fetch, audit: false, now });
  return { toolkit, sent };
}

describe("model id helpers", () => {
  it("measures edit distance and ranks the nearest ids", () => {
    assert.equal(editDistance("kitten", "sitting"), 3);
    assert.equal(editDistance("", "abc"), 3);
    assert.deepEqual(nearest("claude-opus-55", ["claude-haiku-5-5", "claude-opus-5-5", "claude-opus-5"], 2), ["claude-opus-5-5", "claude-opus-5"]);
  });

  it("accepts ids and their aliases", () => {
    const ids = ["claude-sonnet-4-5-20250929", "claude-opus-5"];
    assert.ok(isKnown("claude-opus-5", ids));
    assert.ok(isKnown("claude-sonnet-4-5", ids), "alias of a dated id");
    assert.ok(isKnown("claude-sonnet-4-5-latest", ids));
    assert.ok(!isKnown("claude-sonnet-4", ids), "a shorter prefix is not an alias");
    assert.ok(!isKnown("claude-opus-55", ids));
  });
});

describe("model id check", () => {
  it("sends an unchecked id while no complete model list is cached", async () => {
    const { toolkit, sent } = setup();
    await toolkit.run(T("LIST_MODELS"), { limit: 2 }); // a partial page is not a list to judge by
    const r = await toolkit.run(T("COUNT_MESSAGE_TOKENS"), { model: "claude-opus-55", messages });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.type, "not_found_error", "the API answered");
    assert.equal(sent.filter((p) => p.endsWith("count_tokens")).length, 1);
  });

  it("refuses an unknown id before sending, with the nearest current ids", async () => {
    const { toolkit, sent } = setup();
    assert.equal((await toolkit.run(T("LIST_MODELS"), { all: true })).ok, true);
    const before = sent.length;
    const r = await toolkit.run(T("CREATE_MESSAGE"), { model: "claude-opus-55", messages, max_tokens: 10 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.type, "invalid_input");
    assert.equal(r.error.issues?.[0].path, "model");
    assert.deepEqual(r.error.details?.suggestions, ["claude-opus-5-5", "claude-opus-5", "claude-opus-4-8"]);
    assert.match(r.error.message, /claude-opus-5-5/);
    assert.equal(sent.length, before, "nothing sent");
    const alias = await toolkit.run(T("COUNT_MESSAGE_TOKENS"), { model: "claude-haiku-4-5", messages });
    assert.equal(alias.ok, true, JSON.stringify(alias));
  });

  it("reads the list again once before refusing when the cached one is old", async () => {
    let now = Date.now();
    const { toolkit, sent } = setup(() => now);
    await toolkit.run(T("LIST_MODELS"), {});
    now += 11 * 60_000;
    const before = sent.filter((p) => p === "/v1/models").length;
    const r = await toolkit.run(T("COUNT_MESSAGE_TOKENS"), { model: "claude-nope-9", messages });
    assert.equal(!r.ok && r.error.type, "invalid_input");
    assert.equal(sent.filter((p) => p === "/v1/models").length, before + 1);
  });
});
