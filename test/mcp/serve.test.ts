import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { toolkitForEnvironment } from "../../src/surfaces/mcp/mode.js";
import { CONFIG_KINDS, configHint, installedBin, printConfig } from "../../src/surfaces/mcp/print-config.js";
import { startServe } from "../../src/surfaces/mcp/serve.js";

describe("startServe (the main job)", () => {
  it("serves the sandbox organization when no key is set, says so in one line, and prints the generated token", async () => {
    const lines: string[] = [];
    const handle = await startServe({ port: 0, env: {}, toolkit: { audit: false }, log: (l) => lines.push(l) });
    try {
      assert.equal(handle.mode, "sandbox");
      assert.match(handle.url, /^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
      assert.equal(lines.filter((l) => /sandbox organization/.test(l)).length, 1);
      assert.ok(lines.some((l) => l.includes(handle.token)));
      const client = new Client({ name: "t", version: "0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(handle.url), { requestInit: { headers: { authorization: `Bearer ${handle.token}` } } }),
      );
      const result = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS", arguments: { limit: 1 } });
      assert.equal((result.structuredContent as { data: unknown[] }).data.length, 1);
      await client.close();
    } finally {
      await handle.close();
    }
  });

  it("in sandbox mode, the emulator listens too, so the CLI and the MCP tools share one organization", async () => {
    const lines: string[] = [];
    const handle = await startServe({ port: 0, emulatorPort: 0, env: {}, toolkit: { audit: false }, log: (l) => lines.push(l) });
    try {
      assert.match(handle.emulatorUrl ?? "", /^http:\/\/127\.0\.0\.1:\d+$/);
      const hint = lines.find((l) => l.startsWith("Try the CLI on the same organization"));
      assert.ok(hint, "prints how to point the CLI at the emulator");
      const admin = /ANTHROPIC_ADMIN_KEY=(\S+)/.exec(hint ?? "")?.[1];
      assert.ok(admin?.startsWith("sk-ant-admin01-"));
      const client = new Client({ name: "t", version: "0" });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(handle.url), { requestInit: { headers: { authorization: `Bearer ${handle.token}` } } }),
      );
      const made = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE", arguments: { name: "Shared via MCP" } });
      assert.notEqual(made.isError, true);
      await client.close();
      const res = await fetch(`${handle.emulatorUrl}/v1/organizations/workspaces?limit=100`, {
        headers: { "x-api-key": admin ?? "", "anthropic-version": "2023-06-01" },
      });
      const page = (await res.json()) as { data: { name: string }[] };
      assert.ok(page.data.some((w) => w.name === "Shared via MCP"), "the workspace made through MCP is visible over the emulator's HTTP API");
    } finally {
      await handle.close();
    }
  });

  it("serves the real API when a key is set, naming variables but never values, and keeps a given token quiet", async () => {
    const lines: string[] = [];
    const secret = "sk-ant-admin01-SECRETSECRET";
    const handle = await startServe({
      port: 0,
      token: "given-token-given-token",
      env: { ANTHROPIC_ADMIN_KEY: secret },
      toolkit: { audit: false },
      log: (l) => lines.push(l),
    });
    try {
      assert.equal(handle.mode, "api");
      const text = lines.join("\n");
      assert.match(text, /Serving the Anthropic API at https:\/\/api\.anthropic\.com with ANTHROPIC_ADMIN_KEY/);
      assert.doesNotMatch(text, /SECRET|given-token/);
    } finally {
      await handle.close();
    }
  });

  it("takes guardrails from the environment (for MCP client configs), with explicit options winning", async () => {
    const env = { ANTHROPIC_ADMIN_POLICY: "read_only", ANTHROPIC_ADMIN_ALLOW_TOOLS: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS, ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE" };
    const fromEnv = toolkitForEnvironment({ audit: false }, env);
    assert.equal(fromEnv.toolkit.options.policy, "read_only");
    assert.deepEqual(
      fromEnv.toolkit.operations().map((o) => o.tool),
      ["ANTHROPIC_ADMINISTRATOR_LIST_MODELS"],
    );
    assert.match(fromEnv.line, /Guardrails: policy read_only, 2 allowed tools\./);
    const flagWins = toolkitForEnvironment({ audit: false, policy: "open" }, env);
    assert.equal(flagWins.toolkit.options.policy, "open");
    assert.throws(() => toolkitForEnvironment({}, { ANTHROPIC_ADMIN_POLICY: "yolo" }), /must be one of read_only/);
    await fromEnv.toolkit.close();
    await flagWins.toolkit.close();
  });

  it("toolkitForEnvironment picks the sandbox only without keys", async () => {
    const none = toolkitForEnvironment({ audit: false }, {});
    const api = toolkitForEnvironment({ audit: false }, { ANTHROPIC_API_KEY: "sk-ant-api03-x" });
    assert.equal(none.mode, "sandbox");
    assert.ok(await none.toolkit.sandbox());
    assert.equal(api.mode, "api");
    assert.equal(await api.toolkit.sandbox(), undefined);
    await none.toolkit.close();
  });
});

describe("printConfig", () => {
  it("prints valid JSON with an mcpServers entry for Claude Desktop and Cursor", () => {
    for (const kind of ["claude-desktop", "cursor"]) {
      const parsed = JSON.parse(printConfig(kind)) as { mcpServers: Record<string, { command: string; args: string[]; env: Record<string, string> }> };
      const entry = parsed.mcpServers["anthropic-admin"];
      assert.equal(entry.command, "node");
      assert.deepEqual(entry.args, [installedBin(), "mcp"]);
      assert.match(entry.args[0], /dist\/src\/surfaces\/cli\/bin\.js$/);
      assert.deepEqual(Object.keys(entry.env).sort(), ["ANTHROPIC_ADMIN_KEY", "ANTHROPIC_API_KEY"]);
    }
  });

  it("prints a claude mcp add command for Claude Code", () => {
    const text = printConfig("claude-code");
    assert.match(text, /^claude mcp add anthropic-admin /);
    assert.match(text, /--env ANTHROPIC_ADMIN_KEY=/);
    assert.ok(text.endsWith(`-- node ${JSON.stringify(installedBin())} mcp`));
  });

  it("has a hint for every kind and refuses unknown kinds", () => {
    for (const kind of CONFIG_KINDS) assert.ok(configHint(kind).length > 20);
    assert.throws(() => printConfig("vim"), /use one of claude-desktop, claude-code, cursor/);
  });
});
