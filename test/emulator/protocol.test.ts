import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";

const VERSION = "2023-06-01";

interface Sent {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/** One raw HTTP exchange with the in-process emulator, headers exactly as given. */
async function send(emulator: Emulator, method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Sent> {
  const res = await emulator.fetch(`http://emu.local${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return { status: res.status, headers: res.headers, body: parsed, text };
}

function std(emulator: Emulator): Record<string, string> {
  return { "x-api-key": emulator.apiKey, "anthropic-version": VERSION };
}

function assertErrorEnvelope(res: Sent, status: number, type: string) {
  assert.equal(res.status, status, res.text);
  assert.equal(res.body.type, "error");
  assert.equal(res.body.error.type, type);
  assert.equal(typeof res.body.error.message, "string");
  assert.match(res.headers.get("request-id") ?? "", /^req_/);
  assert.equal(res.body.request_id, res.headers.get("request-id"), "body request_id equals the request-id header");
}

const HELLO = { model: "claude-sonnet-5-5", max_tokens: 64, messages: [{ role: "user", content: "hello" }] };

describe("emulator protocol: versions and credentials", () => {
  it("missing anthropic-version → 400 with the observed message", async () => {
    const emu = createEmulator();
    const res = await send(emu, "GET", "/v1/models", { "x-api-key": emu.apiKey });
    assertErrorEnvelope(res, 400, "invalid_request_error");
    assert.equal(res.body.error.message, "anthropic-version: header is required");
  });

  it("unknown anthropic-version → 400 invalid_request_error; both known versions are accepted", async () => {
    const emu = createEmulator();
    const bad = await send(emu, "GET", "/v1/models", { "x-api-key": emu.apiKey, "anthropic-version": "2020-01-01" });
    assertErrorEnvelope(bad, 400, "invalid_request_error");
    for (const v of ["2023-06-01", "2026-10-21"]) {
      const ok = await send(emu, "GET", "/v1/models", { "x-api-key": emu.apiKey, "anthropic-version": v });
      assert.equal(ok.status, 200, v);
    }
  });

  it("accepts x-api-key and Authorization: Bearer alike", async () => {
    const emu = createEmulator();
    const viaHeader = await send(emu, "POST", "/v1/messages", std(emu), HELLO);
    const viaBearer = await send(emu, "POST", "/v1/messages", { authorization: `Bearer ${emu.apiKey}`, "anthropic-version": VERSION }, HELLO);
    assert.equal(viaHeader.status, 200);
    assert.equal(viaBearer.status, 200);
    assert.deepEqual(viaBearer.body.content, viaHeader.body.content);
  });

  it("no key → 401, wrong key → 401, admin key on /v1/messages → 403 permission_error", async () => {
    const emu = createEmulator();
    assertErrorEnvelope(await send(emu, "POST", "/v1/messages", { "anthropic-version": VERSION }, HELLO), 401, "authentication_error");
    assertErrorEnvelope(
      await send(emu, "POST", "/v1/messages", { "x-api-key": "sk-ant-api03-wrong", "anthropic-version": VERSION }, HELLO),
      401,
      "authentication_error",
    );
    const admin = await send(emu, "POST", "/v1/messages", { "x-api-key": emu.adminKey, "anthropic-version": VERSION }, HELLO);
    assertErrorEnvelope(admin, 403, "permission_error");
    const adminCount = await send(emu, "POST", "/v1/messages/count_tokens", { "x-api-key": emu.adminKey, "anthropic-version": VERSION }, HELLO);
    assertErrorEnvelope(adminCount, 403, "permission_error");
    assert.equal(emu.state.usage.length, 0, "refused calls are not billed");
  });

  it("every response carries a request-id header, successes and streams included", async () => {
    const emu = createEmulator();
    const answers = [
      await send(emu, "GET", "/v1/models", std(emu)),
      await send(emu, "GET", "/v1/models/claude-opus-5", std(emu)),
      await send(emu, "POST", "/v1/messages", std(emu), HELLO),
      await send(emu, "POST", "/v1/messages", std(emu), { ...HELLO, stream: true }),
      await send(emu, "POST", "/v1/messages/count_tokens", std(emu), { model: HELLO.model, messages: HELLO.messages }),
      await send(emu, "GET", "/v1/models/nope", std(emu)),
      await send(emu, "GET", "/v1/nowhere", std(emu)),
    ];
    const ids = answers.map((a) => a.headers.get("request-id"));
    for (const id of ids) assert.match(id ?? "", /^req_/);
    assert.equal(new Set(ids).size, ids.length, "request ids are unique");
    assertErrorEnvelope(answers[5], 404, "not_found_error");
    assertErrorEnvelope(answers[6], 404, "not_found_error");
  });

  it("a body that is not JSON → 400 invalid_request_error", async () => {
    const emu = createEmulator();
    const res = await emu.fetch("http://emu.local/v1/messages", {
      method: "POST",
      headers: { ...std(emu), "content-type": "application/json" },
      body: "{not json",
    });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as any).error.type, "invalid_request_error");
  });
});

describe("emulator protocol: ID-cursor pagination on /v1/models", () => {
  /** An emulator with 25 listed models, so the default page size shows. */
  function withManyModels() {
    const emu = createEmulator();
    const template = emu.state.models.all()[1];
    for (let i = 0; i < 7; i++) {
      emu.state.models.insert({ ...template, id: `claude-test-${i}`, display_name: `Test ${i}`, lifecycle: "active", created_at: `2026-12-0${i + 1}T00:00:00Z` });
    }
    const listed = [...emu.state.models.all()].filter((m) => m.lifecycle !== "retired").reverse().map((m) => m.id);
    return { emu, listed };
  }

  it("limit 0 and limit 1001 → 400; limit 1 and 1000 are fine", async () => {
    const emu = createEmulator();
    assertErrorEnvelope(await send(emu, "GET", "/v1/models?limit=0", std(emu)), 400, "invalid_request_error");
    assertErrorEnvelope(await send(emu, "GET", "/v1/models?limit=1001", std(emu)), 400, "invalid_request_error");
    assert.equal((await send(emu, "GET", "/v1/models?limit=1", std(emu))).body.data.length, 1);
    assert.equal((await send(emu, "GET", "/v1/models?limit=1000", std(emu))).status, 200);
  });

  it("defaults to 20 items, newest first, with first_id/last_id/has_more", async () => {
    const { emu, listed } = withManyModels();
    assert.equal(listed.length, 25);
    const page = (await send(emu, "GET", "/v1/models", std(emu))).body;
    assert.equal(page.data.length, 20);
    assert.deepEqual(
      page.data.map((m: { id: string }) => m.id),
      listed.slice(0, 20),
    );
    assert.equal(page.first_id, listed[0]);
    assert.equal(page.last_id, listed[19]);
    assert.equal(page.has_more, true);
    const created = page.data.map((m: { created_at: string }) => Date.parse(m.created_at));
    assert.deepEqual(created, [...created].sort((a, b) => b - a), "newest first");
  });

  it("after_id walks forward, before_id walks back, has_more reports the walking direction", async () => {
    const { emu, listed } = withManyModels();
    const second = (await send(emu, "GET", `/v1/models?limit=10&after_id=${listed[9]}`, std(emu))).body;
    assert.deepEqual(
      second.data.map((m: { id: string }) => m.id),
      listed.slice(10, 20),
    );
    assert.equal(second.first_id, listed[10]);
    assert.equal(second.last_id, listed[19]);
    assert.equal(second.has_more, true);

    const last = (await send(emu, "GET", `/v1/models?limit=10&after_id=${listed[19]}`, std(emu))).body;
    assert.equal(last.data.length, 5);
    assert.equal(last.has_more, false);
    assert.equal(last.last_id, listed[24]);

    const back = (await send(emu, "GET", `/v1/models?limit=5&before_id=${listed[10]}`, std(emu))).body;
    assert.deepEqual(
      back.data.map((m: { id: string }) => m.id),
      listed.slice(5, 10),
    );
    assert.equal(back.first_id, listed[5]);
    assert.equal(back.last_id, listed[9]);
    assert.equal(back.has_more, true, "items before first_id remain");

    const front = (await send(emu, "GET", `/v1/models?limit=5&before_id=${listed[5]}`, std(emu))).body;
    assert.deepEqual(
      front.data.map((m: { id: string }) => m.id),
      listed.slice(0, 5),
    );
    assert.equal(front.has_more, false);
  });

  it("an empty page has null first_id and last_id", async () => {
    const { emu, listed } = withManyModels();
    const empty = (await send(emu, "GET", `/v1/models?after_id=${listed.at(-1)}`, std(emu))).body;
    assert.deepEqual(empty, { data: [], has_more: false, first_id: null, last_id: null });
  });

  it("lifecycle[] brings retired models back; default hides them", async () => {
    const emu = createEmulator();
    const def = (await send(emu, "GET", "/v1/models?limit=1000", std(emu))).body;
    assert.ok(def.data.every((m: { lifecycle: string }) => m.lifecycle !== "retired"));
    const retired = (await send(emu, "GET", "/v1/models?lifecycle[]=retired", std(emu))).body;
    assert.ok(retired.data.length >= 1);
    assert.ok(retired.data.every((m: { lifecycle: string }) => m.lifecycle === "retired"));
  });
});

/** Parses an SSE body into {event, data} frames, checking each has an `event:` line. */
function parseSse(text: string): Array<{ event: string; data: any }> {
  const frames = text.split("\n\n").filter((f) => f.trim() !== "");
  return frames.map((frame) => {
    const lines = frame.split("\n");
    const event = lines.find((l) => l.startsWith("event: "))?.slice(7);
    const data = lines.find((l) => l.startsWith("data: "))?.slice(6);
    assert.ok(event, `frame without event line: ${frame}`);
    assert.ok(data, `frame without data line: ${frame}`);
    return { event, data: JSON.parse(data) };
  });
}

describe("emulator protocol: Server-Sent Events", () => {
  it("streams in the documented order with a ping, every event named, data.type equal to the name", async () => {
    const emu = createEmulator();
    const res = await send(emu, "POST", "/v1/messages", std(emu), {
      ...HELLO,
      messages: [{ role: "user", content: "A sentence long enough to need several text deltas." }],
      stream: true,
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/event-stream/);
    const events = parseSse(res.text);
    for (const e of events) assert.equal(e.data.type, e.event);
    const names = events.map((e) => e.event);
    assert.ok(names.includes("ping"));
    const withoutPing = names.filter((n) => n !== "ping");
    assert.equal(withoutPing[0], "message_start");
    assert.equal(withoutPing[1], "content_block_start");
    assert.equal(withoutPing.at(-3), "content_block_stop");
    assert.equal(withoutPing.at(-2), "message_delta");
    assert.equal(withoutPing.at(-1), "message_stop");
    const deltas = withoutPing.slice(2, -3);
    assert.ok(deltas.length >= 2 && deltas.every((n) => n === "content_block_delta"));

    const start = events[0].data.message;
    assert.deepEqual(start.content, []);
    assert.equal(start.stop_reason, null);
    const text = events
      .filter((e) => e.event === "content_block_delta")
      .map((e) => e.data.delta.text)
      .join("");
    assert.equal(text, "Echo: A sentence long enough to need several text deltas.");
    const delta = events.find((e) => e.event === "message_delta")!.data;
    assert.equal(delta.delta.stop_reason, "end_turn");
    assert.equal(delta.usage.output_tokens, Math.ceil(text.length / 4), "cumulative output tokens");
    assert.equal(delta.usage.input_tokens, start.usage.input_tokens);
    assert.ok(!res.text.includes("[DONE]"));
  });

  it("streams a tool call as input_json_delta pieces that join to the input", async () => {
    const emu = createEmulator();
    const res = await send(emu, "POST", "/v1/messages", std(emu), {
      ...HELLO,
      stream: true,
      tools: [{ name: "add", input_schema: { type: "object", properties: { a: { type: "integer", minimum: 7 }, b: { type: "number" } }, required: ["a", "b"] } }],
      tool_choice: { type: "any" },
    });
    const events = parseSse(res.text);
    const start = events.find((e) => e.event === "content_block_start")!.data;
    assert.equal(start.content_block.type, "tool_use");
    assert.deepEqual(start.content_block.input, {});
    const pieces = events.filter((e) => e.event === "content_block_delta").map((e) => e.data.delta);
    assert.ok(pieces.every((d) => d.type === "input_json_delta"));
    assert.deepEqual(JSON.parse(pieces.map((d) => d.partial_json).join("")), { a: 7, b: 0 });
    assert.equal(events.find((e) => e.event === "message_delta")!.data.delta.stop_reason, "tool_use");
  });

  it("errors found before the stream starts answer as JSON with their status", async () => {
    const emu = createEmulator();
    const res = await send(emu, "POST", "/v1/messages", std(emu), { ...HELLO, model: "claude-gone", stream: true });
    assertErrorEnvelope(res, 404, "not_found_error");
    assert.equal(res.body.error.message, "model: claude-gone");
  });
});
