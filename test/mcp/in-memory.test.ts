import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { operations } from "../../src/operations/index.js";
import { createMcpServer } from "../../src/surfaces/mcp/server.js";
import { lintToolDefinitions } from "../../src/surfaces/schema-lint.js";
import { createToolkit, type Toolkit } from "../../src/surfaces/toolkit.js";

const LIST_MODELS = "ANTHROPIC_ADMINISTRATOR_LIST_MODELS";

async function connect(toolkit: Toolkit) {
  const server = createMcpServer(toolkit);
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: "test", version: "0" });
  await server.connect(serverSide);
  await client.connect(clientSide);
  return { client, server };
}

function textOf(result: unknown): string {
  return (((result as { content?: unknown }).content ?? []) as { type: string; text?: string }[]).map((c) => c.text ?? "").join("\n");
}

describe("MCP server over the in-memory transport", () => {
  let toolkit: Toolkit;
  let client: Client;
  before(async () => {
    toolkit = createToolkit({ sandbox: true, audit: false });
    ({ client } = await connect(toolkit));
  });
  after(async () => {
    await client.close();
    await toolkit.close();
  });

  it("announces itself and the tools capability", () => {
    assert.equal(client.getServerVersion()?.name, "anthropic-administrator");
    assert.ok(client.getServerCapabilities()?.tools);
  });

  it("lists every registry tool with title, schemas and annotations that pass the linter", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), operations.map((o) => o.tool).sort());
    assert.deepEqual(lintToolDefinitions("mcp", tools), []);
    for (const tool of tools) {
      assert.ok(tool.title, `${tool.name} has a title`);
      assert.equal(tool.outputSchema?.type, "object");
      assert.equal(typeof tool.annotations?.readOnlyHint, "boolean");
      assert.equal(typeof tool.annotations?.destructiveHint, "boolean");
      assert.equal(typeof tool.annotations?.idempotentHint, "boolean");
      assert.equal(tool.annotations?.openWorldHint, true);
    }
    const list = tools.find((t) => t.name === LIST_MODELS);
    assert.equal(list?.annotations?.readOnlyHint, true);
    assert.equal(list?.annotations?.destructiveHint, false);
  });

  it("calls LIST_MODELS on the sandbox: structuredContent plus JSON text (the client validates it against outputSchema)", async () => {
    const result = await client.callTool({ name: LIST_MODELS, arguments: { limit: 2 } });
    assert.notEqual(result.isError, true);
    const page = result.structuredContent as { data: { id: string }[]; has_more: boolean };
    assert.equal(page.data.length, 2);
    assert.equal(page.has_more, true);
    assert.deepEqual(JSON.parse(textOf(result)), page);
  });

  it("walks every page with all: true", async () => {
    const result = await client.callTool({ name: LIST_MODELS, arguments: { all: true, limit: 1 } });
    const page = result.structuredContent as { data: unknown[] };
    assert.ok(page.data.length > 2);
  });

  it("reports walk progress to a client that asks for it", async () => {
    const seen: { progress: number; message?: string }[] = [];
    const result = await client.callTool({ name: LIST_MODELS, arguments: { all: true, limit: 2 } }, undefined, {
      onprogress: (p) => seen.push(p),
    });
    const items = (result.structuredContent as { data: unknown[] }).data.length;
    assert.ok(seen.length >= 2, `progress notifications: ${seen.length}`);
    assert.deepEqual(
      seen.map((p) => p.progress),
      seen.map((_, i) => i + 1),
    );
    assert.match(seen.at(-1)?.message ?? "", new RegExp(`${items} items`));
  });

  it("returns invalid input as an isError result naming each field", async () => {
    const result = await client.callTool({ name: LIST_MODELS, arguments: { limit: 0, bogus: 1 } });
    assert.equal(result.isError, true);
    const text = textOf(result);
    assert.match(text, /^invalid_input:/);
    assert.match(text, /- limit: expected at least 1/);
    assert.match(text, /- bogus: unknown field "bogus"/);
    assert.equal(result.structuredContent, undefined);
  });

  it("returns a not-found API error as an isError result", async () => {
    const result = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_GET_MODEL", arguments: { model_id: "nope" } });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /^not_found_error:/);
    assert.match(textOf(result), /request_id: req_/);
  });

  it("answers a dry run with the request, accepted by the client's outputSchema check", async () => {
    const result = await client.callTool({
      name: "ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE",
      arguments: { name: "Dry", dry_run: true },
    });
    assert.notEqual(result.isError, true);
    const data = result.structuredContent as { dry_run: boolean; request: { method: string; path: string } };
    assert.equal(data.dry_run, true);
    assert.equal(data.request.method, "POST");
    assert.equal(data.request.path, "/v1/organizations/workspaces");
  });

  it("asks for confirm: true on a destructive call, with a preview, and carries it out when confirmed", async () => {
    const created = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE", arguments: { name: "Doomed" } });
    const id = (created.structuredContent as { id: string }).id;
    const refused = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE", arguments: { workspace_id: id } });
    assert.equal(refused.isError, true);
    assert.match(textOf(refused), /^confirmation_required:/);
    assert.match(textOf(refused), /Needs confirm: true/);
    assert.match(textOf(refused), /Preview: .*Doomed/);
    const done = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE", arguments: { workspace_id: id, confirm: true } });
    assert.notEqual(done.isError, true);
    assert.ok((done.structuredContent as { archived_at: string | null }).archived_at);
  });

  it("answers an unknown tool with an isError result, not a protocol error", async () => {
    const result = await client.callTool({ name: "NOPE", arguments: {} });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /tools\/list/);
  });
});

describe("MCP tool list under a policy", () => {
  it("read_only lists only reads and refuses a hidden write as an isError result", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false, policy: "read_only" });
    const { client } = await connect(toolkit);
    const { tools } = await client.listTools();
    assert.ok(tools.length > 0);
    for (const tool of tools) assert.equal(tool.annotations?.readOnlyHint, true, tool.name);
    const result = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE", arguments: { name: "x" } });
    assert.equal(result.isError, true);
    await client.close();
    await toolkit.close();
  });

  it("allowTools lists exactly the allowed tools", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false, allowTools: [LIST_MODELS] });
    const { client } = await connect(toolkit);
    const { tools } = await client.listTools();
    assert.deepEqual(
      tools.map((t) => t.name),
      [LIST_MODELS],
    );
    await client.close();
    await toolkit.close();
  });
});

describe("MCP error texts a model can act on", () => {
  it("says which key to set when the admin key is missing", async () => {
    const adminOp = operations.find((o) => o.key === "admin");
    if (!adminOp) return; // admin operations not registered yet: nothing to call
    const toolkit = createToolkit({ apiKey: "sk-ant-api03-x", baseURL: "http://nowhere.invalid", audit: false });
    const { client } = await connect(toolkit);
    const input = Object.fromEntries(
      Object.keys(adminOp.input.shape)
        .filter((k) => !adminOp.input.shape[k].safeParse(undefined).success)
        .map((k) => [k, "x"]),
    );
    const result = await client.callTool({ name: adminOp.tool, arguments: input });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /admin key missing: set ANTHROPIC_ADMIN_KEY/i);
    await client.close();
  });
});
