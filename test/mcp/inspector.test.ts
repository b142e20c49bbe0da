import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { operations } from "../../src/operations/index.js";
import { type HttpServerHandle, startHttpServer } from "../../src/surfaces/mcp/http.js";
import { createToolkit, type Toolkit } from "../../src/surfaces/toolkit.js";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** `npx @modelcontextprotocol/inspector --cli` runs this bin; calling it directly keeps the test offline. */
const INSPECTOR = join(ROOT, "node_modules/@modelcontextprotocol/inspector/cli/build/cli.js");
const ENTRY = join(ROOT, "src/surfaces/mcp/stdio-main.ts");
const TSX = import.meta.resolve("tsx");
const skip = existsSync(INSPECTOR) ? false : "MCP Inspector devDependency is not installed (node_modules/@modelcontextprotocol/inspector)";

function childEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith("ANTHROPIC_")) env[k] = v;
  return env;
}

async function inspector(args: string[], cwd: string): Promise<Record<string, unknown>> {
  const { stdout } = await run(process.execPath, [INSPECTOR, "--cli", ...args], { cwd, env: childEnv(), timeout: 60_000 });
  return JSON.parse(stdout) as Record<string, unknown>;
}

describe("MCP Inspector CLI (independent client)", { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), "mcp-inspector-"));
  // The inspector reads the same mcpServers config shape printConfig emits.
  const config = join(dir, "mcp.json");
  writeFileSync(config, JSON.stringify({ mcpServers: { "anthropic-admin": { command: process.execPath, args: ["--import", TSX, ENTRY] } } }));
  const stdio = ["--config", config, "--server", "anthropic-admin"];

  it("lists every tool over stdio", async () => {
    const out = (await inspector([...stdio, "--method", "tools/list"], dir)) as { tools: { name: string; inputSchema: { type: string } }[] };
    assert.deepEqual(out.tools.map((t) => t.name).sort(), operations.map((o) => o.tool).sort());
    for (const tool of out.tools) assert.equal(tool.inputSchema.type, "object");
  });

  it("calls a tool over stdio", async () => {
    const out = await inspector(
      [...stdio, "--method", "tools/call", "--tool-name", "ANTHROPIC_ADMINISTRATOR_GET_MODEL", "--tool-arg", "model_id=claude-haiku-4-5"],
      dir,
    );
    assert.equal(out.isError, undefined);
    assert.match(String((out.structuredContent as { id: string }).id), /^claude-haiku-4-5/);
  });

  describe("over Streamable HTTP", () => {
    let toolkit: Toolkit;
    let server: HttpServerHandle;
    before(async () => {
      toolkit = createToolkit({ sandbox: true, audit: false });
      // Inspector 0.15's CLI cannot send headers, so the token rides in the URL here (opt-in).
      server = await startHttpServer({ toolkit, port: 0, allowQueryToken: true });
    });
    after(async () => {
      await server.close();
      await toolkit.close();
    });

    it("lists and calls the tools", async () => {
      const url = `${server.url}/mcp?token=${server.token}`;
      const list = (await inspector([url, "--transport", "http", "--method", "tools/list"], dir)) as { tools: { name: string }[] };
      assert.equal(list.tools.length, operations.length);
      const call = await inspector(
        [url, "--transport", "http", "--method", "tools/call", "--tool-name", "ANTHROPIC_ADMINISTRATOR_LIST_MODELS"],
        dir,
      );
      assert.ok((call.structuredContent as { data: unknown[] }).data.length > 0);
    });

    it("is refused without the token", async () => {
      await assert.rejects(inspector([`${server.url}/mcp`, "--transport", "http", "--method", "tools/list"], dir));
    });
  });
});
