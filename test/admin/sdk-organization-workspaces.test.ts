import assert from "node:assert/strict";
import { describe, it } from "node:test";
import Anthropic from "@anthropic-ai/sdk";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";

/** The official SDK pointed at the in-process emulator with the admin key (no socket). */
function sdk(emu: Emulator, key = emu.adminKey) {
  return new Anthropic({ apiKey: key, baseURL: "http://emu.local", fetch: emu.fetch, maxRetries: 0 });
}

function named(emu: Emulator, name: string) {
  const ws = emu.state.workspaces.all().find((w) => w.name === name);
  assert.ok(ws);
  return ws;
}

async function rejects(p: Promise<unknown>, status: number, type: string, message?: RegExp) {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof Anthropic.APIError, String(err));
    assert.equal(err.status, status);
    assert.equal((err.error as { error?: { type?: string } })?.error?.type, type);
    if (message) assert.match(err.message, message);
    return true;
  });
}

describe("official SDK client.organization against the emulator", () => {
  it("workspaces: create, list, retrieve, update, archive", async () => {
    const emu = createEmulator();
    const client = sdk(emu);
    const ws = await client.organization.workspaces.create({ name: "SDK made", tags: { team: "sdk" } });
    assert.equal(ws.type, "workspace");
    assert.equal(ws.name, "SDK made");
    const listed: string[] = [];
    for await (const w of client.organization.workspaces.list({ limit: 2 })) listed.push(w.name);
    assert.deepEqual(listed, ["Research", "Production", "Sandbox", "SDK made"]);
    const withDefault = await client.organization.workspaces.list({ include_default: true, include_archived: true });
    assert.equal(withDefault.data[0].name, "Default");
    assert.ok(withDefault.data.some((w) => w.archived_at !== null));
    const byIds = await client.organization.workspaces.list({ ids: [ws.id] });
    assert.deepEqual(byIds.data.map((w) => w.id), [ws.id]);
    assert.equal((await client.organization.workspaces.retrieve(ws.id)).id, ws.id);
    const updated = await client.organization.workspaces.update(ws.id, { name: "SDK renamed", tags: { team: null, env: "dev" } });
    assert.equal(updated.name, "SDK renamed");
    assert.deepEqual(updated.tags, { env: "dev" });
    const archived = await client.organization.workspaces.archive(ws.id);
    assert.notEqual(archived.archived_at, null);
    const def = emu.state.workspaces.all().find((w) => w._default);
    assert.ok(def);
    await rejects(client.organization.workspaces.archive(def.id), 400, "invalid_request_error", /Default Workspace cannot be archived/);
    await rejects(client.organization.workspaces.update(def.id, { name: "Main" }), 400, "invalid_request_error");
    await rejects(client.organization.workspaces.retrieve("wrkspc_missing"), 404, "not_found_error");
    await rejects(client.organization.workspaces.update(ws.id, { name: "after archive" }), 400, "invalid_request_error", /archived/);
  });

  it("workspace members: add, list, retrieve, update, remove", async () => {
    const emu = createEmulator();
    const client = sdk(emu);
    const ws = named(emu, "Production");
    const user = emu.state.users.all().find((u) => u.role === "developer" && !emu.state.members.get(`${ws.id}:${u.id}`));
    assert.ok(user);
    const added = await client.organization.workspaces.members.add(ws.id, { user_id: user.id, workspace_role: "workspace_developer" });
    assert.deepEqual(added, { type: "workspace_member", user_id: user.id, workspace_id: ws.id, workspace_role: "workspace_developer" });
    const ids: string[] = [];
    for await (const m of client.organization.workspaces.members.list(ws.id, { limit: 1 })) ids.push(m.user_id);
    assert.ok(ids.includes(user.id));
    assert.equal(new Set(ids).size, ids.length, "cursor pages do not repeat members");
    const got = await client.organization.workspaces.members.retrieve(user.id, { workspace_id: ws.id });
    assert.equal(got.workspace_role, "workspace_developer");
    const updated = await client.organization.workspaces.members.update(user.id, { workspace_id: ws.id, workspace_role: "workspace_user" });
    assert.equal(updated.workspace_role, "workspace_user");
    const removed = await client.organization.workspaces.members.remove(user.id, { workspace_id: ws.id });
    assert.deepEqual(removed, { type: "workspace_member_deleted", user_id: user.id, workspace_id: ws.id });
    await rejects(client.organization.workspaces.members.retrieve(user.id, { workspace_id: ws.id }), 404, "not_found_error");
    await rejects(
      client.organization.workspaces.members.add(ws.id, { user_id: user.id, workspace_role: "workspace_billing" as never }),
      400,
      "invalid_request_error",
    );
    await rejects(
      client.organization.workspaces.members.update(user.id, { workspace_id: ws.id, workspace_role: "workspace_billing" }),
      400,
      "invalid_request_error",
    );
    await rejects(client.organization.workspaces.members.add(ws.id, { user_id: "user_x", workspace_role: "workspace_user" }), 404, "not_found_error");
  });

  it("API keys: list, retrieve, update", async () => {
    const emu = createEmulator();
    const client = sdk(emu);
    const all: string[] = [];
    for await (const k of client.organization.apiKeys.list({ limit: 2 })) all.push(k.id);
    assert.equal(all.length, emu.state.apiKeys.size);
    const active = await client.organization.apiKeys.list({ status: "active", limit: 100 });
    assert.ok(active.data.every((k) => k.status === "active"));
    const research = named(emu, "Research");
    const inResearch = await client.organization.apiKeys.list({ workspace_id: research.id });
    assert.ok(inResearch.data.length > 0);
    assert.ok(inResearch.data.every((k) => k.scope.type === "workspace" && k.scope.workspace_id === research.id));
    const key = await client.organization.apiKeys.retrieve(inResearch.data[0].id);
    assert.equal(key.type, "api_key");
    const renamed = await client.organization.apiKeys.update(key.id, { name: "renamed by sdk", status: "inactive" });
    assert.equal(renamed.name, "renamed by sdk");
    assert.equal(renamed.status, "inactive");
    const archived = await client.organization.apiKeys.update(key.id, { status: "archived" });
    assert.equal(archived.status, "archived");
    await rejects(client.organization.apiKeys.update(key.id, { status: "active" }), 400, "invalid_request_error", /archived/);
    await rejects(client.organization.apiKeys.retrieve("apikey_missing"), 404, "not_found_error");
  });

  it("rate limits: organization list, workspace list and update", async () => {
    const emu = createEmulator();
    const client = sdk(emu);
    const org: string[] = [];
    for await (const e of client.organization.rateLimits.list({ limit: 3 })) org.push(e.id);
    const whole = await client.organization.rateLimits.list();
    assert.deepEqual(org, whole.data.map((e) => e.id));
    const prod = named(emu, "Production");
    const own = await client.organization.workspaces.rateLimits.list(prod.id);
    assert.equal(own.data.length, 1);
    const tokenCount = whole.data.find((e) => e.group.type === "token_count");
    assert.ok(tokenCount);
    const set = await client.organization.workspaces.rateLimits.update(tokenCount.id, {
      workspace_id: prod.id,
      limits: [{ type: "requests_per_minute", value: 10 }],
    });
    assert.equal(set.limits[0].value, 10);
    assert.equal((await client.organization.workspaces.rateLimits.list(prod.id)).data.length, 2);
  });

  it("refuses a standard key on these admin routes", async () => {
    const emu = createEmulator();
    await rejects(sdk(emu, emu.apiKey).organization.workspaces.list(), 403, "permission_error");
  });
});
