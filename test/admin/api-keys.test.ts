import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { API_KEY_LIMITS } from "../../src/emulator/behaviours/api-keys.js";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";
import type { ApiKey } from "../../src/operations/api-keys.js";
import { effectOf, worstEffect } from "../../src/operations/derive.js";
import { findOperation, operations } from "../../src/operations/index.js";
import { fails, ok, raw, reader, sandbox, workspaceNamed } from "./workspace-fixtures.js";

type Page = { data: ApiKey[]; has_more: boolean; first_id: string | null; last_id: string | null };

async function mint(emu: Emulator, body: Record<string, unknown>) {
  const res = await emu.fetch("http://emu.local/_emulator/api-keys", { method: "POST", body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as ApiKey & { key: string } & { error?: { type: string; message: string } } };
}

/** Calls an inference-side route with a standard key; 200 means the key works. */
async function keyWorks(emu: Emulator, secret: string): Promise<boolean> {
  const res = await emu.fetch("http://emu.local/v1/models?limit=1", { headers: { "x-api-key": secret, "anthropic-version": "2023-06-01" } });
  return res.status === 200;
}

describe("API keys", () => {
  it("lists keys without secrets, with scope and the deprecated workspace_id", async () => {
    const { tk, emu } = await sandbox();
    const page = await ok<Page>(tk, "LIST_API_KEYS", { all: true });
    assert.equal(page.data.length, emu.state.apiKeys.size);
    const text = JSON.stringify(page);
    assert.equal(text.includes(emu.apiKey), false);
    assert.equal(text.includes("_secret"), false);
    for (const k of emu.state.apiKeys.all()) assert.equal(text.includes(k._secret), false);
    const def = emu.state.workspaces.all().find((w) => w._default);
    const demo = page.data.find((k) => k.scope?.type === "workspace" && k.scope.workspace_id === def?.id);
    assert.ok(demo);
    assert.equal(demo.workspace_id, null, "Default Workspace keys carry workspace_id null");
    const research = workspaceNamed(emu, "Research");
    const rk = page.data.find((k) => k.scope?.type === "workspace" && k.scope.workspace_id === research.id);
    assert.equal(rk?.workspace_id, research.id);
    assert.ok(page.data.some((k) => k.scope?.type === "organization" && k.workspace_id === null));
    assert.match(demo.partial_key_hint ?? "", /^sk-ant-api03-.{4}\.\.\..{4}$/);
  });

  it("filters by status, workspace_id and created_by_user_id", async () => {
    const { tk, emu } = await sandbox();
    for (const status of ["active", "inactive", "archived"] as const) {
      const page = await ok<Page>(tk, "LIST_API_KEYS", { status, all: true });
      assert.ok(page.data.length > 0, status);
      assert.ok(page.data.every((k) => k.status === status));
    }
    const def = emu.state.workspaces.all().find((w) => w._default);
    assert.ok(def);
    const inDefault = await ok<Page>(tk, "LIST_API_KEYS", { workspace_id: def.id });
    assert.ok(inDefault.data.length >= 1);
    assert.ok(inDefault.data.every((k) => k.scope?.type === "workspace" && k.scope.workspace_id === def.id), "org-scoped keys never match");
    const creator = emu.state.apiKeys.all().find((k) => k.name === "prod-backend")?.created_by?.id;
    assert.ok(creator);
    const mine = await ok<Page>(tk, "LIST_API_KEYS", { created_by_user_id: creator });
    assert.ok(mine.data.length >= 2);
    assert.ok(mine.data.every((k) => k.created_by?.id === creator));
  });

  it("gets a key and answers 404 for unknown ids", async () => {
    const { tk, emu } = await sandbox();
    const [first] = emu.state.apiKeys.all();
    const got = await ok<ApiKey>(tk, "GET_API_KEY", { api_key_id: first.id });
    assert.equal(got.id, first.id);
    assert.equal("_secret" in got, false);
    await fails(tk, "GET_API_KEY", { api_key_id: "apikey_nope" }, { status: 404, type: "not_found_error", message: /apikey_nope/ });
    await fails(tk, "UPDATE_API_KEY", { api_key_id: "apikey_nope", name: "x" }, { status: 404, type: "not_found_error" });
  });

  it("renames and deactivates and reactivates a key; an inactive key stops working", async () => {
    const { tk, emu } = await sandbox();
    const minted = await mint(emu, { name: "ci", workspace_id: workspaceNamed(emu, "Research").id });
    assert.equal(minted.status, 200);
    assert.ok(await keyWorks(emu, minted.body.key));
    const renamed = await ok<ApiKey>(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, name: "ci-runner" });
    assert.equal(renamed.name, "ci-runner");
    const off = await ok<ApiKey>(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "inactive" });
    assert.equal(off.status, "inactive");
    assert.equal(await keyWorks(emu, minted.body.key), false);
    const on = await ok<ApiKey>(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "active" });
    assert.equal(on.status, "active");
    assert.ok(await keyWorks(emu, minted.body.key));
  });

  it("judges the effect of UPDATE_API_KEY from its arguments", async () => {
    const op = findOperation("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY");
    assert.ok(op);
    assert.equal(effectOf(op, { api_key_id: "k", status: "archived" }), "destructive");
    assert.equal(effectOf(op, { api_key_id: "k", status: "inactive" }), "write");
    assert.equal(effectOf(op, { api_key_id: "k", name: "n" }), "write");
    assert.equal(worstEffect(op), "destructive");
    const { tk, emu } = await sandbox();
    const minted = await mint(emu, { name: "doomed" });
    const r = await tk.run("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY", { api_key_id: minted.body.id, status: "archived", confirm: true });
    assert.ok(r.ok);
    assert.equal(r.meta.effect, "destructive");
    const w = await tk.run("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY", { api_key_id: minted.body.id, name: "renamed" });
    assert.ok(w.ok);
    assert.equal(w.meta.effect, "write");
  });

  it("never reactivates an archived key", async () => {
    const { tk, emu } = await sandbox();
    const minted = await mint(emu, { name: "to archive" });
    await ok(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "archived", confirm: true });
    await fails(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "active" }, { status: 400, type: "invalid_request_error", message: /archived keys cannot be changed back/ });
    await fails(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "inactive" }, { status: 400, type: "invalid_request_error" });
    assert.equal(await keyWorks(emu, minted.body.key), false);
  });

  it("refuses to set status expired, and never reactivates an expired key", async () => {
    const { tk, emu } = await sandbox();
    const minted = await mint(emu, { name: "short lived" });
    await fails(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "expired" }, { type: "invalid_input", message: /status/ });
    const wire = await raw(emu, "POST", `/v1/organizations/api_keys/${minted.body.id}`, { status: "expired" });
    assert.equal(wire.status, 400);
    assert.equal(wire.body.error.type, "invalid_request_error");
    const expired = await emu.fetch(`http://emu.local/_emulator/api-keys/${minted.body.id}/expire`, { method: "POST" });
    assert.equal(((await expired.json()) as ApiKey).status, "expired");
    await fails(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "active" }, { status: 400, type: "invalid_request_error", message: /expired keys cannot be reactivated/ });
    assert.equal(await keyWorks(emu, minted.body.key), false);
  });

  it("expires keys when the emulator clock passes expires_at", async () => {
    const { tk, emu } = await sandbox();
    const at = new Date(emu.clock.now() + 3_600_000).toISOString();
    const minted = await mint(emu, { name: "one hour", expires_at: at });
    assert.equal(minted.body.status, "active");
    assert.ok(minted.body.expires_at);
    emu.clock.advance(2 * 3_600_000);
    const got = await ok<ApiKey>(tk, "GET_API_KEY", { api_key_id: minted.body.id });
    assert.equal(got.status, "expired");
    const listed = await ok<Page>(tk, "LIST_API_KEYS", { status: "expired" });
    assert.ok(listed.data.some((k) => k.id === minted.body.id));
  });

  it("cannot create API keys through the API", async () => {
    const { emu } = await sandbox();
    assert.equal(
      operations.some((op) => op.method === "POST" && op.path === "/v1/organizations/api_keys"),
      false,
    );
    const wire = await raw(emu, "POST", "/v1/organizations/api_keys", { name: "nope" });
    assert.equal(wire.status, 404);
    assert.equal(wire.body.error.type, "not_found_error");
  });

  it("keys of an archived workspace are archived and cannot be reactivated", async () => {
    const { tk, emu } = await sandbox();
    const sandboxWs = workspaceNamed(emu, "Sandbox");
    const minted = await mint(emu, { name: "sandbox bot", workspace_id: sandboxWs.id });
    await ok(tk, "ARCHIVE_WORKSPACE", { workspace_id: sandboxWs.id, confirm: true });
    const got = await ok<ApiKey>(tk, "GET_API_KEY", { api_key_id: minted.body.id });
    assert.equal(got.status, "archived");
    assert.equal(await keyWorks(emu, minted.body.key), false);
    await fails(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "active" }, { status: 400, type: "invalid_request_error" });
    const m2 = await mint(emu, { name: "late", workspace_id: sandboxWs.id });
    assert.equal(m2.status, 400);
    assert.match(m2.body.error?.message ?? "", /archived/);
  });

  it("enforces active-key limits with their error codes", async () => {
    const { tk, emu } = await sandbox();
    const inactive = emu.state.apiKeys.all().find((k) => k.status === "inactive");
    assert.ok(inactive);
    const active = emu.state.apiKeys.all().filter((k) => k.status === "active").length;
    emu.state.extra.set(API_KEY_LIMITS, { org: active });
    await fails(tk, "UPDATE_API_KEY", { api_key_id: inactive.id, status: "active" }, { status: 400, type: "invalid_request_error", code: "org_api_key_limit_exceeded" });
    emu.state.extra.set(API_KEY_LIMITS, { workspace: 1 });
    await fails(tk, "UPDATE_API_KEY", { api_key_id: inactive.id, status: "active" }, { status: 400, type: "invalid_request_error", code: "workspace_api_key_limit_exceeded" });
  });

  it("mints keys only through the control surface, answering the secret once", async () => {
    const { tk, emu } = await sandbox();
    const user = emu.state.users.all().find((u) => u.role === "developer");
    assert.ok(user);
    const research = workspaceNamed(emu, "Research");
    const minted = await mint(emu, { name: "notebook", workspace_id: research.id, user_id: user.id });
    assert.equal(minted.status, 200);
    assert.match(minted.body.key, /^sk-ant-api03-/);
    assert.deepEqual(minted.body.scope, { type: "workspace", workspace_id: research.id });
    assert.deepEqual(minted.body.created_by, { id: user.id, type: "user" });
    const got = await ok<ApiKey>(tk, "GET_API_KEY", { api_key_id: minted.body.id });
    assert.equal(JSON.stringify(got).includes(minted.body.key), false);
    assert.equal((await mint(emu, { name: "" })).status, 400);
    assert.equal((await mint(emu, { name: "x", workspace_id: "wrkspc_nope" })).status, 404);
    assert.equal((await mint(emu, { name: "x", user_id: "user_nope" })).status, 404);
    const unknown = await emu.fetch("http://emu.local/_emulator/api-keys/apikey_nope/expire", { method: "POST" });
    assert.equal(unknown.status, 404);
  });

  it("reconciles an update by reading the key back", async () => {
    const { tk, emu } = await sandbox();
    const op = findOperation("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY");
    assert.ok(op?.reconcile);
    const minted = await mint(emu, { name: "r" });
    const read = reader(tk);
    assert.deepEqual(await op.reconcile({ api_key_id: minted.body.id, status: "inactive" }, read), { applied: false });
    await ok(tk, "UPDATE_API_KEY", { api_key_id: minted.body.id, status: "inactive", name: "r2" });
    assert.equal((await op.reconcile({ api_key_id: minted.body.id, status: "inactive", name: "r2" }, read)).applied, true);
  });

  it("seeds 10,000 extra keys quickly and pages them fast", () => {
    const t0 = performance.now();
    const emu = createEmulator({ scale: { apiKeys: 10_000 } });
    const seedMs = performance.now() - t0;
    assert.ok(emu.state.apiKeys.size >= 10_000);
    assert.ok(seedMs < 5_000, `seed took ${seedMs} ms`);
    return (async () => {
      await raw(emu, "GET", "/v1/organizations/api_keys?limit=1000&status=inactive"); // warm-up (JIT)
      const t1 = performance.now();
      const page = await raw(emu, "GET", "/v1/organizations/api_keys?limit=1000&status=inactive");
      const pageMs = performance.now() - t1;
      // Loose bound: the machine is shared; the figure itself is printed for the report.
      assert.ok(pageMs < 500, `page took ${pageMs} ms`);
      assert.equal(page.status, 200);
      assert.equal(page.body.data.length, 1000);
      console.log(`# scale: seeded ${emu.state.apiKeys.size} keys in ${seedMs.toFixed(0)} ms; filtered 1000-key page in ${pageMs.toFixed(1)} ms`);
    })();
  });
});
