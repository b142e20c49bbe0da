import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const ENTRY = fileURLToPath(new URL("../../src/surfaces/mcp/stdio-main.ts", import.meta.url));
const TSX = import.meta.resolve("tsx");

/** The child's environment: no keys (so it serves the sandbox), no inherited secrets. */
function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith("ANTHROPIC_")) env[k] = v;
  }
  return env;
}

describe("stdio server in a spawned process", () => {
  it("writes nothing but JSON-RPC frames on stdout and says sandbox on stderr", async () => {
    const child = spawn(process.execPath, ["--import", TSX, ENTRY], {
      cwd: mkdtempSync(join(tmpdir(), "mcp-stdio-")),
      env: childEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    const frames = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
      { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: "ANTHROPIC_ADMINISTRATOR_LIST_MODELS", arguments: { limit: 1 } } },
    ];
    child.stdin.write(frames.map((f) => `${JSON.stringify(f)}\n`).join(""));
    const deadline = Date.now() + 30_000;
    while ((stdout.match(/\n/g)?.length ?? 0) < 3 && Date.now() < deadline && child.exitCode === null) {
      await new Promise((r) => setTimeout(r, 50));
    }
    child.stdin.end();
    const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
    const lines = stdout.split("\n").filter((l) => l !== "");
    assert.equal(lines.length, 3, `stdout: ${stdout}\nstderr: ${stderr}`);
    const messages = lines.map((l) => JSON.parse(l) as { jsonrpc: string; id: number; result: Record<string, unknown> });
    for (const m of messages) assert.equal(m.jsonrpc, "2.0");
    assert.deepEqual(messages.map((m) => m.id), [1, 2, 3]);
    assert.ok((messages[1].result.tools as unknown[]).length >= 4);
    const call = messages[2].result as { structuredContent: { data: unknown[] }; isError?: boolean };
    assert.equal(call.isError, undefined);
    assert.equal(call.structuredContent.data.length, 1);
    assert.match(stderr, /serving the built-in sandbox organization/);
    assert.equal(code, 0);
  });

  it("works with the SDK's StdioClientTransport", async () => {
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ["--import", TSX, ENTRY],
      env: childEnv(),
      cwd: mkdtempSync(join(tmpdir(), "mcp-stdio-")),
      stderr: "pipe",
    });
    const client = new Client({ name: "test", version: "0" });
    await client.connect(transport);
    try {
      const { tools } = await client.listTools();
      assert.ok(tools.some((t) => t.name === "ANTHROPIC_ADMINISTRATOR_GET_MODEL"));
      const bad = await client.callTool({ name: "ANTHROPIC_ADMINISTRATOR_GET_MODEL", arguments: {} });
      assert.equal(bad.isError, true);
      assert.match(JSON.stringify(bad.content), /model_id: required field is missing/);
    } finally {
      await client.close();
    }
  });
});
