import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { WorkspaceMember } from "../../src/operations/workspace-members.js";
import { addUser, fails, ok, raw, sandbox, workspaceNamed } from "./workspace-fixtures.js";

describe("review: org billing members cannot be removed from a workspace (reference §10.5)", () => {
  it("refuses removing a raised billing member's explicit row; they stay workspace_admin", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Production");
    const billing = addUser(emu, "billing");
    const raised = await ok<WorkspaceMember>(tk, "UPDATE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id, workspace_role: "workspace_admin" });
    assert.equal(raised.workspace_role, "workspace_admin");

    await fails(
      tk,
      "REMOVE_WORKSPACE_MEMBER",
      { workspace_id: ws.id, user_id: billing.id, confirm: true },
      { status: 400, type: "invalid_request_error", message: /organization billing member and cannot be removed from a workspace while they hold the billing role/ },
    );
    // Straight to the wire as well: the answer is the API's 400 envelope, not a toolkit-side refusal.
    const wire = await raw(emu, "DELETE", `/v1/organizations/workspaces/${ws.id}/members/${billing.id}`);
    assert.equal(wire.status, 400);
    assert.equal(wire.body.type, "error");
    assert.equal(wire.body.error.type, "invalid_request_error");
    assert.match(wire.body.error.message, new RegExp(`User ${billing.id} is an organization billing member`));

    // Nothing changed: the explicit row is still there and GET still answers workspace_admin.
    assert.ok(emu.state.members.get(`${ws.id}:${billing.id}`), "explicit row kept");
    const got = await ok<WorkspaceMember>(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id });
    assert.equal(got.workspace_role, "workspace_admin");
  });

  it("refuses removing a billing member without a row (implicit workspace_billing)", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Production");
    const billing = addUser(emu, "billing");
    await fails(
      tk,
      "REMOVE_WORKSPACE_MEMBER",
      { workspace_id: ws.id, user_id: billing.id, confirm: true },
      { status: 400, type: "invalid_request_error", message: /billing member and cannot be removed/ },
    );
    assert.equal((await ok<WorkspaceMember>(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id })).workspace_role, "workspace_billing");
  });

  it("a former billing member (org role changed) can be removed from a workspace they were raised in", async () => {
    const { tk, emu } = await sandbox();
    const ws = workspaceNamed(emu, "Production");
    const billing = addUser(emu, "billing");
    await ok(tk, "UPDATE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id, workspace_role: "workspace_admin" });
    emu.state.users.update({ ...billing, role: "developer" });
    const removed = await ok(tk, "REMOVE_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id, confirm: true });
    assert.deepEqual(removed, { type: "workspace_member_deleted", user_id: billing.id, workspace_id: ws.id });
    await fails(tk, "GET_WORKSPACE_MEMBER", { workspace_id: ws.id, user_id: billing.id }, { status: 404, type: "not_found_error" });
  });
});
