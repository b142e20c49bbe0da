import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import fc from "fast-check";
import { z } from "zod";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";
import type { Scenario } from "../../src/emulator/responder/scenario.js";
import { exampleFromSchema } from "../../src/emulator/responder/schema-value.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  const emulator = createEmulator(options);
  const client = new Anthropic({ apiKey: emulator.apiKey, baseURL: "http://emu.local", fetch: emulator.fetch, maxRetries: 0 });
  return { emulator, client };
}

type Params = Anthropic.MessageCreateParamsNonStreaming;
const base = { model: "claude-sonnet-5-5", max_tokens: 200 } as const;
const user = (content: Params["messages"][number]["content"]): Params["messages"][number] => ({ role: "user", content });
const textOf = (m: Anthropic.Message) => m.content.map((b) => (b.type === "text" ? b.text : "")).join("");

/** Status and error message of a request the emulator refuses. */
async function refusal(emulator: Emulator, body: unknown, path = "/v1/messages") {
  const res = await emulator.fetch(`http://emu.local${path}`, {
    method: "POST",
    headers: { "x-api-key": emulator.apiKey, "anthropic-version": "2023-06-01", "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as { error: { type: string; message: string } };
  return { status: res.status, type: json.error?.type, message: json.error?.message };
}

describe("echo responder: stop reasons", () => {
  it("echoes the last user text and resolves aliases in the answer's model", async () => {
    const { client } = setup();
    const m = await client.messages.create({ ...base, model: "claude-haiku-4-5", messages: [user("first"), { role: "assistant", content: "ok" }, user([{ type: "text", text: "second" }])] });
    assert.equal(textOf(m), "Echo: second");
    assert.equal(m.model, "claude-haiku-4-5-20251001");
    assert.equal(m.usage.output_tokens, Math.ceil("Echo: second".length / 4));
  });

  it("max_tokens cuts the text and answers stop_reason max_tokens with output_tokens = max_tokens", async () => {
    const { client } = setup();
    const long = "word ".repeat(100);
    const m = await client.messages.create({ ...base, max_tokens: 5, messages: [user(long)] });
    assert.equal(m.stop_reason, "max_tokens");
    assert.equal(m.stop_sequence, null);
    assert.equal(m.usage.output_tokens, 5);
    assert.ok(`Echo: ${long}`.startsWith(textOf(m)));
    assert.equal(textOf(m).length, 20);
    const zero = await client.messages.create({ ...base, max_tokens: 0, messages: [user("hi")] });
    assert.deepEqual(zero.content, []);
    assert.equal(zero.stop_reason, "max_tokens");
    assert.equal(zero.usage.output_tokens, 0);
  });

  it("stop_sequences stop at the earliest match, excluded from the text, with stop_sequence set", async () => {
    const { client } = setup();
    const m = await client.messages.create({ ...base, stop_sequences: ["never", "END", "##"], messages: [user("alpha ## beta END gamma")] });
    assert.equal(m.stop_reason, "stop_sequence");
    assert.equal(m.stop_sequence, "##");
    assert.equal(textOf(m), "Echo: alpha ");
    const none = await client.messages.create({ ...base, stop_sequences: ["zzz"], messages: [user("alpha")] });
    assert.equal(none.stop_reason, "end_turn");
    assert.equal(none.stop_sequence, null);
  });

  it("thinking enabled adds a signed thinking block counted within max_tokens", async () => {
    const { client } = setup();
    const m = await client.messages.create({ ...base, max_tokens: 2000, thinking: { type: "enabled", budget_tokens: 1024 }, messages: [user("think")] });
    assert.equal(m.content[0].type, "thinking");
    if (m.content[0].type !== "thinking") return;
    assert.ok(m.content[0].thinking.length > 0);
    assert.ok(m.content[0].signature.length > 0);
    assert.equal(textOf(m), "Echo: think");
    assert.equal(m.usage.output_tokens_details?.thinking_tokens, Math.ceil(m.content[0].thinking.length / 4));
  });

  it("temperature/top_p/top_k are range-checked and otherwise ignored", async () => {
    const { emulator } = setup();
    const ok = await emulator.fetch("http://emu.local/v1/messages", {
      method: "POST",
      headers: { "x-api-key": emulator.apiKey, "anthropic-version": "2023-06-01" },
      body: JSON.stringify({ ...base, temperature: 0.2, top_p: 0.9, top_k: 5, messages: [user("x")] }),
    });
    assert.equal(ok.status, 200);
    assert.equal((await refusal(emulator, { ...base, temperature: 1.5, messages: [user("x")] })).status, 400);
    assert.equal((await refusal(emulator, { ...base, top_k: -1, messages: [user("x")] })).status, 400);
  });
});

describe("echo responder: tools", () => {
  const Person = z.object({
    name: z.string().min(2).max(40),
    email: z.email(),
    role: z.enum(["user", "developer", "billing"]),
    age: z.number().int().min(18).max(120),
    score: z.number().gt(0).multipleOf(0.5),
    tags: z.array(z.string()).min(2),
    address: z.object({ street: z.string(), zip: z.string().regex(/^\d{5}$/), geo: z.object({ lat: z.number(), lng: z.number() }) }),
    nickname: z.string().optional(),
    manager: z.union([z.null(), z.object({ id: z.uuid() })]),
    flags: z.object({ active: z.boolean() }).nullable(),
    since: z.iso.datetime(),
    website: z.url(),
  });

  it("tool_choice {type:'tool'} returns a tool_use whose input validates against the tool's input_schema", async () => {
    const { client } = setup();
    const input_schema = z.toJSONSchema(Person) as Anthropic.Tool.InputSchema;
    const m = await client.messages.create({
      ...base,
      messages: [user("add a person")],
      tools: [{ name: "noise", input_schema: { type: "object" } }, { name: "add_person", description: "Adds a person", input_schema }],
      tool_choice: { type: "tool", name: "add_person" },
    });
    assert.equal(m.stop_reason, "tool_use");
    assert.equal(m.content.length, 1);
    const block = m.content[0];
    assert.equal(block.type, "tool_use");
    if (block.type !== "tool_use") return;
    assert.match(block.id, /^toolu_/);
    assert.equal(block.name, "add_person");
    const parsed = Person.safeParse(block.input);
    assert.ok(parsed.success, JSON.stringify(parsed.error?.issues));
    assert.equal("nickname" in (block.input as object), false, "optional properties are left out");
    assert.ok(z.fromJSONSchema(input_schema as never).safeParse(block.input).success, "valid per an independent JSON Schema reading too");
  });

  it("tool_choice any picks the first tool; auto and none answer text", async () => {
    const { client } = setup();
    const tools: Anthropic.Tool[] = [
      { name: "first", input_schema: { type: "object", properties: { q: { type: "string" } }, required: ["q"] } },
      { name: "second", input_schema: { type: "object" } },
    ];
    const any = await client.messages.create({ ...base, messages: [user("go")], tools, tool_choice: { type: "any" } });
    assert.equal(any.content[0].type === "tool_use" && any.content[0].name, "first");
    assert.deepEqual(any.content[0].type === "tool_use" && any.content[0].input, { q: "example" });
    for (const choice of [{ type: "auto" as const }, { type: "none" as const }, undefined]) {
      const m = await client.messages.create({ ...base, messages: [user("go")], tools, tool_choice: choice });
      assert.equal(m.stop_reason, "end_turn");
      assert.equal(textOf(m), "Echo: go");
    }
  });

  it("a full tool loop: tool_result turns are accepted and echoed; orphan results and unanswered calls are refused", async () => {
    const { client, emulator } = setup();
    const tools: Anthropic.Tool[] = [{ name: "lookup", input_schema: { type: "object" } }];
    const first = await client.messages.create({ ...base, messages: [user("find it")], tools, tool_choice: { type: "any" } });
    const call = first.content[0] as Anthropic.ToolUseBlock;
    const second = await client.messages.create({
      ...base,
      tools,
      messages: [user("find it"), { role: "assistant", content: first.content }, user([{ type: "tool_result", tool_use_id: call.id, content: "42 apples" }])],
    });
    assert.equal(textOf(second), "Echo: 42 apples");
    const orphan = await refusal(emulator, { ...base, messages: [user([{ type: "tool_result", tool_use_id: "toolu_nope", content: "x" }])] });
    assert.equal(orphan.status, 400);
    assert.match(orphan.message, /unexpected `tool_use_id`/);
    const unanswered = await refusal(emulator, { ...base, messages: [user("a"), { role: "assistant", content: first.content }, user("b")] });
    assert.equal(unanswered.status, 400);
    assert.match(unanswered.message, /without `tool_result` blocks/);
  });

  it("refuses a tool_choice naming a missing tool, any without tools, and duplicate tool names", async () => {
    const { emulator } = setup();
    const t = { name: "t", input_schema: { type: "object" } };
    assert.equal((await refusal(emulator, { ...base, messages: [user("x")], tools: [t], tool_choice: { type: "tool", name: "u" } })).status, 400);
    assert.equal((await refusal(emulator, { ...base, messages: [user("x")], tool_choice: { type: "any" } })).status, 400);
    assert.equal((await refusal(emulator, { ...base, messages: [user("x")], tools: [t, t] })).status, 400);
  });
});

describe("exampleFromSchema", () => {
  it("follows $ref, allOf, anyOf/oneOf, const, type lists, prefixItems and numeric bounds", () => {
    const schema = {
      type: "object",
      $defs: { Id: { type: "string", pattern: "^[A-Z]+$" } },
      properties: {
        id: { $ref: "#/$defs/Id" },
        merged: { allOf: [{ type: "object", properties: { a: { type: "integer" } }, required: ["a"] }, { properties: { b: { const: "B" } }, required: ["b"] }] },
        either: { anyOf: [{ type: "null" }, { type: "number", exclusiveMinimum: 10, maximum: 20 }] },
        one: { oneOf: [{ type: "boolean" }, { type: "string" }] },
        multi: { type: ["null", "integer"], minimum: -5, maximum: -2 },
        pair: { type: "array", prefixItems: [{ type: "string" }, { type: "integer" }] },
        picks: { type: "array", items: { enum: ["x", "y", "z"] }, minItems: 2, uniqueItems: true },
      },
      required: ["id", "merged", "either", "one", "multi", "pair", "picks"],
    };
    assert.deepEqual(exampleFromSchema(schema), {
      id: "A",
      merged: { a: 0, b: "B" },
      either: 10.5,
      one: false,
      multi: -2,
      pair: ["example", 0],
      picks: ["x", "y"],
    });
  });

  it("writes strings for common patterns", () => {
    for (const pattern of ["^\\d{5}$", "^[A-Z]{2}-\\d{3,}$", "^(foo|bar)_[a-z0-9]+$", "^wrkspc_[A-Za-z0-9]{24}$", "^\\+?[0-9 ]{7,15}$", "^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$"]) {
      const value = exampleFromSchema({ type: "string", pattern });
      assert.match(String(value), new RegExp(pattern), pattern);
    }
  });

  it("property: for random object schemas, the value validates (read back with zod's JSON Schema reader)", () => {
    const leaf = fc.oneof(
      fc.record({ type: fc.constant("string"), minLength: fc.integer({ min: 0, max: 12 }) }),
      fc.record({ type: fc.constant("string"), format: fc.constantFrom("email", "date-time", "uri", "uuid") }),
      fc.record({ type: fc.constant("integer"), minimum: fc.integer({ min: -50, max: 50 }) }),
      fc.integer({ min: -50, max: 50 }).map((lo) => ({ type: "number", minimum: lo, maximum: lo + 10 })),
      fc.constant({ type: "boolean" }),
      fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }).map((e) => ({ type: "string", enum: [...new Set(e)] })),
    );
    const node = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.record({ type: fc.constant("array"), items: tie("node"), minItems: fc.integer({ min: 0, max: 3 }) }),
        fc.dictionary(fc.stringMatching(/^[a-z]{1,6}$/), tie("node"), { maxKeys: 4 }).chain((properties) =>
          fc.subarray(Object.keys(properties)).map((required) => ({ type: "object", properties, required, additionalProperties: false })),
        ),
      ),
    })).node;
    const objectSchema = fc
      .dictionary(fc.stringMatching(/^[a-z]{1,6}$/), node, { minKeys: 1, maxKeys: 5 })
      .chain((properties) => fc.subarray(Object.keys(properties)).map((required) => ({ type: "object", properties, required })));
    fc.assert(
      fc.property(objectSchema, (schema) => {
        const value = exampleFromSchema(schema);
        const result = z.fromJSONSchema(schema as never).safeParse(value);
        if (!result.success) throw new Error(`${JSON.stringify(value)} fails ${JSON.stringify(schema)}: ${result.error.message}`);
      }),
      { numRuns: 150, seed: 4242 },
    );
  });
});

describe("model and limit checks", () => {
  it("unknown model → 404 `model: <id>`; retired model → 400; max_tokens over the model's limit → 400 naming it", async () => {
    const { emulator } = setup();
    const unknown = await refusal(emulator, { ...base, model: "claude-x", messages: [user("x")] });
    assert.deepEqual([unknown.status, unknown.type, unknown.message], [404, "not_found_error", "model: claude-x"]);
    const retired = await refusal(emulator, { ...base, model: "claude-sonnet-4-5", messages: [user("x")] });
    assert.deepEqual([retired.status, retired.type], [400, "invalid_request_error"]);
    assert.match(retired.message, /retired/);
    const over = await refusal(emulator, { ...base, model: "claude-opus-5-5", max_tokens: 128_001, messages: [user("x")] });
    assert.equal(over.status, 400);
    assert.match(over.message, /max_tokens: 128001 > 128000/);
    const budget = await refusal(emulator, { ...base, max_tokens: 1024, thinking: { type: "enabled", budget_tokens: 1024 }, messages: [user("x")] });
    assert.equal(budget.status, 400);
    const countUnknown = await refusal(emulator, { model: "claude-x", messages: [user("x")] }, "/v1/messages/count_tokens");
    assert.equal(countUnknown.status, 404);
    assert.equal(emulator.state.usage.length, 0);
  });

  it("property: count_tokens equals usage.input_tokens of the same request", async () => {
    const { client } = setup();
    const turn = fc.string({ minLength: 1, maxLength: 300 });
    await fc.assert(
      fc.asyncProperty(fc.array(turn, { minLength: 1, maxLength: 4 }), fc.option(turn, { nil: undefined }), fc.boolean(), async (texts, system, withTools) => {
        const messages = texts.map((t, i) => ({ role: i % 2 === 0 ? "user" : "assistant", content: t }) as const);
        if (messages.at(-1)!.role === "assistant") messages.push({ role: "user", content: "go on" });
        const tools: Anthropic.Tool[] | undefined = withTools ? [{ name: "t", description: "d", input_schema: { type: "object", properties: { a: { type: "string" } } } }] : undefined;
        const req = { model: "claude-opus-4-8", messages, system, tools };
        const counted = await client.messages.countTokens(req);
        const created = await client.messages.create({ ...req, max_tokens: 50 });
        assert.equal(counted.input_tokens, created.usage.input_tokens);
      }),
      { numRuns: 30, seed: 7 },
    );
  });
});

describe("usage recording", () => {
  it("records every Messages call, streamed or not, and not count_tokens or refusals", async () => {
    const { client, emulator } = setup({ now: () => Date.parse("2026-12-01T10:00:00Z") });
    const key = emulator.state.apiKeys.all()[0];
    const m = await client.messages.create({ ...base, model: "claude-haiku-4-5", messages: [user("one")] });
    await client.messages.stream({ ...base, messages: [user("two")] }).finalMessage();
    await client.messages.countTokens({ model: base.model, messages: [user("three")] });
    await client.messages.create({ ...base, model: "nope", messages: [user("x")] }).catch(() => undefined);
    assert.equal(emulator.state.usage.length, 2);
    const [first, second] = emulator.state.usage;
    assert.equal(first.model, "claude-haiku-4-5-20251001");
    assert.equal(first.api_key_id, key.id);
    assert.equal(first.workspace_id, key.scope.type === "workspace" ? key.scope.workspace_id : null);
    assert.equal(first.uncached_input_tokens, m.usage.input_tokens);
    assert.equal(first.output_tokens, m.usage.output_tokens);
    assert.equal(first.service_tier, "standard");
    assert.equal(first.context_window, "0-200k");
    assert.equal(first.inference_geo, "global");
    assert.equal(first.at, Date.parse("2026-12-01T10:00:00Z"));
    assert.equal(second.model, base.model);
  });

  it("a prompt over 200k tokens is recorded in the 200k-1M context window; over the model's window it is refused", async () => {
    const { client, emulator } = setup();
    await client.messages.create({ ...base, messages: [user("x".repeat(900_000))] });
    assert.equal(emulator.state.usage[0].context_window, "200k-1M");
    const tooLong = await refusal(emulator, { ...base, model: "claude-opus-4-8", messages: [user("x".repeat(900_000))] });
    assert.equal(tooLong.status, 400);
    assert.match(tooLong.message, /prompt is too long: \d+ tokens > 200000 maximum/);
  });
});

describe("scenario responder", () => {
  const scenario: Scenario = {
    turns: [
      { content: [{ type: "text", text: "Inviting." }, { type: "tool_use", name: "invite", input: { email: "alice@example.com" } }] },
      { content: "Done." },
    ],
  };

  it("createEmulator({scenario}) answers each call with the next turn, tool_result turns included", async () => {
    const { client, emulator } = setup({ scenario });
    const tools: Anthropic.Tool[] = [{ name: "invite", input_schema: { type: "object" } }];
    const first = await client.messages.create({ ...base, tools, messages: [user("invite alice")] });
    assert.equal(first.stop_reason, "tool_use");
    const call = first.content[1] as Anthropic.ToolUseBlock;
    assert.match(call.id, /^toolu_/);
    assert.deepEqual(call.input, { email: "alice@example.com" });
    const second = await client.messages
      .stream({ ...base, tools, messages: [user("invite alice"), { role: "assistant", content: first.content }, user([{ type: "tool_result", tool_use_id: call.id, content: "ok" }])] })
      .finalMessage();
    assert.equal(textOf(second), "Done.");
    assert.equal(second.stop_reason, "end_turn");
    assert.equal(emulator.state.usage.length, 2);
    const third = await refusal(emulator, { ...base, messages: [user("again")] });
    assert.equal(third.status, 400);
    assert.match(third.message, /scenario exhausted/);
    emulator.reset();
    const afterReset = await client.messages.create({ ...base, tools, messages: [user("invite alice")] });
    assert.equal(afterReset.stop_reason, "tool_use", "reset re-installs the option's scenario from its first turn");
  });

  it("POST /_emulator/scenario installs, GET reports progress, DELETE returns to echo", async () => {
    const { client, emulator } = setup();
    const control = (method: string, body?: unknown) =>
      emulator.fetch("http://emu.local/_emulator/scenario", { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
    assert.equal((await control("POST", { turns: [{ content: [{ type: "tool_use" }] }] })).status, 400, "bad scenarios are refused");
    const installed = await control("POST", { turns: [{ content: "scripted", stop_reason: "end_turn" }], on_exhausted: "echo" });
    assert.equal(installed.status, 200);
    assert.deepEqual(await installed.json(), { installed: true, turns: 1, next: 0, remaining: 1 });
    assert.equal(textOf(await client.messages.create({ ...base, messages: [user("hi")] })), "scripted");
    assert.deepEqual(await (await control("GET")).json(), { installed: true, turns: 1, next: 1, remaining: 0 });
    assert.equal(textOf(await client.messages.create({ ...base, messages: [user("hi")] })), "Echo: hi", "on_exhausted echo");
    await control("POST", { turns: [{ content: "again" }] });
    assert.deepEqual(await (await control("DELETE")).json(), { installed: false });
    assert.equal(textOf(await client.messages.create({ ...base, messages: [user("hi")] })), "Echo: hi");
  });
});

describe("toolkit streaming", () => {
  it("createToolkit({sandbox:{scenario}}) passes the scenario to its emulator", async () => {
    const toolkit = createToolkit({ sandbox: { scenario: { turns: [{ content: "From the script." }] } }, audit: false });
    const result = await toolkit.run("ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE", { ...base, messages: [{ role: "user", content: "hi" }] });
    assert.equal(result.ok, true, JSON.stringify(result));
    if (result.ok) assert.equal(textOf(result.data as Anthropic.Message), "From the script.");
    await toolkit.close();
  });

  it("run(CREATE_MESSAGE, {stream:true}, {onEvent}) returns the assembled message equal to the streamed text", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    const events: Array<{ type: string } & Record<string, any>> = [];
    const result = await toolkit.run(
      "ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE",
      { model: "claude-sonnet-5-5", max_tokens: 300, stream: true, messages: [{ role: "user", content: "Streaming through the toolkit works end to end." }] },
      { onEvent: (e) => events.push(e) },
    );
    assert.equal(result.ok, true, JSON.stringify(result));
    if (!result.ok) return;
    const streamed = events
      .filter((e) => e.type === "content_block_delta" && e.delta.type === "text_delta")
      .map((e) => e.delta.text)
      .join("");
    const message = result.data as Anthropic.Message;
    assert.equal(streamed, "Echo: Streaming through the toolkit works end to end.");
    assert.equal(textOf(message), streamed);
    assert.equal(message.stop_reason, "end_turn");
    assert.equal(message.usage.output_tokens, Math.ceil(streamed.length / 4));
    assert.equal(events[0].type, "message_start");
    assert.equal(events.at(-1)!.type, "message_stop");
    const emulator = await toolkit.sandbox();
    assert.equal(emulator!.state.usage.length, 1);
    await toolkit.close();
  });
});
