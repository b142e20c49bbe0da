import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { searchAudit, tailAudit } from "../../src/audit/reader.js";
import { REDACTED, redact } from "../../src/audit/redact.js";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";

const T = (name: string) => `ANTHROPIC_ADMINISTRATOR_${name}`;
const dirs: string[] = [];
after(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), "h4b-audit-"));
  dirs.push(dir);
  const path = join(dir, "nested", "deeper", "audit.jsonl");
  const emulator = createEmulator();
  const toolkit = createToolkit({ apiKey: emulator.apiKey, adminKey: emulator.adminKey, baseURL: "http://emu.local", fetch: emulator.fetch, audit: { path } });
  return { path, emulator, toolkit };
}

describe("redact", () => {
  it("removes key-shaped strings anywhere and credential-named fields, keeps ids and counts", () => {
    const out = redact({
      api_key: "abc",
      access_token: "t",
      Authorization: "Bearer x",
      api_key_id: "apikey_01",
      max_tokens: 100,
      messages: [{ role: "user", content: "my key is sk-ant-api03-AbC_12-xyz ok" }],
    }) as Record<string, unknown>;
    assert.equal(out.api_key, REDACTED);
    assert.equal(out.access_token, REDACTED);
    assert.equal(out.Authorization, REDACTED);
    assert.equal(out.api_key_id, "apikey_01");
    assert.equal(out.max_tokens, 100);
    assert.deepEqual(out.messages, [{ role: "user", content: `my key is ${REDACTED} ok` }]);
  });
});

describe("audit log", () => {
  it("appends one redacted JSON line per call, successes and failures, creating directories", async () => {
    const { path, toolkit, emulator } = await setup();
    const ok = await toolkit.run(T("GET_MODEL"), { model_id: "claude-opus-5" });
    assert.equal(ok.ok, true);
    const bad = await toolkit.run(T("GET_MODEL"), { model_id: "nope" });
    assert.equal(bad.ok, false);
    const invalid = await toolkit.run(T("LIST_USERS"), { limit: 0, secret: emulator.adminKey, note: `leak ${emulator.apiKey}` });
    assert.equal(invalid.ok, false);
    const text = await readFile(path, "utf8");
    assert.ok(!text.includes(emulator.adminKey) && !text.includes(emulator.apiKey), "no key in the log");
    const lines = text.trim().split("\n").map((l) => JSON.parse(l));
    assert.equal(lines.length, 3);
    const [first, second, third] = lines;
    assert.equal(first.tool, T("GET_MODEL"));
    assert.equal(first.ok, true);
    assert.equal(first.outcome, "ok");
    assert.equal(first.status, 200);
    assert.match(first.request_id, /^req_/);
    assert.equal(first.attempts, 1);
    assert.equal(typeof first.duration_ms, "number");
    assert.ok(!Number.isNaN(Date.parse(first.time)));
    assert.deepEqual(first.input, { model_id: "claude-opus-5" });
    assert.equal(second.ok, false);
    assert.equal(second.status, 404);
    assert.equal(second.error_type, "not_found_error");
    assert.match(second.request_id, /^req_/);
    assert.equal(third.error_type, "invalid_input");
    assert.equal(third.attempts, 0);
    assert.equal(third.input.secret, REDACTED);
    assert.equal(third.input.note, `leak ${REDACTED}`);
  });

  it("records drift, dry runs, and the Verifier's own reads marked internal", async () => {
    const { path, toolkit } = await setup();
    const ws = await toolkit.run<{ data: Array<{ id: string }> }>(T("LIST_WORKSPACES"), {});
    const id = ws.ok ? ws.data.data[0].id : "";
    await toolkit.run(T("CREATE_WORKSPACE"), { name: "Dry", dry_run: true });
    await toolkit.run(T("ARCHIVE_WORKSPACE"), { workspace_id: id }); // preview reads the workspace
    const lines = (await readFile(path, "utf8")).trim().split("\n").map((l) => JSON.parse(l));
    const dry = lines.find((l) => l.tool === T("CREATE_WORKSPACE"));
    assert.equal(dry.dry_run, true);
    assert.equal(dry.attempts, 0);
    const internal = lines.filter((l) => l.internal === true);
    assert.equal(internal.length, 1);
    assert.equal(internal[0].tool, T("GET_WORKSPACE"));
    const archive = lines.find((l) => l.tool === T("ARCHIVE_WORKSPACE"));
    assert.equal(archive.error_type, "confirmation_required");
    assert.equal(archive.effect, "destructive");
  });

  it("warns once and keeps working when the log cannot be written", async () => {
    const dir = await mkdtemp(join(tmpdir(), "h4b-audit-bad-"));
    dirs.push(dir);
    const blocker = join(dir, "file");
    await writeFile(blocker, "not a directory");
    const warnings: string[] = [];
    const toolkit = createToolkit({ sandbox: true, audit: { path: join(blocker, "audit.jsonl") }, warn: (m) => warnings.push(m) });
    assert.equal((await toolkit.run(T("LIST_MODELS"), {})).ok, true);
    assert.equal((await toolkit.run(T("LIST_MODELS"), {})).ok, true);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /audit log/);
  });
});

describe("tailAudit and searchAudit", () => {
  it("tails the last entries and filters by tool, time and outcome", async () => {
    const { path, toolkit } = await setup();
    await toolkit.run(T("LIST_MODELS"), {});
    await toolkit.run(T("GET_MODEL"), { model_id: "claude-opus-5" });
    await toolkit.run(T("GET_MODEL"), { model_id: "nope" });
    await toolkit.run(T("GET_ORGANIZATION"), {});
    const tail = await tailAudit(path, 2);
    assert.deepEqual(tail.map((e) => e.tool), [T("GET_MODEL"), T("GET_ORGANIZATION")]);
    assert.equal((await searchAudit(path, { tool: T("GET_MODEL") })).length, 2);
    assert.equal((await searchAudit(path, { tool: "get_model" })).length, 2, "case-insensitive substring");
    assert.deepEqual((await searchAudit(path, { outcome: "error" })).map((e) => e.tool), [T("GET_MODEL")]);
    assert.equal((await searchAudit(path, { outcome: "ok" })).length, 3);
    assert.equal((await searchAudit(path, { since: "1h" })).length, 4);
    assert.equal((await searchAudit(path, { since: new Date(Date.now() + 60_000) })).length, 0);
    assert.equal((await searchAudit(path, { until: "2000-01-01T00:00:00Z" })).length, 0);
    await assert.rejects(searchAudit(path, { since: "yesterday-ish" }), /since/);
    assert.deepEqual(await tailAudit(join(path, "..", "missing.jsonl"), 5), []);
  });
});
