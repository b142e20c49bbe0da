import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import type { ToolkitOptions } from "../../src/verifier/options.js";

const T = (name: string) => `ANTHROPIC_ADMINISTRATOR_${name}`;

function setup(options: ToolkitOptions = {}) {
  const emulator = createEmulator();
  const sent: string[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    sent.push(`${req.method} ${new URL(req.url).pathname}`);
    return emulator.fetch(req);
  };
  const toolkit = createToolkit({ apiKey: emulator.apiKey, adminKey: emulator.adminKey, baseURL: "http://emu.local", fetch, audit: false, ...options });
  const writes = () => sent.filter((s) => !s.startsWith("GET "));
  return { emulator, toolkit, sent, writes };
}

/** A non-default, active workspace of the seeded organization. */
async function someWorkspace(toolkit: ReturnType<typeof createToolkit>) {
  const r = await toolkit.run<{ data: Array<{ id: string; name: string; archived_at: string | null }> }>(T("LIST_WORKSPACES"), {});
  assert.equal(r.ok, true);
  if (!r.ok) throw new Error("list failed");
  const ws = r.data.data.filter((w) => w.archived_at === null);
  assert.ok(ws.length >= 2, "the seed has at least two active workspaces");
  return ws;
}

describe("policy read_only", () => {
  it("hides every tool that can write, and refuses them without sending", async () => {
    const { toolkit, sent } = setup({ policy: "read_only" });
    const names = toolkit.operations().map((o) => o.tool);
    assert.ok(names.includes(T("LIST_WORKSPACES")));
    assert.ok(!names.includes(T("CREATE_WORKSPACE")));
    assert.ok(!names.includes(T("UPDATE_API_KEY")), "argument-dependent effects count as writes");
    assert.ok(!names.includes(T("CREATE_MESSAGE")));
    const defs = toolkit.tools("anthropic") as Array<{ name: string }>;
    assert.deepEqual(defs.map((d) => d.name), names);
    const r = await toolkit.run(T("CREATE_WORKSPACE"), { name: "nope" });
    assert.equal(r.ok, false);
    assert.equal(!r.ok && r.error.type, "policy_denied");
    assert.match(!r.ok ? r.error.message : "", /read_only/);
    assert.deepEqual(sent, []);
  });
});

describe("allowTools", () => {
  it("lists only allowed tools and refuses the others", async () => {
    const { toolkit, sent } = setup({ allowTools: [T("LIST_MODELS"), T("GET_MODEL")] });
    assert.deepEqual(toolkit.operations().map((o) => o.tool), [T("LIST_MODELS"), T("GET_MODEL")]);
    const denied = await toolkit.run(T("LIST_USERS"), {});
    assert.equal(!denied.ok && denied.error.type, "policy_denied");
    assert.deepEqual(sent, []);
    assert.equal((await toolkit.run(T("GET_MODEL"), { model_id: "claude-opus-5" })).ok, true);
  });
});

describe("policy confirm_destructive (default)", () => {
  it("answers an unconfirmed destructive call with a preview and sends no write", async () => {
    const { toolkit, writes } = setup();
    const [, target] = await someWorkspace(toolkit);
    const r = await toolkit.run(T("ARCHIVE_WORKSPACE"), { workspace_id: target.id });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.equal(r.error.type, "confirmation_required");
    assert.match(r.error.message, /confirm: true/);
    const preview = r.error.details?.preview as { request: { method: string; path: string }; effect: string; will: string; target: { id: string; name: string } };
    assert.deepEqual(preview.request, { method: "POST", path: `/v1/organizations/workspaces/${target.id}/archive`, body: {} });
    assert.equal(preview.effect, "destructive");
    assert.equal(preview.target.name, target.name, "the preview shows what would be archived");
    assert.deepEqual(writes(), []);
    const confirmed = await toolkit.run(T("ARCHIVE_WORKSPACE"), { workspace_id: target.id, confirm: true });
    assert.equal(confirmed.ok, true, JSON.stringify(confirmed));
    assert.equal(writes().length, 1);
  });

  it("judges argument-dependent effects: archiving a key needs confirm, renaming does not", async () => {
    const { toolkit } = setup();
    const keys = await toolkit.run<{ data: Array<{ id: string; status: string }> }>(T("LIST_API_KEYS"), { status: "active" });
    assert.equal(keys.ok, true);
    const id = keys.ok ? keys.data.data[0].id : "";
    const rename = await toolkit.run(T("UPDATE_API_KEY"), { api_key_id: id, name: "renamed" });
    assert.equal(rename.ok, true, JSON.stringify(rename));
    const archive = await toolkit.run(T("UPDATE_API_KEY"), { api_key_id: id, status: "archived" });
    assert.equal(!archive.ok && archive.error.type, "confirmation_required");
  });

  it("policy open lets a destructive call through without confirm", async () => {
    const { toolkit, writes } = setup({ policy: "open" });
    const [, target] = await someWorkspace(toolkit);
    const r = await toolkit.run(T("ARCHIVE_WORKSPACE"), { workspace_id: target.id });
    assert.equal(r.ok, true, JSON.stringify(r));
    assert.equal(writes().length, 1);
  });
});

describe("dry_run", () => {
  it("returns the exact request of a write and sends nothing", async () => {
    const { toolkit, sent } = setup();
    const r = await toolkit.run(T("CREATE_WORKSPACE"), { name: "Dry", dry_run: true });
    assert.equal(r.ok, true);
    if (!r.ok) return;
    assert.deepEqual(r.data, { dry_run: true, request: { method: "POST", path: "/v1/organizations/workspaces", body: { name: "Dry" } } });
    assert.equal(r.meta.dry_run, true);
    assert.equal(r.meta.attempts, 0);
    assert.deepEqual(sent, []);
  });

  it("previews a destructive call without needing confirm", async () => {
    const { toolkit, writes } = setup();
    const r = await toolkit.run(T("REMOVE_USER"), { user_id: "user_nope", dry_run: true });
    assert.equal(r.ok, true);
    assert.equal(r.ok && (r.data as { request: { method: string } }).request.method, "DELETE");
    assert.deepEqual(writes(), []);
  });
});

describe("allowWorkspaces", () => {
  it("refuses writes to other workspaces, including through an API key's workspace", async () => {
    const probe = setup();
    const [first, second] = await someWorkspace(probe.toolkit);
    const users = await probe.toolkit.run<{ data: Array<{ id: string }> }>(T("LIST_USERS"), {});
    const userId = users.ok ? users.data.data[0].id : "";
    const { toolkit, writes } = setup({ allowWorkspaces: [first.id] });
    const denied = await toolkit.run(T("ADD_WORKSPACE_MEMBER"), { workspace_id: second.id, user_id: userId, workspace_role: "workspace_user" });
    assert.equal(!denied.ok && denied.error.type, "policy_denied");
    assert.match(!denied.ok ? denied.error.message : "", new RegExp(second.id));
    assert.deepEqual(writes(), []);
    const allowed = await toolkit.run(T("ADD_WORKSPACE_MEMBER"), { workspace_id: first.id, user_id: userId, workspace_role: "workspace_user", dry_run: true });
    assert.equal(allowed.ok, true);
    const keys = await toolkit.run<{ data: Array<{ id: string }> }>(T("LIST_API_KEYS"), { workspace_id: second.id });
    const keyId = keys.ok ? keys.data.data[0]?.id : undefined;
    assert.ok(keyId, "the seed has a key in that workspace");
    const keyDenied = await toolkit.run(T("UPDATE_API_KEY"), { api_key_id: keyId, name: "x" });
    assert.equal(!keyDenied.ok && keyDenied.error.type, "policy_denied");
    assert.deepEqual(writes(), []);
    const read = await toolkit.run(T("LIST_WORKSPACE_MEMBERS"), { workspace_id: second.id });
    assert.equal(read.ok, true, "reads are not limited by allowWorkspaces");
  });

  it("fails closed on organization-level writes, which no workspace allowlist covers", async () => {
    const probe = setup();
    const [first] = await someWorkspace(probe.toolkit);
    const { toolkit, writes } = setup({ allowWorkspaces: [first.id], policy: "open" });
    for (const [tool, input] of [
      ["CREATE_WORKSPACE", { name: "Escape hatch" }],
      ["CREATE_INVITE", { email: "new.person@example.com", role: "developer" }],
    ] as const) {
      const r = await toolkit.run(T(tool), input);
      assert.equal(!r.ok && r.error.type, "policy_denied", tool);
      assert.match(!r.ok ? r.error.message : "", /the organization itself/);
    }
    assert.deepEqual(writes(), []);
  });
});
