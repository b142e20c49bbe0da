import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { cleanEnv, ROOT, runCli, spawnCli } from "./cli-harness.js";

const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function tempDir(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), "anthropic-admin-cli-"));
  dirs.push(d);
  return d;
}

describe("anthropic-admin emulator, audit and agent", () => {
  it("starts the emulator with fault rules (file and --fault), prints its URL and keys, and the CLI works against it with those", async () => {
    const faults = join(await tempDir(), "faults.json");
    const rule = { match: { tool: "GET_ORGANIZATION" }, fault: { kind: "status", status: 503, x_should_retry: false, message: "injected outage" } };
    await writeFile(faults, JSON.stringify([rule]));
    const child = spawn(process.execPath, ["--import", "tsx", "src/surfaces/cli/bin.ts", "emulator", "--port", "0", "--faults", faults, "--fault", "LIST_WORKSPACES:status=503,x_should_retry=false,message=flag outage"], {
      cwd: ROOT,
      env: cleanEnv(),
      stdio: ["ignore", "pipe", "pipe"],
    });
    try {
      let text = "";
      await new Promise<void>((resolve, reject) => {
        child.stdout.on("data", (d) => {
          text += d;
          if (text.includes("Press Ctrl+C")) resolve();
        });
        child.on("exit", (code) => reject(new Error(`emulator exited ${code}: ${text}`)));
      });
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
      const apiKey = /standard: (\S+)/.exec(text)?.[1];
      const adminKey = /admin: {4}(\S+)/.exec(text)?.[1];
      assert.ok(url && apiKey && adminKey, text);
      assert.match(text, /Emulator keys \(demo keys accepted by this emulator only/);
      assert.match(text, /Fault rules loaded: 2/);
      assert.match(text, new RegExp(`ANTHROPIC_BASE_URL=${url} ANTHROPIC_API_KEY=`));
      const env = cleanEnv({ ANTHROPIC_BASE_URL: url, ANTHROPIC_API_KEY: apiKey, ANTHROPIC_ADMIN_KEY: adminKey });
      const models = await spawnCli(["--no-audit", "--json", "models", "list", "--limit", "2"], { env });
      assert.equal(models.code, 0, models.stderr);
      assert.equal(JSON.parse(models.stdout).data.length, 2);
      // The injected 503 (not retryable) is a server failure: exit 5.
      const outage = await spawnCli(["--no-audit", "organization", "get"], { env });
      assert.equal(outage.code, 5, outage.stderr);
      assert.match(outage.stderr, /503: injected outage/);
      // The same through the short --fault form.
      const flagged = await spawnCli(["--no-audit", "workspaces", "list"], { env });
      assert.equal(flagged.code, 5, flagged.stderr);
      assert.match(flagged.stderr, /503: flag outage/);
      const wrong = await spawnCli(["--no-audit", "organization", "get"], { env: { ...env, ANTHROPIC_ADMIN_KEY: "sk-ant-admin01-wrong" } });
      assert.equal(wrong.code, 3);
      assert.match(wrong.stderr, /authentication_error 401/);
    } finally {
      child.kill("SIGTERM");
    }
  });

  it("tails and searches the audit log the calls wrote", async () => {
    const dir = await tempDir();
    const file = join(dir, "audit.jsonl");
    await runCli(["--sandbox", "--audit-file", file, "models", "list", "--limit", "1"]);
    await runCli(["--sandbox", "--audit-file", file, "models", "get", "claude-missing-1"]);
    const tail = await runCli(["--audit-file", file, "--json", "audit", "tail", "-n", "5"]);
    assert.equal(tail.code, 0, tail.stderr);
    const entries = JSON.parse(tail.stdout) as { tool: string; ok: boolean }[];
    assert.deepEqual(
      entries.map((e) => [e.tool, e.ok]),
      [
        ["ANTHROPIC_ADMINISTRATOR_LIST_MODELS", true],
        ["ANTHROPIC_ADMINISTRATOR_GET_MODEL", false],
      ],
    );
    const errors = await runCli(["--audit-file", file, "audit", "search", "--outcome", "error", "--since", "1h"]);
    assert.equal(errors.code, 0, errors.stderr);
    assert.match(errors.stdout, /GET_MODEL\s+read\s+error\s+404/);
    assert.doesNotMatch(errors.stdout, /LIST_MODELS/);
    const bad = await runCli(["--audit-file", file, "audit", "search", "--since", "yesterday-ish"]);
    assert.equal(bad.code, 2);
  });

  it("runs the agent on a scripted sandbox, refusing destructive calls without a terminal unless --yes", async () => {
    const dir = await tempDir();
    const scenario = join(dir, "scenario.json");
    const turns = (id: string) => ({
      turns: [
        { content: [{ type: "tool_use", id: "toolu_1", name: "ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES", input: {} }] },
        { content: [{ type: "tool_use", id: "toolu_2", name: "ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE", input: { workspace_id: id } }] },
        { content: "Finished." },
      ],
    });
    const list = await runCli(["--sandbox", "--no-audit", "--json", "workspaces", "list"]);
    const ws = (JSON.parse(list.stdout).data as { id: string; name: string }[]).find((w) => w.name === "Sandbox");
    assert.ok(ws);
    await writeFile(scenario, JSON.stringify(turns(ws.id)));
    const refused = await runCli(["--sandbox", "--no-audit", "agent", "--scenario", scenario, "archive the Sandbox workspace"]);
    assert.equal(refused.code, 0, refused.stderr);
    assert.equal(refused.stdout.trim(), "Finished.");
    assert.match(refused.stderr, /! destructive: ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE/);
    assert.match(refused.stderr, /refused: no terminal to ask/);
    const approved = await runCli(["--sandbox", "--no-audit", "agent", "--yes", "--scenario", scenario, "archive the Sandbox workspace"]);
    assert.equal(approved.code, 0, approved.stderr);
    assert.match(approved.stderr, /approved by --yes\n {2}ok\n/);
  });

  it("serves MCP over stdio with nothing but protocol frames on stdout", async () => {
    const frames = [
      { jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } } },
      { jsonrpc: "2.0", method: "notifications/initialized" },
      { jsonrpc: "2.0", id: 2, method: "tools/list" },
    ];
    const r = await spawnCli(["--no-audit", "mcp"], { input: `${frames.map((f) => JSON.stringify(f)).join("\n")}\n` });
    assert.equal(r.code, 0, r.stderr);
    const answers = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.deepEqual(
      answers.map((a) => a.id),
      [1, 2],
    );
    assert.ok(answers[1].result.tools.some((t: { name: string }) => t.name === "ANTHROPIC_ADMINISTRATOR_LIST_MODELS"));
    assert.match(r.stderr, /sandbox organization/);
  });

  it("prints MCP client set-up", async () => {
    const r = await runCli(["mcp", "--print-config", "claude-desktop"]);
    assert.equal(r.code, 0, r.stderr);
    assert.ok(JSON.parse(r.stdout).mcpServers);
    const bad = await runCli(["mcp", "--print-config", "emacs"]);
    assert.equal(bad.code, 2);
  });
});
