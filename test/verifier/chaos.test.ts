import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FaultRuleInput } from "../../src/emulator/faults/rules.js";
import { seededRandom } from "../../src/emulator/ids.js";
import type { ToolResult } from "../../src/surfaces/toolkit.js";
import { type Sandbox, sandbox, T } from "./fault-helpers.js";

/**
 * 300 mixed calls, 100 of them writes, under ~20% injected faults per HTTP request (including
 * resets and 5xx after a write was applied). Checks that every call ends in a correct result or
 * a clear error, that every reported outcome matches what the emulator's fault log says
 * happened, and that the final state equals the intended state exactly.
 */

/** Rule ids encode what a fault means for a non-idempotent write: `amb-applied`, `amb-not` (ambiguous), `refused`. */
const CHAOS_RULES: FaultRuleInput[] = [
  { id: "counter", match: {}, fault: { kind: "latency", ms: 0 } },
  { id: "slow", match: {}, fault: { kind: "latency", ms: 300 }, probability: 0.05 },
  { id: "amb-applied:reset", match: {}, fault: { kind: "reset", phase: "after" }, probability: 0.06 },
  { id: "amb-applied:500", match: {}, fault: { kind: "status", status: 500, phase: "after" }, probability: 0.03 },
  { id: "amb-applied:truncate", match: {}, fault: { kind: "truncate" }, probability: 0.03 },
  { id: "amb-not:reset", match: {}, fault: { kind: "reset", phase: "before" }, probability: 0.04 },
  { id: "amb-not:503", match: {}, fault: { kind: "status", status: 503 }, probability: 0.03 },
  { id: "refused:429", match: {}, fault: { kind: "status", status: 429, retry_after: 1 }, probability: 0.03 },
  { id: "refused:529", match: {}, fault: { kind: "status", status: 529 }, probability: 0.03 },
];

type Kind = "create_ws" | "create_invite" | "update_ws" | "archive_ws" | "delete_invite" | "read";
const WRITE_MIX: Array<[Kind, number]> = [
  ["create_ws", 35],
  ["create_invite", 30],
  ["update_ws", 20],
  ["archive_ws", 8],
  ["delete_invite", 7],
];
const GUARDED = new Set<Kind>(["create_ws", "create_invite"]);
const CLEAR_ERROR_TYPES = new Set(["api_error", "overloaded_error", "rate_limit_error", "timeout_error", "connection_error", "timeout", "outcome_unknown"]);

interface Intended {
  /** workspace id → name, for workspaces this run created and did not archive. */
  workspaces: Map<string, string>;
  archived: Set<string>;
  /** Emails with a pending invite this run created and did not delete. */
  invites: Map<string, string>;
  deletedInvites: Set<string>;
}

function plan(random: () => number): Kind[] {
  const kinds: Kind[] = [];
  for (const [k, n] of WRITE_MIX) for (let i = 0; i < n; i++) kinds.push(k);
  while (kinds.length < 300) kinds.push("read");
  // Seeded Fisher–Yates: the same interleaving on every run.
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
  }
  return kinds;
}

describe("chaos: 300 mixed calls under 20% injected faults", () => {
  it("every call ends correctly or clearly; outcomes match the fault log; final state is exact", async (t) => {
    const s = await sandbox({ retry: { maxAttempts: 5 } });
    // The seed fixes which requests fault; the snapshot reads before writes shifted the draws, and
    // seed 4242 then left only 3 lost answers on writes (under the >= 5 this test exercises).
    s.faults.load({ seed: 2, rules: CHAOS_RULES.map((r) => ({ match: {}, ...r })) as never });
    const random = seededRandom(99);
    const kinds = plan(random);
    const seededWs = new Set(s.emulator.state.workspaces.all().map((w) => w.id));
    const seededInvites = new Set(s.emulator.state.invites.all().map((i) => i.id));
    const intended: Intended = { workspaces: new Map(), archived: new Set(), invites: new Map(), deletedInvites: new Set() };
    const stats = { ok: 0, errors: 0, writes: 0, reconciled: 0, unknown: 0, substituted: 0 };
    let seq = 0;

    for (const planned of kinds) {
      const kind = substitute(planned, intended);
      if (kind !== planned) stats.substituted++;
      const { tool, input } = callFor(kind, intended, ++seq, random);
      const logStart = s.faults.log.length;
      const result = await s.toolkit.run(tool, input);
      const window = s.faults.log.slice(logStart).filter((f) => f.tool === tool);
      if (result.ok) stats.ok++;
      else stats.errors++;
      if (kind === "read") {
        checkRead(tool, input, result, intended);
        continue;
      }
      stats.writes++;
      if (result.meta?.reconciliations) stats.reconciled++;
      const label = `${kind} #${seq} ${JSON.stringify(input)} → ${JSON.stringify(result).slice(0, 400)}`;
      // HTTP attempts equal the write's own requests the emulator saw (the counter rule logs every one).
      assert.equal(result.meta?.attempts, window.filter((f) => f.rule_id === "counter").length, label);
      if (!result.ok) {
        assert.ok(CLEAR_ERROR_TYPES.has(result.error.type), label);
        assert.ok(result.error.message.length > 20, label);
      }
      const outcome = result.meta?.outcome;
      assert.ok(outcome === "applied" || outcome === "not_applied" || outcome === "unknown", label);
      assert.equal(result.ok, outcome === "applied", `success exactly when applied: ${label}`);
      if (GUARDED.has(kind)) {
        // Each ambiguous fault on the write itself was followed by exactly one reconciliation with the right verdict.
        const expected = window.filter((f) => f.rule_id.startsWith("amb-")).map((f) => (f.rule_id.startsWith("amb-applied") ? "applied" : "not_applied"));
        if (outcome !== "unknown") assert.deepEqual(result.meta?.reconciliations ?? [], expected, label);
      }
      if (outcome === "unknown") {
        stats.unknown++;
        assert.match(result.ok ? "" : result.error.message, /Check with ANTHROPIC_ADMINISTRATOR_\w+ \{/, label);
      }
      apply(s, kind, input, result, intended, label);
    }

    // The final state equals the intended state exactly.
    const ws = s.emulator.state.workspaces.all().filter((w) => !seededWs.has(w.id));
    const live = ws.filter((w) => w.archived_at === null);
    assert.deepEqual(new Map(live.map((w) => [w.id, w.name])), intended.workspaces, "live workspaces");
    assert.deepEqual(new Set(ws.filter((w) => w.archived_at !== null).map((w) => w.id)), intended.archived, "archived workspaces");
    const names = live.map((w) => w.name);
    assert.equal(new Set(names).size, names.length, "no duplicate workspace");
    const mine = s.emulator.state.invites.all().filter((i) => !seededInvites.has(i.id));
    const pending = mine.filter((i) => i.status === "pending");
    assert.deepEqual(new Map(pending.map((i) => [i.email, i.id])), intended.invites, "pending invites");
    assert.equal(new Set(pending.map((i) => i.email)).size, pending.length, "no duplicate invite");
    assert.deepEqual(new Set(mine.filter((i) => i.status === "deleted").map((i) => i.id)), intended.deletedInvites, "deleted invites");
    assert.equal(mine.length, pending.length + intended.deletedInvites.size, "no stray invite");

    const requests = s.faults.log.filter((f) => f.rule_id === "counter").length;
    const failures = s.faults.log.filter((f) => f.rule_id.startsWith("amb-") || f.rule_id.startsWith("refused")).length;
    const rate = failures / requests;
    const appliedThenLost = s.faults.log.filter((f) => f.rule_id.startsWith("amb-applied") && f.method !== "GET").length;
    assert.equal(kinds.length, 300);
    assert.equal(stats.writes, 100);
    assert.ok(rate > 0.18 && rate < 0.25, `fault rate ${rate}`);
    assert.ok(appliedThenLost >= 5, `answers lost after an applied write: ${appliedThenLost}`);
    assert.ok(stats.reconciled >= 5, `reconciled writes: ${stats.reconciled}`);
    t.diagnostic(
      `chaos: ${requests} HTTP requests, ${failures} failure faults (${(rate * 100).toFixed(1)}%), ${appliedThenLost} writes applied then answer lost; ` +
        `calls ok ${stats.ok}, clear errors ${stats.errors}, reconciled writes ${stats.reconciled}, outcome unknown ${stats.unknown}, substituted ${stats.substituted}`,
    );
  });
});

/** A write that needs a target falls back to a create when there is none yet. */
function substitute(kind: Kind, intended: Intended): Kind {
  if ((kind === "update_ws" || kind === "archive_ws") && intended.workspaces.size === 0) return "create_ws";
  if (kind === "delete_invite" && intended.invites.size === 0) return "create_invite";
  return kind;
}

function pick<T>(items: Iterable<T>, random: () => number): T {
  const list = [...items];
  return list[Math.floor(random() * list.length)];
}

function callFor(kind: Kind, intended: Intended, seq: number, random: () => number): { tool: string; input: Record<string, unknown> } {
  switch (kind) {
    case "create_ws":
      return { tool: T("CREATE_WORKSPACE"), input: { name: `chaos-ws-${seq}` } };
    case "create_invite":
      return { tool: T("CREATE_INVITE"), input: { email: `chaos-${seq}@example.com`, role: random() < 0.5 ? "user" : "developer" } };
    case "update_ws":
      return { tool: T("UPDATE_WORKSPACE"), input: { workspace_id: pick(intended.workspaces.keys(), random), name: `chaos-renamed-${seq}` } };
    case "archive_ws":
      return { tool: T("ARCHIVE_WORKSPACE"), input: { workspace_id: pick(intended.workspaces.keys(), random), confirm: true } };
    case "delete_invite":
      return { tool: T("DELETE_INVITE"), input: { invite_id: pick(intended.invites.values(), random), confirm: true } };
    case "read": {
      const reads: Array<[string, Record<string, unknown>]> = [
        [T("LIST_WORKSPACES"), { limit: 100 }],
        [T("LIST_INVITES"), { statuses: ["pending"], limit: 100 }],
        [T("LIST_MODELS"), { limit: 3 }],
        [T("LIST_USERS"), { limit: 10 }],
      ];
      if (intended.workspaces.size > 0) reads.push([T("GET_WORKSPACE"), { workspace_id: pick(intended.workspaces.keys(), random) }]);
      const [tool, input] = pick(reads, random);
      return { tool, input };
    }
  }
}

/** A successful read must show the intended state at that moment (calls are sequential). */
function checkRead(tool: string, input: Record<string, unknown>, result: ToolResult, intended: Intended): void {
  if (!result.ok) {
    assert.ok(CLEAR_ERROR_TYPES.has(result.error.type) && result.error.message.length > 10, JSON.stringify(result));
    return;
  }
  const data = result.data as { data?: Array<Record<string, unknown>>; id?: string; name?: string };
  const ids = new Set(data.data?.map((x) => String(x.id)));
  if (tool === T("LIST_WORKSPACES")) {
    for (const [id, name] of intended.workspaces) assert.ok(ids.has(id) && data.data?.some((w) => w.id === id && w.name === name), `${id} ${name} listed`);
    for (const id of intended.archived) assert.ok(!ids.has(id), `archived ${id} not listed`);
  } else if (tool === T("LIST_INVITES")) {
    for (const id of intended.invites.values()) assert.ok(ids.has(id), `invite ${id} listed`);
    for (const id of intended.deletedInvites) assert.ok(!ids.has(id), `deleted invite ${id} not listed`);
  } else if (tool === T("GET_WORKSPACE")) {
    assert.equal(data.name, intended.workspaces.get(String(input.workspace_id)));
  } else {
    assert.ok(Array.isArray(data.data) && data.data.length > 0, tool);
  }
}

/** Updates the intended state from what the call reported; `unknown` is resolved by reading, as its message says to. */
function apply(s: Sandbox, kind: Kind, input: Record<string, unknown>, result: ToolResult, intended: Intended, label: string): void {
  const outcome = result.meta?.outcome;
  const state = s.emulator.state;
  if (outcome === "not_applied") return;
  const data = (result.ok ? result.data : undefined) as { id?: string } | undefined;
  switch (kind) {
    case "create_ws": {
      const found = state.workspaces.all().filter((w) => w.name === input.name);
      if (outcome === "applied") assert.equal(data?.id, found[0]?.id, label);
      for (const w of found) intended.workspaces.set(w.id, w.name);
      return;
    }
    case "create_invite": {
      const found = state.invites.all().filter((i) => i.email === input.email);
      if (outcome === "applied") assert.equal(data?.id, found[0]?.id, label);
      for (const i of found) intended.invites.set(i.email, i.id);
      return;
    }
    case "update_ws":
      intended.workspaces.set(String(input.workspace_id), String(input.name));
      return;
    case "archive_ws":
      intended.workspaces.delete(String(input.workspace_id));
      intended.archived.add(String(input.workspace_id));
      return;
    case "delete_invite":
      for (const [email, id] of intended.invites) {
        if (id === input.invite_id) {
          intended.invites.delete(email);
          intended.deletedInvites.add(id);
        }
      }
      return;
  }
}
