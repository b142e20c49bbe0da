import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic, { AuthenticationError, BadRequestError, NotFoundError, PermissionDeniedError } from "@anthropic-ai/sdk";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";

/** The official SDK pointed at the in-process emulator; counts requests per path. */
function sdkAgainstEmulator(apiKey?: string) {
  const emulator = createEmulator();
  const paths: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    paths.push(`${req.method} ${new URL(req.url).pathname}${new URL(req.url).search}`);
    return emulator.fetch(req);
  };
  const client = new Anthropic({ apiKey: apiKey ?? emulator.apiKey, baseURL: "http://emu.local", fetch, maxRetries: 0 });
  return { emulator, client, paths };
}

function listedModelIds(emulator: Emulator): string[] {
  return [...emulator.state.models.all()]
    .filter((m) => m.lifecycle !== "retired")
    .reverse()
    .map((m) => m.id);
}

describe("official @anthropic-ai/sdk against the emulator", () => {
  it("models.list() auto-paginates over several pages with limit 3", async () => {
    const { emulator, client, paths } = sdkAgainstEmulator();
    const ids: string[] = [];
    for await (const model of client.models.list({ limit: 3 })) ids.push(model.id);
    const expected = listedModelIds(emulator);
    assert.deepEqual(ids, expected, "every listed model once, newest first");
    const pages = paths.filter((p) => p.startsWith("GET /v1/models"));
    assert.equal(pages.length, Math.ceil(expected.length / 3));
    assert.ok(pages.length >= 3, "several pages");
    assert.match(pages[1], /after_id=/, "the SDK walks forward with after_id=last_id");
  });

  it("models.list() page objects carry has_more, first_id and last_id", async () => {
    const { client } = sdkAgainstEmulator();
    const page = await client.models.list({ limit: 2 });
    assert.equal(page.data.length, 2);
    assert.equal(page.has_more, true);
    assert.equal(page.first_id, page.data[0].id);
    assert.equal(page.last_id, page.data[1].id);
    assert.ok(page.hasNextPage());
    const next = await page.getNextPage();
    assert.notEqual(next.data[0].id, page.data[1].id);
  });

  it("models.retrieve() by id and by alias", async () => {
    const { client } = sdkAgainstEmulator();
    const byId = await client.models.retrieve("claude-sonnet-5-5");
    assert.equal(byId.id, "claude-sonnet-5-5");
    assert.equal(byId.type, "model");
    const byAlias = await client.models.retrieve("claude-haiku-4-5");
    assert.equal(byAlias.id, "claude-haiku-4-5-20251001");
  });

  it("messages.create() answers a Message with usage", async () => {
    const { client } = sdkAgainstEmulator();
    const msg = await client.messages.create({
      model: "claude-sonnet-5-5",
      max_tokens: 256,
      messages: [{ role: "user", content: "Hello, emulator" }],
    });
    assert.match(msg.id, /^msg_/);
    assert.equal(msg.role, "assistant");
    assert.equal(msg.stop_reason, "end_turn");
    assert.deepEqual(
      msg.content.map((b) => (b.type === "text" ? b.text : b.type)),
      ["Echo: Hello, emulator"],
    );
    assert.ok(msg.usage.input_tokens > 0 && msg.usage.output_tokens > 0);
    assert.match(msg._request_id ?? "", /^req_/);
  });

  it("messages.stream(): finalMessage() text equals the streamed text deltas", async () => {
    const { client } = sdkAgainstEmulator();
    const stream = client.messages.stream({
      model: "claude-opus-5-5",
      max_tokens: 512,
      system: "Be brief.",
      messages: [{ role: "user", content: "Stream this sentence back to me in several pieces, please." }],
    });
    const eventTypes: string[] = [];
    let streamed = "";
    for await (const event of stream) {
      eventTypes.push(event.type);
      if (event.type === "content_block_delta" && event.delta.type === "text_delta") streamed += event.delta.text;
    }
    const final = await stream.finalMessage();
    const finalText = final.content.map((b) => (b.type === "text" ? b.text : "")).join("");
    assert.equal(finalText, streamed);
    assert.equal(finalText, "Echo: Stream this sentence back to me in several pieces, please.");
    assert.ok(eventTypes.filter((t) => t === "content_block_delta").length > 1, "text arrives in several deltas");
    assert.equal(eventTypes[0], "message_start");
    assert.equal(eventTypes.at(-1), "message_stop");
    assert.equal(final.stop_reason, "end_turn");
    assert.ok(final.usage.output_tokens > 1, "message_delta usage replaces the partial count");
  });

  it("messages.stream() assembles a forced tool call from input_json_delta pieces", async () => {
    const { client } = sdkAgainstEmulator();
    const final = await client.messages
      .stream({
        model: "claude-sonnet-5-5",
        max_tokens: 512,
        messages: [{ role: "user", content: "Look up the weather" }],
        tools: [
          {
            name: "get_weather",
            input_schema: {
              type: "object",
              properties: { city: { type: "string", minLength: 3 }, unit: { enum: ["celsius", "fahrenheit"] } },
              required: ["city", "unit"],
            },
          },
        ],
        tool_choice: { type: "tool", name: "get_weather" },
      })
      .finalMessage();
    assert.equal(final.stop_reason, "tool_use");
    const block = final.content[0];
    assert.equal(block.type, "tool_use");
    if (block.type !== "tool_use") return;
    assert.equal(block.name, "get_weather");
    assert.deepEqual(block.input, { city: "example", unit: "celsius" });
  });

  it("messages.countTokens() equals usage.input_tokens of the same create", async () => {
    const { client } = sdkAgainstEmulator();
    const request = {
      model: "claude-sonnet-5-5",
      system: "You are a careful assistant.",
      messages: [
        { role: "user" as const, content: "What is the capital of France?" },
        { role: "assistant" as const, content: "Paris." },
        { role: "user" as const, content: [{ type: "text" as const, text: "And of Italy?" }] },
      ],
      tools: [{ name: "lookup", description: "Find facts", input_schema: { type: "object" as const, properties: { q: { type: "string" } } } }],
    };
    const counted = await client.messages.countTokens(request);
    const created = await client.messages.create({ ...request, max_tokens: 100 });
    assert.ok(counted.input_tokens > 0);
    assert.equal(counted.input_tokens, created.usage.input_tokens);
  });

  it("raises NotFoundError for an unknown model, with request id and message", async () => {
    const { client } = sdkAgainstEmulator();
    await assert.rejects(
      client.messages.create({ model: "claude-nonexistent-9", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
      (err: unknown) => {
        assert.ok(err instanceof NotFoundError);
        assert.equal(err.status, 404);
        assert.equal(err.type, "not_found_error");
        assert.equal(err.apiMessage, "model: claude-nonexistent-9");
        assert.match(err.requestID ?? "", /^req_/);
        return true;
      },
    );
    await assert.rejects(client.models.retrieve("claude-nonexistent-9"), NotFoundError);
  });

  it("raises AuthenticationError for a bad key", async () => {
    const { client } = sdkAgainstEmulator("sk-ant-api03-not-a-real-key");
    await assert.rejects(client.models.list(), (err: unknown) => {
      assert.ok(err instanceof AuthenticationError);
      assert.equal(err.status, 401);
      assert.equal(err.type, "authentication_error");
      return true;
    });
  });

  it("raises BadRequestError for bad input (max_tokens missing) and for max_tokens above the model's limit", async () => {
    const { client } = sdkAgainstEmulator();
    const missing = { model: "claude-sonnet-5-5", messages: [{ role: "user", content: "hi" }] } as unknown as Anthropic.MessageCreateParamsNonStreaming;
    await assert.rejects(client.messages.create(missing), (err: unknown) => {
      assert.ok(err instanceof BadRequestError);
      assert.equal(err.type, "invalid_request_error");
      assert.match(err.apiMessage ?? "", /max_tokens/);
      return true;
    });
    await assert.rejects(
      client.messages.create({ model: "claude-haiku-5-5", max_tokens: 64_001, messages: [{ role: "user", content: "hi" }], stream: true }),
      (err: unknown) => {
        assert.ok(err instanceof BadRequestError);
        assert.match(err.apiMessage ?? "", /64001 > 64000/);
        return true;
      },
    );
  });

  it("raises PermissionDeniedError when an admin key calls Messages", async () => {
    const emulator = createEmulator();
    const client = new Anthropic({ apiKey: emulator.adminKey, baseURL: "http://emu.local", fetch: emulator.fetch, maxRetries: 0 });
    await assert.rejects(
      client.messages.create({ model: "claude-sonnet-5-5", max_tokens: 10, messages: [{ role: "user", content: "hi" }] }),
      PermissionDeniedError,
    );
  });
});
