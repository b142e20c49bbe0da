import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { findOperation } from "../../src/operations/index.js";
import type { WorkspaceMember } from "../../src/operations/workspace-members.js";
import { addUser, fails, ok, raw, reader, sandbox, usersWithRole, workspaceNamed } from "./workspace-fixtures.js";

type Page<T> = { data: T[]; has_more: boolean; first_id: string | null; last_id: string | null };

describe("workspace members", () => {
  it("adds, lists, gets, updates and removes a member", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Research");
    const user = addUser(emu, "developer");
    const added = await ok<WorkspaceMember>(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_developer" });
    assert.deepEqual(added, { type: "workspace_member", user_id: user.id, workspace_id: ws.id, workspace_role: "workspace_developer" });
    const page = await ok<Page<WorkspaceMember>>(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id });
    assert.ok(page.data.some((m) => m.user_id === user.id));
    assert.ok(page.data.every((m) => m.workspace_id === ws.id));
    assert.equal(page.last_id, page.data.at(-1)?.user_id);
    const updated = await ok<WorkspaceMember>(tk, "UPDATE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_admin" });
    assert.equal(updated.workspace_role, "workspace_admin");
    assert.equal((await ok<WorkspaceMember>(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id })).workspace_role, "workspace_admin");
    const r = await tk.run("ANTHROPIC_ADMINISTRATOR_REMOVE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, confirm: true });
    assert.ok(r.ok);
    assert.equal(r.meta.effect, "destructive");
    assert.deepEqual(r.data, { type: "workspace_member_deleted", user_id: user.id, workspace_id: ws.id });
    await fails(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id }, { status: 404, type: "not_found_error" });
    await fails(tk, "REMOVE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, confirm: true }, { status: 404, type: "not_found_error", message: /not a member/ });
  });

  it("pages members with user-id cursors", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Sandbox");
    for (let i = 0; i < 3; i++) await ok(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: addUser(emu).id, workspace_role: "workspace_user" });
    const total = emu.state.members.all().filter((m) => m.workspace_id === ws.id).length;
    const first = await ok<Page<WorkspaceMember>>(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id, limit: 2 });
    assert.equal(first.has_more, true);
    const second = await ok<Page<WorkspaceMember>>(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id, limit: 2, after_id: first.last_id });
    assert.notEqual(second.data[0].user_id, first.data[1].user_id);
    const back = await ok<Page<WorkspaceMember>>(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id, limit: 2, before_id: second.first_id });
    assert.deepEqual(back.data, first.data);
    const all = await ok<Page<WorkspaceMember>>(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id, all: true, limit: 1 });
    assert.equal(all.data.length, total);
    await fails(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id, after_id: "user_gone" }, { status: 400, type: "invalid_request_error", message: /after_id: unknown cursor user_gone/ });
  });

  it("only organization users can be members (unknown user: 404)", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Research");
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: "user_stranger", workspace_role: "workspace_user" }, { status: 404, type: "not_found_error", message: /user_stranger is not a member of this organization/ });
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: "wrkspc_nope", user_id: addUser(emu).id, workspace_role: "workspace_user" }, { status: 404, type: "not_found_error" });
  });

  it("does not list rows of users who left the organization", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Research");
    const user = addUser(emu);
    await ok(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_user" });
    emu.state.users.remove(user.id);
    const page = await ok<Page<WorkspaceMember>>(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id, all: true });
    assert.equal(page.data.some((m) => m.user_id === user.id), false);
    await fails(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id }, { status: 404, type: "not_found_error" });
  });

  it("refuses to add an existing member", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Research");
    const user = addUser(emu);
    await ok(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_user" });
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_admin" }, { status: 400, type: "invalid_request_error", message: /already a member/ });
  });

  it("never assigns workspace_billing", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Research");
    const user = addUser(emu);
    // The toolkit refuses before sending (NoBillingWorkspaceRole); the emulator refuses on the wire.
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_billing" }, { type: "invalid_input", message: /workspace_role/ });
    const wire = await raw(emu, "POST", `/v1/organizations/workspaces/${ws.id}/members`, { user_id: user.id, workspace_role: "workspace_billing" });
    assert.equal(wire.status, 400);
    assert.equal(wire.body.error.type, "invalid_request_error");
    await ok(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_user" });
    await fails(tk, "UPDATE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_billing" }, { status: 400, type: "invalid_request_error", message: /workspace_billing cannot be assigned/ });
  });

  it("org admins hold workspace_admin implicitly and cannot be added, changed or removed", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Production");
    const [admin] = usersWithRole(emu, "admin");
    const got = await ok<WorkspaceMember>(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: admin.id });
    assert.deepEqual(got, { type: "workspace_member", user_id: admin.id, workspace_id: ws.id, workspace_role: "workspace_admin" });
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: admin.id, workspace_role: "workspace_user" }, { status: 400, type: "invalid_request_error", message: /organization admin/ });
    await fails(tk, "UPDATE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: admin.id, workspace_role: "workspace_user" }, { status: 400, type: "invalid_request_error", message: /fixed at workspace_admin/ });
    await fails(tk, "REMOVE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: admin.id, confirm: true }, { status: 400, type: "invalid_request_error", message: /cannot be removed/ });
  });

  it("billing members hold workspace_billing and may only be raised to workspace_admin", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Production");
    const billing = addUser(emu, "billing");
    assert.equal((await ok<WorkspaceMember>(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id })).workspace_role, "workspace_billing");
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id, workspace_role: "workspace_developer" }, { status: 400, type: "invalid_request_error", message: /only be raised to workspace_admin/ });
    await fails(tk, "REMOVE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id, confirm: true }, { status: 400, type: "invalid_request_error", message: /billing member and cannot be removed/ });
    const raised = await ok<WorkspaceMember>(tk, "UPDATE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id, workspace_role: "workspace_admin" });
    assert.equal(raised.workspace_role, "workspace_admin");
  });

  it("refuses member changes in archived workspaces and the Default Workspace", async () => {
    const { tk, emu } = await sandbox();
    const legacy = workspaceNamed(emu, "Legacy Pilot");
    const def = emu.state.workspaces.all().find((w) => w._default);
    assert.ok(def);
    const user = addUser(emu);
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: legacy.id, user_id: user.id, workspace_role: "workspace_user" }, { status: 400, type: "invalid_request_error", message: /archived/ });
    await fails(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: def.id, user_id: user.id, workspace_role: "workspace_user" }, { status: 400, type: "invalid_request_error", message: /Default Workspace has no member list/ });
    // A member added before the archive stays listed but can no longer be changed.
    const research = workspaceNamed(emu, "Research");
    await ok(tk, "ADD_WORKSPACE_MEMBER", { workspace_id: research.id, user_id: user.id, workspace_role: "workspace_user" });
    await ok(tk, "ARCHIVE_WORKSPACE", { workspace_id: research.id, confirm: true });
    await fails(tk, "UPDATE_WORKSPACE_MEMBER", { workspace_id: research.id, user_id: user.id, workspace_role: "workspace_admin" }, { status: 400, type: "invalid_request_error", message: /archived/ });
    await fails(tk, "REMOVE_WORKSPACE_MEMBER", { workspace_id: research.id, user_id: user.id, confirm: true }, { status: 400, type: "invalid_request_error", message: /archived/ });
    assert.equal((await ok<WorkspaceMember>(tk, "GET_WORKSPACE_MEMBER", { workspace_id: research.id, user_id: user.id })).workspace_role, "workspace_user");
  });

  it("reconciles add, update and remove by reading the member back", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Research");
    const user = addUser(emu);
    const read = reader(tk);
    const add = findOperation("ANTHROPIC_ADMINISTRATOR_ADD_WORKSPACE_MEMBER");
    const update = findOperation("ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE_MEMBER");
    const remove = findOperation("ANTHROPIC_ADMINISTRATOR_REMOVE_WORKSPACE_MEMBER");
    assert.ok(add?.reconcile && update?.reconcile && remove?.reconcile);
    const input = { workspace_id: ws.id, user_id: user.id, workspace_role: "workspace_user" };
    assert.deepEqual(await add.reconcile(input, read), { applied: false });
    assert.deepEqual(await remove.reconcile(input, read), {
      applied: true,
      data: { type: "workspace_member_deleted", user_id: user.id, workspace_id: ws.id },
    });
    await ok(tk, "ADD_WORKSPACE_MEMBER", input);
    assert.equal((await add.reconcile(input, read)).applied, true);
    assert.deepEqual(await update.reconcile({ ...input, workspace_role: "workspace_admin" }, read), { applied: false });
    assert.deepEqual(await remove.reconcile(input, read), { applied: false });
  });

  it("offboards a user through the tools: out of every workspace, keys deactivated, then removed", async () => {
    const { tk, emu } = await sandbox();
    // The leaver: a developer who is in two workspaces and created keys.
    const leaver = emu.state.users.all().find((u) => u.role !== "admin" && emu.state.members.all().filter((m) => m.user_id === u.id).length >= 2);
    assert.ok(leaver, "seed has a user in two workspaces");
    const minted = await emu.fetch("http://emu.local/_emulator/api-keys", {
      method: "POST",
      body: JSON.stringify({ name: "leaver laptop", workspace_id: workspaceNamed(emu, "Sandbox").id, user_id: leaver.id }),
    });
    assert.equal(minted.status, 200);

    const workspaces = await ok<Page<{ id: string }>>(tk, "LIST_WORKSPACES", { all: true });
    let removed = 0;
    for (const ws of workspaces.data) {
      const members = await ok<Page<WorkspaceMember>>(tk, "LIST_WORKSPACE_MEMBERS", { workspace_id: ws.id, all: true });
      if (!members.data.some((m) => m.user_id === leaver.id)) continue;
      await ok(tk, "REMOVE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: leaver.id, confirm: true });
      removed++;
    }
    assert.ok(removed >= 2);
    const keys = await ok<Page<{ id: string; status: string }>>(tk, "LIST_API_KEYS", { created_by_user_id: leaver.id, status: "active", all: true });
    assert.ok(keys.data.length >= 1);
    for (const k of keys.data) {
      const r = await tk.run("ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY", { api_key_id: k.id, status: "inactive" });
      assert.ok(r.ok);
      assert.equal(r.meta.effect, "write");
    }
    assert.equal(emu.state.members.all().some((m) => m.user_id === leaver.id), false);
    const stillActive = await ok<Page<unknown>>(tk, "LIST_API_KEYS", { created_by_user_id: leaver.id, status: "active" });
    assert.equal(stillActive.data.length, 0);
    if (findOperation("ANTHROPIC_ADMINISTRATOR_REMOVE_USER")) {
      await ok(tk, "REMOVE_USER", { user_id: leaver.id, confirm: true });
      assert.equal(emu.state.users.get(leaver.id), undefined);
    }
  });
});
