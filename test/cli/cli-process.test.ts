import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { operations } from "../../src/operations/index.js";
import { cleanEnv, spawnCli } from "./cli-harness.js";

// The CLI as a spawned process, each run with its own in-process sandbox organization.
const S = ["--sandbox", "--no-audit"];

describe("anthropic-admin as a process", () => {
  it("lists models as a table for people", async () => {
    const r = await spawnCli([...S, "models", "list"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n");
    assert.match(lines[0], /^id\s+display_name/);
    assert.match(lines[1], /^-+\s+-+/);
    assert.ok(lines.some((l) => l.startsWith("claude-")));
    assert.match(r.stdout, /\d+ items/);
  });

  it("lists models as JSON for machines", async () => {
    const r = await spawnCli([...S, "models", "list", "--limit", "3", "--json"]);
    assert.equal(r.code, 0, r.stderr);
    const page = JSON.parse(r.stdout);
    assert.equal(page.data.length, 3);
    assert.equal(typeof page.has_more, "boolean");
    assert.equal(page.data[0].type, "model");
  });

  it("gets a model by positional id, and an unknown one exits 4 with a one-line error", async () => {
    const list = JSON.parse((await spawnCli([...S, "models", "list", "--limit", "1", "--json"])).stdout);
    const id = list.data[0].id as string;
    const ok = await spawnCli([...S, "models", "get", id]);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`^id\\s+${id}$`, "m"));
    const missing = await spawnCli([...S, "models", "get", "claude-nonexistent-9"]);
    assert.equal(missing.code, 4);
    assert.equal(missing.stdout, "");
    assert.equal(missing.stderr.trim().split("\n").length, 1);
    assert.match(missing.stderr, /not_found_error 404: .*hint: .*models list/);
  });

  it("sends a message with a positional prompt, and streams it", async () => {
    const r = await spawnCli([...S, "messages", "create", "--model", "claude-sonnet-5-5", "--max-tokens", "64", "Hello from the CLI"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Hello from the CLI/);
    assert.match(r.stderr, /stop_reason end_turn/);
    const s = await spawnCli([...S, "messages", "create", "--model", "claude-sonnet-5-5", "--stream", "Streamed words here"]);
    assert.equal(s.code, 0, s.stderr);
    assert.match(s.stdout, /Streamed words here\n$/);
  });

  it("calls any tool by name with JSON as an argument or on stdin", async () => {
    const arg = await spawnCli([...S, "--json", "call", "ANTHROPIC_ADMINISTRATOR_COUNT_MESSAGE_TOKENS", '{"model":"claude-sonnet-5-5","messages":[{"role":"user","content":"hi"}]}']);
    assert.equal(arg.code, 0, arg.stderr);
    assert.ok(JSON.parse(arg.stdout).input_tokens > 0);
    const piped = await spawnCli([...S, "--json", "call", "ANTHROPIC_ADMINISTRATOR_LIST_MODELS"], { input: '{"limit":2}' });
    assert.equal(piped.code, 0, piped.stderr);
    assert.equal(JSON.parse(piped.stdout).data.length, 2);
    const unknown = await spawnCli([...S, "call", "ANTHROPIC_ADMINISTRATOR_NOPE", "{}"]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown_tool/);
  });

  it("prints tool definitions (every format is covered in-process in cli-commands.test.ts)", async () => {
    const r = await spawnCli(["tools", "--format", "anthropic"]);
    assert.equal(r.code, 0, r.stderr);
    const defs = JSON.parse(r.stdout) as { name: string; input_schema: { type: string } }[];
    assert.equal(defs.length, operations.length);
    assert.ok(defs.every((d) => d.input_schema.type === "object"));
  });

  it("shows each field's description from the registry in --help", async () => {
    const r = await spawnCli(["messages", "create", "--help"]);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /--max-tokens <n>\s+Maximum tokens to generate/);
    assert.match(r.stdout, /--stop-sequences <value,\.\.\.>\s+Strings that end generation/);
    assert.match(r.stdout, /Tool: ANTHROPIC_ADMINISTRATOR_CREATE_MESSAGE/);
    const users = await spawnCli(["users", "list", "--help"]);
    assert.match(users.stdout, /--role <value>/);
    assert.match(users.stdout, /--all\s+Walk every page/);
  });

  it("refuses bad input with exit 2 and one line naming the flag, sending nothing", async () => {
    const r = await spawnCli([...S, "messages", "create", "--model", "claude-sonnet-5-5", "--max-tokens", "lots", "hi"]);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, "");
    assert.equal(r.stderr.trim().split("\n").length, 1);
    assert.match(r.stderr, /invalid_input: --max-tokens: expected number, received "lots"/);
    const unknownFlag = await spawnCli([...S, "models", "list", "--colour", "red"]);
    assert.equal(unknownFlag.code, 2);
  });

  it("exits 3 naming the variable when a key is missing", async () => {
    const env = cleanEnv({ ANTHROPIC_BASE_URL: "http://127.0.0.1:9" });
    const admin = await spawnCli(["--no-audit", "organization", "get"], { env });
    assert.equal(admin.code, 3);
    assert.match(admin.stderr, /configuration_error: .*ANTHROPIC_ADMIN_KEY/);
    const api = await spawnCli(["--no-audit", "models", "list"], { env });
    assert.equal(api.code, 3);
    assert.match(api.stderr, /ANTHROPIC_API_KEY/);
  });

  it("asks for --yes before a destructive call, printing what would happen", async () => {
    const members = JSON.parse((await spawnCli([...S, "users", "list", "--role", "developer", "--json"])).stdout);
    const user = members.data[0].id as string;
    const r = await spawnCli([...S, "users", "remove", user]);
    assert.equal(r.code, 6);
    assert.match(r.stderr, new RegExp(`would send: DELETE /v1/organizations/users/${user}`));
    assert.match(r.stderr, /re-run with --yes/);
    // The same process with --yes removes the user and then cannot find them.
    const done = await spawnCli([...S, "--json", "users", "remove", user, "--yes"]);
    assert.equal(done.code, 0, done.stderr);
    assert.equal(JSON.parse(done.stdout).id, user);
  });
});
