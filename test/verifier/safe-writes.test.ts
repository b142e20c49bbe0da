import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FaultRuleInput } from "../../src/emulator/faults/rules.js";
import { fail, hangUntilAborted, ok, type Sandbox, sandbox, T } from "./fault-helpers.js";

const CREATE_WS = T("CREATE_WORKSPACE");
const CREATE_INVITE = T("CREATE_INVITE");

const named = (s: Sandbox, name: string) => s.emulator.state.workspaces.all().filter((w) => w.name === name);
const invitesTo = (s: Sandbox, email: string) => s.emulator.state.invites.all().filter((i) => i.email === email && i.status === "pending");
const on = (tool: string, fault: FaultRuleInput["fault"], count = 1): FaultRuleInput => ({ match: { tool }, fault, count });
/** A rule that never changes anything, used to count the calls that match it. */
const counter = (tool: string): FaultRuleInput => ({ id: `count-${tool}`, match: { tool }, fault: { kind: "latency", ms: 0 } });
const fired = (s: Sandbox, id: string) => s.faults.log.filter((f) => f.rule_id === id).length;

describe("safe writes: failures that prove nothing was applied are retried without reading", () => {
  for (const fault of [
    { kind: "status", status: 429, retry_after: 1 },
    { kind: "status", status: 529 },
  ] as const) {
    it(`CREATE_WORKSPACE after ${fault.status}`, async () => {
      const s = await sandbox();
      s.faults.add(on("CREATE_WORKSPACE", fault));
      s.faults.add(counter("LIST_WORKSPACES"));
      const r = ok(await s.toolkit.run(CREATE_WS, { name: `proven-${fault.status}` }, {}));
      assert.equal(r.meta.attempts, 2);
      assert.equal(r.meta.outcome, "applied");
      assert.equal(r.meta.reconciliations, undefined, "no reconciliation was needed");
      assert.equal(named(s, `proven-${fault.status}`).length, 1);
      // Only the snapshot before sending and the read-back ran a list (no reconcile read).
      assert.equal(fired(s, "count-LIST_WORKSPACES"), 2);
    });
  }
});

describe("safe writes: ambiguous failures are reconciled by reading state", () => {
  it("a reset after the workspace was created: found by name, not created again", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_WORKSPACE", { kind: "reset", phase: "after" }));
    const r = ok(await s.toolkit.run(CREATE_WS, { name: "reset-after" }));
    assert.equal(r.meta.attempts, 1);
    assert.equal(r.meta.outcome, "applied");
    assert.deepEqual(r.meta.reconciliations, ["applied"]);
    assert.equal(r.meta.confirmed, true);
    const ws = named(s, "reset-after");
    assert.equal(ws.length, 1);
    assert.equal((r.data as { id: string }).id, ws[0].id);
  });

  it("a reset before the workspace was created: not found, then sent again once", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_WORKSPACE", { kind: "reset", phase: "before" }));
    const r = ok(await s.toolkit.run(CREATE_WS, { name: "reset-before" }));
    assert.equal(r.meta.attempts, 2);
    assert.equal(r.meta.outcome, "applied");
    assert.deepEqual(r.meta.reconciliations, ["not_applied"]);
    assert.equal(named(s, "reset-before").length, 1);
  });

  for (const status of [500, 502, 503, 504]) {
    it(`${status} after applying → applied; ${status} before applying → sent again`, async () => {
      const s = await sandbox();
      s.faults.add(on("CREATE_WORKSPACE", { kind: "status", status, phase: "after" }));
      const a = ok(await s.toolkit.run(CREATE_WS, { name: `s${status}-after` }));
      assert.deepEqual([a.meta.attempts, a.meta.outcome, a.meta.reconciliations], [1, "applied", ["applied"]]);
      s.faults.add(on("CREATE_WORKSPACE", { kind: "status", status, phase: "before" }));
      const b = ok(await s.toolkit.run(CREATE_WS, { name: `s${status}-before` }));
      assert.deepEqual([b.meta.attempts, b.meta.outcome, b.meta.reconciliations], [2, "applied", ["not_applied"]]);
      assert.equal(named(s, `s${status}-after`).length, 1);
      assert.equal(named(s, `s${status}-before`).length, 1);
    });
  }

  it("a body cut short after the invite was created: the pending invite is found", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_INVITE", { kind: "truncate" }));
    const r = ok(await s.toolkit.run(CREATE_INVITE, { email: "cut@example.com", role: "user" }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome, r.meta.reconciliations], [1, "applied", ["applied"]]);
    assert.equal(invitesTo(s, "cut@example.com").length, 1);
  });

  it("a timeout after the write was applied (slow answer): reconciled, not resent", async () => {
    const s = await sandbox({ timeoutMs: 30 });
    s.faults.sleep = hangUntilAborted;
    s.faults.add(on("CREATE_INVITE", { kind: "latency", ms: 60_000, phase: "after" }));
    const r = ok(await s.toolkit.run(CREATE_INVITE, { email: "slow@example.com", role: "user" }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome, r.meta.reconciliations], [1, "applied", ["applied"]]);
    assert.equal(invitesTo(s, "slow@example.com").length, 1);
  });

  it("x-should-retry: false after an ambiguous failure: reconciled to report the outcome, never resent", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_WORKSPACE", { kind: "status", status: 503, x_should_retry: false, phase: "before" }));
    const r = fail(await s.toolkit.run(CREATE_WS, { name: "no-resend" }));
    assert.equal(r.error.status, 503);
    assert.equal(r.meta?.outcome, "not_applied");
    assert.deepEqual(r.meta?.reconciliations, ["not_applied"]);
    assert.equal(r.meta?.attempts, 1);
    assert.equal(named(s, "no-resend").length, 0);
  });

  it("retries exhausted after ambiguous failures: every attempt reconciled, outcome not_applied", async () => {
    const s = await sandbox({ retry: { maxAttempts: 2 } });
    s.faults.add(on("CREATE_WORKSPACE", { kind: "status", status: 502 }, 5));
    const r = fail(await s.toolkit.run(CREATE_WS, { name: "exhausted" }));
    assert.equal(r.meta?.attempts, 2);
    assert.equal(r.meta?.outcome, "not_applied");
    assert.deepEqual(r.meta?.reconciliations, ["not_applied", "not_applied"]);
    assert.match(r.error.hint ?? "", /not applied/);
    assert.equal(named(s, "exhausted").length, 0);
  });
});

describe("safe writes: when the outcome cannot be known", () => {
  it("reconcile read fails → outcome_unknown naming the exact read to check", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_WORKSPACE", { kind: "reset", phase: "after" }));
    s.faults.add({ match: { tool: "LIST_WORKSPACES" }, fault: { kind: "status", status: 403 } });
    const r = fail(await s.toolkit.run(CREATE_WS, { name: "unknowable" }));
    assert.equal(r.error.type, "outcome_unknown");
    assert.equal(r.meta?.outcome, "unknown");
    assert.match(r.error.message, /ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES \{"all":true/);
    assert.match(r.error.message, /before sending it again/);
    assert.equal(r.error.details?.check_tool, T("LIST_WORKSPACES"));
    // It was in fact applied, once: nothing was resent blindly.
    assert.equal(named(s, "unknowable").length, 1);
  });

  it("a resend-safe write (CREATE_MESSAGE) is resent after an ambiguous failure: a duplicate costs only tokens", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_MESSAGE", { kind: "status", status: 500, phase: "after" }));
    const input = { model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user", content: "hi" }] };
    const r = ok(await s.toolkit.run(T("CREATE_MESSAGE"), input));
    assert.deepEqual([r.meta.attempts, r.meta.outcome], [2, "applied"]);
  });

  it("a streamed CREATE_MESSAGE is resent after a 500 that came before any event (nothing reached the caller)", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_MESSAGE", { kind: "status", status: 500 }));
    const input = { model: "claude-haiku-4-5", max_tokens: 16, stream: true, messages: [{ role: "user", content: "hi" }] };
    const events: string[] = [];
    const r = ok(await s.toolkit.run(T("CREATE_MESSAGE"), input, { onEvent: (e) => events.push(e.type) }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome], [2, "applied"]);
    assert.equal(events.filter((t) => t === "message_start").length, 1, "the caller saw one stream");
  });

  it("…but a 529 on it proves nothing ran, so it is retried", async () => {
    const s = await sandbox();
    s.faults.add(on("CREATE_MESSAGE", { kind: "status", status: 529 }));
    const input = { model: "claude-haiku-4-5", max_tokens: 16, messages: [{ role: "user", content: "hi" }] };
    const r = ok(await s.toolkit.run(T("CREATE_MESSAGE"), input));
    assert.deepEqual([r.meta.attempts, r.meta.outcome], [2, "applied"]);
  });
});

describe("safe writes: idempotent writes and refusals", () => {
  it("UPDATE_WORKSPACE (idempotent) is resent after a 500 without reading first", async () => {
    const s = await sandbox();
    const ws = ok(await s.toolkit.run<{ id: string }>(CREATE_WS, { name: "to-rename" })).data;
    s.faults.add(on("UPDATE_WORKSPACE", { kind: "status", status: 500, phase: "after" }));
    const r = ok(await s.toolkit.run(T("UPDATE_WORKSPACE"), { workspace_id: ws.id, name: "renamed" }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome, r.meta.reconciliations, r.meta.confirmed], [2, "applied", undefined, true]);
    assert.equal(s.emulator.state.workspaces.get(ws.id)?.name, "renamed");
  });

  it("an idempotent write that keeps failing ambiguously is settled by reading state", async () => {
    const s = await sandbox({ retry: { maxAttempts: 2 } });
    const ws = ok(await s.toolkit.run<{ id: string }>(CREATE_WS, { name: "sticky" })).data;
    s.faults.add(on("UPDATE_WORKSPACE", { kind: "status", status: 503, phase: "after" }, 10));
    const r = ok(await s.toolkit.run(T("UPDATE_WORKSPACE"), { workspace_id: ws.id, name: "sticky-2" }));
    assert.deepEqual([r.meta.attempts, r.meta.outcome, r.meta.reconciliations], [2, "applied", ["applied"]]);
  });

  it("a 400 refusal is not retried and reports not_applied", async () => {
    const s = await sandbox();
    ok(await s.toolkit.run(CREATE_INVITE, { email: "twice@example.com", role: "user" }));
    const r = fail(await s.toolkit.run(CREATE_INVITE, { email: "twice@example.com", role: "user" }));
    assert.equal(r.error.status, 400);
    assert.equal(r.meta?.attempts, 1);
    assert.equal(r.meta?.outcome, "not_applied");
    assert.equal(invitesTo(s, "twice@example.com").length, 1);
  });
});

describe("safe writes: read-back", () => {
  it("confirms a successful write by reading it back (meta.confirmed)", async () => {
    const s = await sandbox();
    s.faults.add(counter("LIST_INVITES"));
    const r = ok(await s.toolkit.run(CREATE_INVITE, { email: "rb@example.com", role: "user" }));
    assert.equal(r.meta.confirmed, true);
    assert.equal(fired(s, "count-LIST_INVITES"), 1);
  });

  it("can be turned off: no read, no confirmed flag", async () => {
    const s = await sandbox({ readBack: false });
    s.faults.add(counter("LIST_INVITES"));
    const r = ok(await s.toolkit.run(CREATE_INVITE, { email: "norb@example.com", role: "user" }));
    assert.equal(r.meta.confirmed, undefined);
    assert.equal(r.meta.outcome, "applied");
    assert.equal(fired(s, "count-LIST_INVITES"), 0);
  });

  it("reads are not read back and carry no outcome", async () => {
    const s = await sandbox();
    const r = ok(await s.toolkit.run(T("LIST_WORKSPACES"), {}));
    assert.equal(r.meta.outcome, undefined);
    assert.equal(r.meta.confirmed, undefined);
  });
});
