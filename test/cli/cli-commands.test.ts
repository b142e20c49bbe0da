import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { centsToUsd, formatUsd, sumDecimals } from "../../src/money.js";
import { operations } from "../../src/operations/index.js";
import { runCli } from "./cli-harness.js";

// In-process runs of `main` against the sandbox: each run has its own seeded (deterministic) organization.
const S = ["--sandbox", "--no-audit"];

async function json(args: string[]) {
  const r = await runCli([...S, "--json", ...args]);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe("anthropic-admin commands (in-process)", () => {
  it("exports tools in every format, and refuses an unknown one", async () => {
    for (const format of ["anthropic", "openai", "openai-strict", "vercel-ai", "mcp", "json-schema"]) {
      const r = await runCli(["tools", "--format", format]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal((JSON.parse(r.stdout) as unknown[]).length, operations.length, format);
    }
    const table = await runCli(["tools"]);
    assert.match(table.stdout, /ANTHROPIC_ADMINISTRATOR_REMOVE_USER\s+users remove\s+destructive\s+admin/);
    const bad = await runCli(["tools", "--format", "yaml"]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--format: expected one of/);
  });

  it("filters users with the --role alias and prints one JSON line per item with --ndjson", async () => {
    const r = await runCli([...S, "--ndjson", "users", "list", "--role", "developer"]);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    assert.ok(lines.length > 0);
    assert.ok(lines.every((u) => u.role === "developer"));
  });

  it("creates an invite with --email and --role", async () => {
    const invite = await json(["invites", "create", "--email", "a@example.com", "--role", "developer"]);
    assert.equal(invite.email, "a@example.com");
    assert.equal(invite.status, "pending");
    const people = await runCli([...S, "invites", "create", "--email", "b@example.com", "--role", "developer"]);
    assert.match(people.stdout, /^status\s+pending$/m);
    assert.match(people.stdout, /^expires_at\s+\d{4}-\d\d-\d\d \d\d:\d\d UTC \(in 2\d days\)$/m);
  });

  it("adds a workspace member with --workspace, --user and --role", async () => {
    const workspaces = await json(["workspaces", "list"]);
    const ws = workspaces.data[0].id as string;
    const members = await json(["members", "list", ws]);
    const inWs = new Set(members.data.map((m: { user_id: string }) => m.user_id));
    const users = await json(["users", "list", "--role", "developer", "--all"]);
    const outsider = users.data.find((u: { id: string }) => !inWs.has(u.id));
    assert.ok(outsider, "the seed has a developer outside the first workspace");
    const added = await json(["members", "add", "--workspace", ws, "--user", outsider.id, "--role", "workspace_developer"]);
    assert.equal(added.workspace_role, "workspace_developer");
    assert.equal(added.user_id, outsider.id);
  });

  it("reports usage with --since and --group-by, with a totals row that matches the data", async () => {
    const page = await json(["usage", "report", "--since", "7d", "--group-by", "model"]);
    const results = page.data.flatMap((b: { results: Record<string, number>[] }) => b.results);
    const output = results.reduce((a: number, r: Record<string, number>) => a + r.output_tokens, 0);
    assert.ok(output > 0);
    const r = await runCli([...S, "usage", "report", "--since", "7d", "--group-by", "model"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^bucket\s+model\s+input\s+cache read\s+cache write\s+output/m);
    const total = r.stdout.split("\n").find((l) => l.startsWith("total"));
    assert.ok(total?.includes(output.toLocaleString("en-US")), `${total} has ${output}`);
  });

  it("reports cost by workspace with an exact USD total", async () => {
    const page = await json(["cost", "report", "--since", "30d", "--group-by", "workspace_id", "--all"]);
    const amounts = page.data.flatMap((b: { results: { amount: string }[] }) => b.results.map((x) => x.amount));
    const expected = formatUsd(centsToUsd(sumDecimals(amounts)));
    const r = await runCli([...S, "cost", "report", "--since", "30d", "--group-by", "workspace_id", "--all"]);
    assert.equal(r.code, 0, r.stderr);
    const total = r.stdout.split("\n").find((l) => l.startsWith("total")) ?? "";
    assert.ok(total.trim().endsWith(expected), `${total} ends with ${expected}`);
    assert.match(r.stdout, /^bucket\s+workspace_id\s+amount \(USD\)$/m);
  });

  it("reports Claude Code usage for a day given as --since", async () => {
    const r = await runCli([...S, "claude-code", "report", "--since", "2d"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^date\s+actor\s+terminal\s+sessions/m);
    assert.match(r.stdout, /^total\s/m);
  });

  it("refuses an unreadable --since with exit 2", async () => {
    const r = await runCli([...S, "usage", "report", "--since", "last tuesday"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--since: expected a duration like 7d/);
  });

  it("prints the exact request of a write with --dry-run and sends nothing", async () => {
    const r = await runCli([...S, "workspaces", "create", "--name", "Research 2", "--dry-run"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /dry run: would send POST \/v1\/organizations\/workspaces/);
    const j = await json(["workspaces", "create", "--name", "Research 2", "--dry-run"]);
    assert.equal(j.dry_run, true);
    assert.deepEqual({ method: j.request.method, path: j.request.path, body: j.request.body }, { method: "POST", path: "/v1/organizations/workspaces", body: { name: "Research 2" } });
    const after = await json(["workspaces", "list"]);
    assert.ok(!after.data.some((w: { name: string }) => w.name === "Research 2"));
  });

  it("judges the effect from the arguments: archiving a key needs --yes, deactivating does not", async () => {
    const keys = await json(["api-keys", "list", "--status", "active"]);
    const id = keys.data[0].id as string;
    const archive = await runCli([...S, "api-keys", "update", id, "--status", "archived"]);
    assert.equal(archive.code, 6);
    assert.match(archive.stderr, /would send: POST .*\{"status":"archived"\}/);
    const deactivate = await json(["api-keys", "update", id, "--status", "inactive"]);
    assert.equal(deactivate.status, "inactive");
  });

  it("applies --policy: read_only refuses writes with exit 6; an unknown policy exits 2", async () => {
    const ro = await runCli([...S, "--policy", "read_only", "workspaces", "create", "--name", "X"]);
    assert.equal(ro.code, 6);
    assert.match(ro.stderr, /policy_denied/);
    const bad = await runCli([...S, "--policy", "yolo", "models", "list"]);
    assert.equal(bad.code, 2);
  });

  it("reports progress on stderr while walking pages, keeping stdout clean", async () => {
    const r = await runCli([...S, "--json", "models", "list", "--all", "--limit", "5"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /walked \d+ pages, \d+ items/);
    assert.ok(Array.isArray(JSON.parse(r.stdout).data));
  });

  it("streams message events as NDJSON", async () => {
    const r = await runCli([...S, "--ndjson", "messages", "create", "--model", "claude-sonnet-5-5", "--stream", "hi there"]);
    assert.equal(r.code, 0, r.stderr);
    const types = r.stdout.trim().split("\n").map((l) => JSON.parse(l).type);
    assert.equal(types[0], "message_start");
    assert.equal(types[types.length - 1], "message_stop");
  });

  it("shows rate limits one row per limit, groups by name", async () => {
    const r = await runCli([...S, "rate-limits", "list"]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^id\s+group\s+models\s+group_type\s+limit\s+value$/m);
    assert.match(r.stdout, /^\s+output_tokens_per_minute\s+[\d,]+$/m);
  });

  it("counts tokens for a prompt", async () => {
    const r = await json(["messages", "count-tokens", "--model", "claude-sonnet-5-5", "count these words"]);
    assert.ok(r.input_tokens > 0);
  });
});
