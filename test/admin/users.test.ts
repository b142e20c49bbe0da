import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";
import type { UserRecord } from "../../src/emulator/state.js";
import { removeUser, updateUser } from "../../src/operations/users.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { ToolkitError } from "../../src/verifier/errors.js";
import { adminCall, type Json } from "../helpers/admin-call.js";


const call = adminCall;

function userWithRole(emu: Emulator, role: string): UserRecord {
  const user = emu.state.users.all().find((u) => u.role === role);
  assert.ok(user, `seed has a ${role}`);
  return user;
}

describe("users: emulator rules", () => {
  it("lists members oldest first, and cursor pages walk the same order both ways", async () => {
    const emu = createEmulator();
    const all = await call(emu, "GET", "/v1/organizations/users?limit=1000");
    assert.equal(all.status, 200);
    const ids = all.body.data.map((u: Json) => u.id);
    assert.deepEqual(ids, emu.state.users.all().map((u) => u.id));
    assert.equal(ids.length, 12, "demo org has 12 members");
    const added = all.body.data.map((u: Json) => u.added_at);
    assert.deepEqual(added, [...added].sort(), "creation time ascending");
    const walked: string[] = [];
    let after = "";
    for (;;) {
      const page = await call(emu, "GET", `/v1/organizations/users?limit=5${after ? `&after_id=${after}` : ""}`);
      walked.push(...page.body.data.map((u: Json) => u.id));
      if (!page.body.has_more) break;
      after = page.body.last_id;
    }
    assert.deepEqual(walked, ids);
    const back = await call(emu, "GET", `/v1/organizations/users?limit=3&before_id=${ids[5]}`);
    assert.deepEqual(back.body.data.map((u: Json) => u.id), ids.slice(2, 5));
    assert.equal(back.body.has_more, true);
  });

  it("matches the email filter case-insensitively and ORs roles", async () => {
    const emu = createEmulator();
    const one = await call(emu, "GET", `/v1/organizations/users?email=${encodeURIComponent("  GRACE.Hopper@Example.COM")}`);
    assert.equal(one.body.data.length, 1);
    assert.equal(one.body.data[0].email, "grace.hopper@example.com");
    const none = await call(emu, "GET", "/v1/organizations/users?email=nobody@example.com");
    assert.deepEqual(none.body.data, []);
    const mixed = await call(emu, "GET", "/v1/organizations/users?roles[]=developer&roles[]=billing&limit=100");
    const expected = emu.state.users.all().filter((u) => u.role === "developer" || u.role === "billing").length;
    assert.equal(mixed.body.data.length, expected);
    assert.ok(expected >= 5);
    assert.ok(mixed.body.data.every((u: Json) => u.role === "developer" || u.role === "billing"));
    assert.ok(mixed.body.data.some((u: Json) => u.role === "billing"));
  });

  it("answers 404 not_found_error for unknown ids on get, update and remove", async () => {
    const emu = createEmulator();
    for (const [method, body] of [["GET"], ["POST", { role: "user" }], ["DELETE"]] as const) {
      const r = await call(emu, method, "/v1/organizations/users/user_01nope", body);
      assert.equal(r.status, 404, method);
      assert.equal(r.body.error.type, "not_found_error");
      assert.match(r.body.error.message, /user_01nope/);
    }
  });

  it("updates a role, and refuses admin, roles of another organization type, and changing an admin", async () => {
    const emu = createEmulator();
    const dev = userWithRole(emu, "developer");
    const ok = await call(emu, "POST", `/v1/organizations/users/${dev.id}`, { role: "billing" });
    assert.equal(ok.status, 200);
    assert.equal(ok.body.role, "billing");
    assert.equal(emu.state.users.get(dev.id)?.role, "billing");

    const admin = await call(emu, "POST", `/v1/organizations/users/${dev.id}`, { role: "admin" });
    assert.equal(admin.status, 400);
    assert.equal(admin.body.error.type, "invalid_request_error");
    assert.match(admin.body.error.message, /admin cannot be assigned/);
    assert.equal(emu.state.users.get(dev.id)?.role, "billing", "unchanged");

    const managed = await call(emu, "POST", `/v1/organizations/users/${dev.id}`, { role: "managed" });
    assert.equal(managed.status, 400);
    assert.match(managed.body.error.message, /Console organization/);

    emu.state.extra.set("organization:type", "enterprise");
    assert.equal((await call(emu, "POST", `/v1/organizations/users/${dev.id}`, { role: "managed" })).body.role, "managed");
    assert.equal((await call(emu, "POST", `/v1/organizations/users/${dev.id}`, { role: "developer" })).status, 400);
    emu.state.extra.delete("organization:type");

    const holder = userWithRole(emu, "admin");
    const demote = await call(emu, "POST", `/v1/organizations/users/${holder.id}`, { role: "user" });
    assert.equal(demote.status, 400);
    assert.match(demote.body.error.message, /admin role/);
    assert.equal(emu.state.users.get(holder.id)?.role, "admin");
  });

  it("refuses to remove an admin", async () => {
    const emu = createEmulator();
    const admin = userWithRole(emu, "admin");
    const r = await call(emu, "DELETE", `/v1/organizations/users/${admin.id}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.type, "invalid_request_error");
    assert.match(r.body.error.message, /admins cannot be removed/);
    assert.ok(emu.state.users.get(admin.id));
  });

  it("refuses to remove the last member with cannot_remove_last_member", async () => {
    const emu = createEmulator();
    const last = userWithRole(emu, "developer");
    for (const u of [...emu.state.users.all()]) if (u.id !== last.id) emu.state.users.remove(u.id);
    const r = await call(emu, "DELETE", `/v1/organizations/users/${last.id}`);
    assert.equal(r.status, 400);
    assert.equal(r.body.error.type, "invalid_request_error");
    assert.equal(r.body.error.details.error_code, "cannot_remove_last_member");
    assert.equal(emu.state.users.size, 1);
  });

  it("removing a member drops their workspace memberships and archives their personal keys only", async () => {
    const emu = createEmulator();
    const user = userWithRole(emu, "developer");
    const other = userWithRole(emu, "billing");
    const ws = emu.state.workspaces.all()[0];
    const mk = (userId: string, suffix: string) =>
      emu.state.apiKeys.insert({
        id: `apikey_01test${suffix}`,
        type: "api_key",
        name: `key ${suffix}`,
        status: "active",
        created_at: emu.state.clock.iso(),
        created_by: { id: userId, type: "user" },
        expires_at: null,
        partial_key_hint: null,
        principal: { type: "user_actor", user_id: userId },
        scope: { type: "workspace", workspace_id: ws.id },
        _secret: `sk-ant-api03-test-${suffix}`,
      });
    mk(user.id, "mine");
    mk(other.id, "theirs");
    for (const u of [user, other]) {
      if (!emu.state.members.get(`${ws.id}:${u.id}`)) {
        emu.state.members.insert({ type: "workspace_member", user_id: u.id, workspace_id: ws.id, workspace_role: "workspace_developer" });
      }
    }
    const r = await call(emu, "DELETE", `/v1/organizations/users/${user.id}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.body, { id: user.id, type: "user_deleted" });
    assert.equal(emu.state.users.get(user.id), undefined);
    assert.ok(!emu.state.members.all().some((m) => m.user_id === user.id), "memberships removed");
    assert.ok(emu.state.members.get(`${ws.id}:${other.id}`), "others keep theirs");
    assert.equal(emu.state.apiKeys.get("apikey_01testmine")?.status, "archived");
    assert.equal(emu.state.apiKeys.get("apikey_01testtheirs")?.status, "active");
    assert.equal((await call(emu, "GET", `/v1/organizations/users/${user.id}`)).status, 404);
    const list = await call(emu, "GET", "/v1/organizations/users?limit=100");
    assert.ok(!list.body.data.some((u: Json) => u.id === user.id));
  });
});

describe("users: through the toolkit", () => {
  it("runs get organization, list, get, update and remove", async () => {
    const tk = createToolkit({ sandbox: true, audit: false });
    const org = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_GET_ORGANIZATION", {});
    assert.ok(org.ok);
    assert.equal(org.data.type, "organization");
    const list = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_LIST_USERS", { roles: ["developer"], all: true });
    assert.ok(list.ok);
    assert.ok(list.data.data.length >= 3);
    const dev = list.data.data[0];
    const got = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_GET_USER", { user_id: dev.id });
    assert.ok(got.ok);
    assert.equal(got.data.email, dev.email);
    const upd = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_UPDATE_USER", { user_id: dev.id, role: "claude_code_user" });
    assert.ok(upd.ok, JSON.stringify(upd));
    assert.equal(upd.data.role, "claude_code_user");
    const rm = await tk.run<Json>("ANTHROPIC_ADMINISTRATOR_REMOVE_USER", { user_id: dev.id, confirm: true });
    assert.ok(rm.ok, JSON.stringify(rm));
    assert.deepEqual(rm.data, { id: dev.id, type: "user_deleted" });
    const gone = await tk.run("ANTHROPIC_ADMINISTRATOR_GET_USER", { user_id: dev.id });
    assert.equal(gone.ok, false);
    if (!gone.ok) assert.equal(gone.error.type, "not_found_error");
    await tk.close();
  });

  it("refuses admin as a role before sending anything", async () => {
    const tk = createToolkit({ sandbox: true, audit: false });
    const emu = await tk.sandbox();
    assert.ok(emu);
    const dev = userWithRole(emu, "developer");
    const r = await tk.run("ANTHROPIC_ADMINISTRATOR_UPDATE_USER", { user_id: dev.id, role: "admin" });
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.type, "invalid_input");
      assert.equal(r.error.issues?.[0]?.path, "role");
      assert.match(r.error.message, /admin/);
    }
    assert.equal(emu.state.users.get(dev.id)?.role, "developer");
  });

  it("gives a configuration error naming ANTHROPIC_ADMIN_KEY for a standard key", async () => {
    const tk = createToolkit({ sandbox: true, audit: false, adminKey: "sk-ant-api03-x" });
    const r = await tk.run("ANTHROPIC_ADMINISTRATOR_LIST_USERS", {});
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.equal(r.error.type, "configuration_error");
      assert.match(r.error.message, /ANTHROPIC_ADMIN_KEY/);
      assert.doesNotMatch(r.error.message, /sk-ant-api03-x/);
      assert.equal(r.meta?.attempts ?? 0, 0, "nothing sent");
    }
  });

  it("reconciles an update and a removal by reading state back", async () => {
    const tk = createToolkit({ sandbox: true, audit: false });
    const emu = await tk.sandbox();
    assert.ok(emu);
    const read = async (tool: string, input: Record<string, unknown>) => {
      const r = await tk.run(tool, input);
      if (!r.ok) throw new ToolkitError(r.error);
      return r.data;
    };
    const dev = userWithRole(emu, "developer");
    assert.deepEqual(await updateUser.reconcile?.({ user_id: dev.id, role: "user" }, read), { applied: false });
    await call(emu, "POST", `/v1/organizations/users/${dev.id}`, { role: "user" });
    const applied = await updateUser.reconcile?.({ user_id: dev.id, role: "user" }, read);
    assert.equal(applied?.applied, true);
    assert.deepEqual(await removeUser.reconcile?.({ user_id: dev.id }, read), { applied: false });
    await call(emu, "DELETE", `/v1/organizations/users/${dev.id}`);
    assert.deepEqual(await removeUser.reconcile?.({ user_id: dev.id }, read), { applied: true, data: { id: dev.id, type: "user_deleted" } });
  });
});
