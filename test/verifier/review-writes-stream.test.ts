import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import type { StreamEvent } from "../../src/verifier/context.js";
import { fail, ok, T } from "./fault-helpers.js";

const input = { model: "claude-haiku-4-5", max_tokens: 16, stream: true, messages: [{ role: "user", content: "hi" }] };

const messageStart = {
  type: "message_start",
  message: {
    id: "msg_01fake",
    type: "message",
    role: "assistant",
    model: "claude-haiku-4-5",
    content: [],
    stop_reason: null,
    stop_sequence: null,
    usage: { input_tokens: 3, output_tokens: 1 },
  },
};
const overloaded = { type: "error", error: { type: "overloaded_error", message: "Overloaded" } };
const sse = (event: string, data: unknown) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
const sseResponse = (body: string | ReadableStream<Uint8Array>) =>
  new Response(body, { status: 200, headers: { "content-type": "text/event-stream", "request-id": "req_01fake" } });

/**
 * A toolkit whose first `failures` CREATE_MESSAGE requests answer with `broken()`; later ones
 * (and everything else) go to a real in-process emulator.
 */
function setup(broken: () => Response, failures = 1) {
  const emulator = createEmulator();
  let sent = 0;
  const fetch: typeof globalThis.fetch = async (req, init) => {
    const url = typeof req === "string" ? req : req instanceof URL ? req.href : req.url;
    if (url.includes("/v1/messages") && sent++ < failures) return broken();
    return emulator.fetch(req, init);
  };
  const toolkit = createToolkit({
    apiKey: emulator.apiKey,
    baseURL: "http://emu.local",
    fetch,
    audit: false,
    sleep: async () => {},
    random: () => 0.5,
    warn: () => {},
  });
  return { toolkit, sent: () => sent };
}

describe("review: a mid-stream SSE error event", () => {
  it("after message_start reached the caller: Anthropic's error type, one attempt, no outcome_unknown", async () => {
    const { toolkit, sent } = setup(() => sseResponse(sse("message_start", messageStart) + sse("error", overloaded)));
    const events: StreamEvent[] = [];
    const r = fail(await toolkit.run(T("CREATE_MESSAGE"), input, { onEvent: (e) => events.push(e) }));
    assert.equal(r.error.type, "overloaded_error");
    assert.equal(r.error.message, "Overloaded");
    assert.equal(r.error.retryable, false);
    assert.equal(r.error.details?.events_delivered, 1);
    assert.match(r.error.hint ?? "", /interrupted after 1 event; .*duplicate/);
    assert.equal(r.meta?.attempts, 1);
    assert.notEqual(r.meta?.outcome, "unknown");
    assert.equal(sent(), 1, "not resent");
    assert.deepEqual(
      events.map((e) => e.type),
      ["message_start"],
    );
  });

  it("before any event: overloaded_error is transient, so the stream is sent again", async () => {
    const { toolkit, sent } = setup(() => sseResponse(sse("error", overloaded)));
    const events: string[] = [];
    const r = ok(await toolkit.run(T("CREATE_MESSAGE"), input, { onEvent: (e) => events.push(e.type) }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome], [2, "applied"]);
    assert.equal(sent(), 2);
    assert.equal(events.filter((t) => t === "message_start").length, 1);
    assert.equal(events.at(-1), "message_stop");
  });

  it("without onEvent nothing reached the caller, so a mid-stream error is retried", async () => {
    const { toolkit, sent } = setup(() => sseResponse(sse("message_start", messageStart) + sse("error", overloaded)));
    const r = ok(await toolkit.run(T("CREATE_MESSAGE"), input));
    assert.deepEqual([r.meta.attempts, r.meta.outcome], [2, "applied"]);
    assert.equal(sent(), 2);
    assert.equal((r.data as { type: string }).type, "message");
  });

  it("a non-transient error event keeps its type and is not retried", async () => {
    const invalid = { type: "error", error: { type: "invalid_request_error", message: "bad stream" } };
    const { toolkit, sent } = setup(() => sseResponse(sse("error", invalid)));
    const r = fail(await toolkit.run(T("CREATE_MESSAGE"), input, { onEvent: () => {} }));
    assert.deepEqual([r.error.type, r.error.message, r.meta?.attempts, sent()], ["invalid_request_error", "bad stream", 1, 1]);
  });

  it("a connection dropped after an event was delivered is not resent either", async () => {
    const { toolkit, sent } = setup(() =>
      sseResponse(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(sse("message_start", messageStart)));
            setTimeout(() => controller.error(new Error("socket hang up")), 0);
          },
        }),
      ),
    );
    const r = fail(await toolkit.run(T("CREATE_MESSAGE"), input, { onEvent: () => {} }));
    assert.notEqual(r.error.type, "outcome_unknown");
    assert.equal(r.error.retryable, false);
    assert.equal(r.error.details?.events_delivered, 1);
    assert.equal(r.meta?.attempts, 1);
    assert.equal(sent(), 1);
  });
});
