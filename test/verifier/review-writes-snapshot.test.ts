import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FaultRuleInput } from "../../src/emulator/faults/rules.js";
import { fail, ok, type Sandbox, sandbox, T } from "./fault-helpers.js";

const on = (tool: string, fault: FaultRuleInput["fault"], count = 1): FaultRuleInput => ({ match: { tool }, fault, count });
/** A rule that never changes anything, used to count the requests that match it. */
const counter = (tool: string): FaultRuleInput => ({ id: `count-${tool}`, match: { tool }, fault: { kind: "latency", ms: 0 } });
const fired = (s: Sandbox, id: string) => s.faults.log.filter((f) => f.rule_id === id).length;
const live = (s: Sandbox, name: string) => s.emulator.state.workspaces.all().filter((w) => w.name === name && w.archived_at === null);
const userBy = (s: Sandbox, role: string) => {
  const u = s.emulator.state.users.all().find((x) => x.role === role);
  assert.ok(u, `a seeded ${role}`);
  return u;
};

describe("review: CREATE_WORKSPACE reconcile ignores workspaces that existed before the call", () => {
  it("a second 'Dup' after a reset before sending is created, not mistaken for the first", async () => {
    const s = await sandbox();
    const first = ok(await s.toolkit.run<{ id: string }>(T("CREATE_WORKSPACE"), { name: "Dup" })).data;
    s.faults.add(on("CREATE_WORKSPACE", { kind: "reset", phase: "before" }));
    const r = ok(await s.toolkit.run<{ id: string }>(T("CREATE_WORKSPACE"), { name: "Dup" }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome, r.meta.reconciliations], [2, "applied", ["not_applied"]]);
    assert.notEqual(r.data.id, first.id, "the answer is the new workspace, not the old one");
    assert.equal(live(s, "Dup").length, 2);
    assert.equal(r.meta.confirmed, true, "read-back finds the new one too");
  });

  it("a reset after sending finds the new 'Dup' (not the old one) and does not create a third", async () => {
    const s = await sandbox();
    const first = ok(await s.toolkit.run<{ id: string }>(T("CREATE_WORKSPACE"), { name: "Dup" })).data;
    s.faults.add(on("CREATE_WORKSPACE", { kind: "reset", phase: "after" }));
    const r = ok(await s.toolkit.run<{ id: string }>(T("CREATE_WORKSPACE"), { name: "Dup" }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome, r.meta.reconciliations], [1, "applied", ["applied"]]);
    assert.notEqual(r.data.id, first.id);
    assert.equal(live(s, "Dup").length, 2);
  });

  it("read-back of a successful duplicate name confirms only the new workspace", async () => {
    const s = await sandbox();
    ok(await s.toolkit.run(T("CREATE_WORKSPACE"), { name: "Twin" }));
    s.faults.add(counter("LIST_WORKSPACES"));
    const r = ok(await s.toolkit.run(T("CREATE_WORKSPACE"), { name: "Twin" }));
    assert.equal(r.meta.confirmed, true);
    assert.equal(fired(s, "count-LIST_WORKSPACES"), 2, "one snapshot before sending, one read-back");
  });

  it("a failed snapshot read does not stop the write (it proceeds without one)", async () => {
    const s = await sandbox();
    s.faults.add(on("LIST_WORKSPACES", { kind: "status", status: 403 }));
    const r = ok(await s.toolkit.run(T("CREATE_WORKSPACE"), { name: "No snapshot" }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome], [1, "applied"]);
    assert.equal(live(s, "No snapshot").length, 1);
  });
});

describe("review: removes of ids that never existed fail with not_found and send nothing", () => {
  it("REMOVE_USER user_01doesnotexist after a reset before sending: not_found, nothing sent", async () => {
    const s = await sandbox();
    s.faults.add(on("REMOVE_USER", { kind: "reset", phase: "before" }));
    s.faults.add(counter("REMOVE_USER"));
    const r = fail(await s.toolkit.run(T("REMOVE_USER"), { user_id: "user_01doesnotexist", confirm: true }));
    assert.equal(r.error.type, "not_found_error");
    assert.equal(r.error.status, 404);
    assert.equal(r.meta?.attempts, 0);
    assert.equal(r.meta?.outcome, "not_applied");
    assert.equal(fired(s, "count-REMOVE_USER"), 0, "the DELETE was never sent");
  });

  it("DELETE_INVITE of an unknown id: not_found, nothing sent", async () => {
    const s = await sandbox();
    s.faults.add(on("DELETE_INVITE", { kind: "reset", phase: "before" }));
    s.faults.add(counter("DELETE_INVITE"));
    const r = fail(await s.toolkit.run(T("DELETE_INVITE"), { invite_id: "invite_01doesnotexist", confirm: true }));
    assert.equal(r.error.type, "not_found_error");
    assert.equal(r.meta?.outcome, "not_applied");
    assert.equal(fired(s, "count-DELETE_INVITE"), 0);
  });

  it("REMOVE_WORKSPACE_MEMBER of a user without access: not_found, nothing sent", async () => {
    const s = await sandbox();
    const ws = ok(await s.toolkit.run<{ id: string }>(T("CREATE_WORKSPACE"), { name: "Members" })).data;
    s.faults.add(on("REMOVE_WORKSPACE_MEMBER", { kind: "reset", phase: "before" }));
    s.faults.add(counter("REMOVE_WORKSPACE_MEMBER"));
    const r = fail(
      await s.toolkit.run(T("REMOVE_WORKSPACE_MEMBER"), { workspace_id: ws.id, user_id: userBy(s, "developer").id, confirm: true }),
    );
    assert.equal(r.error.type, "not_found_error");
    assert.equal(r.meta?.outcome, "not_applied");
    assert.equal(fired(s, "count-REMOVE_WORKSPACE_MEMBER"), 0);
  });

  it("REMOVE_USER of a real member whose answer is lost: settled as applied (the snapshot saw them)", async () => {
    const s = await sandbox();
    const dev = userBy(s, "developer");
    s.faults.add(on("REMOVE_USER", { kind: "reset", phase: "after" }));
    const r = ok(await s.toolkit.run(T("REMOVE_USER"), { user_id: dev.id, confirm: true }));
    assert.equal(r.meta.outcome, "applied");
    assert.deepEqual(r.data, { id: dev.id, type: "user_deleted" });
    assert.equal(s.emulator.state.users.get(dev.id), undefined);
  });

  it("REMOVE_WORKSPACE_MEMBER of a real member after a reset before sending: resent and removed", async () => {
    const s = await sandbox();
    const ws = ok(await s.toolkit.run<{ id: string }>(T("CREATE_WORKSPACE"), { name: "Team" })).data;
    const dev = userBy(s, "developer");
    ok(await s.toolkit.run(T("ADD_WORKSPACE_MEMBER"), { workspace_id: ws.id, user_id: dev.id, workspace_role: "workspace_user" }));
    s.faults.add(on("REMOVE_WORKSPACE_MEMBER", { kind: "reset", phase: "before" }));
    const r = ok(await s.toolkit.run(T("REMOVE_WORKSPACE_MEMBER"), { workspace_id: ws.id, user_id: dev.id, confirm: true }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome], [2, "applied"]);
  });

  it("DELETE_INVITE of an invite deleted earlier is not reported as deleted by this call", async () => {
    const s = await sandbox();
    const inv = ok(await s.toolkit.run<{ id: string }>(T("CREATE_INVITE"), { email: "gone@example.com", role: "user" })).data;
    ok(await s.toolkit.run(T("DELETE_INVITE"), { invite_id: inv.id, confirm: true }));
    s.faults.add(on("DELETE_INVITE", { kind: "reset", phase: "before" }));
    const r = fail(await s.toolkit.run(T("DELETE_INVITE"), { invite_id: inv.id, confirm: true }));
    assert.notEqual(r.meta?.outcome, "applied");
    assert.equal(r.error.type, "invalid_request_error");
  });

  it("a failed snapshot read (not a 404) keeps the old behaviour: the remove is sent", async () => {
    const s = await sandbox();
    const dev = userBy(s, "developer");
    s.faults.add(on("GET_USER", { kind: "status", status: 403 }));
    const r = ok(await s.toolkit.run(T("REMOVE_USER"), { user_id: dev.id, confirm: true }));
    assert.equal(r.meta.outcome, "applied");
    assert.equal(s.emulator.state.users.get(dev.id), undefined);
  });
});
