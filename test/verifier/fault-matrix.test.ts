import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { FaultRuleInput } from "../../src/emulator/faults/rules.js";
import { parseFaultRules } from "../../src/emulator/faults/rules.js";
import { startEmulatorServer } from "../../src/emulator/server.js";
import type { ToolResult } from "../../src/surfaces/toolkit.js";
import { hangUntilAborted, ok, type Sandbox, sandbox, T } from "./fault-helpers.js";

/** What the caller sees: success or error type, HTTP attempts, and for writes the outcome. */
interface Seen {
  ok: boolean;
  type?: string;
  attempts: number;
  outcome?: string;
  reconciliations?: string[];
}

function seen(r: ToolResult): Seen {
  const out: Seen = { ok: r.ok, attempts: r.meta?.attempts ?? 0 };
  if (!r.ok) out.type = r.error.type;
  if (r.meta?.outcome) out.outcome = r.meta.outcome;
  if (r.meta?.reconciliations) out.reconciliations = r.meta.reconciliations;
  return out;
}

/** Installs rules through the control surface, as a person or the CLI would. */
async function install(s: Sandbox, rules: FaultRuleInput[]) {
  const res = await s.emulator.fetch("http://emu.local/_emulator/faults", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(rules),
  });
  assert.equal(res.status, 200, await res.clone().text());
}

const READ = T("LIST_WORKSPACES");
const WRITE = T("CREATE_WORKSPACE");
const once = (tool: string, fault: FaultRuleInput["fault"]): FaultRuleInput => ({ match: { tool }, fault, count: 1 });

interface Row {
  name: string;
  fault: FaultRuleInput["fault"];
  read: Seen;
  write?: Seen;
}

const ROWS: Row[] = [
  {
    name: "429 with retry-after",
    fault: { kind: "status", status: 429, retry_after: 2 },
    read: { ok: true, attempts: 2 },
    write: { ok: true, attempts: 2, outcome: "applied" },
  },
  {
    name: "429 without retry-after",
    fault: { kind: "status", status: 429 },
    read: { ok: true, attempts: 2 },
    write: { ok: true, attempts: 2, outcome: "applied" },
  },
  {
    name: "spend-cap 429",
    fault: { kind: "spend_cap" },
    read: { ok: false, type: "spend_limit_reached", attempts: 1 },
    write: { ok: false, type: "spend_limit_reached", attempts: 1, outcome: "not_applied" },
  },
  { name: "529", fault: { kind: "status", status: 529 }, read: { ok: true, attempts: 2 }, write: { ok: true, attempts: 2, outcome: "applied" } },
  ...[500, 502, 503, 504].map((status) => ({
    name: `${status} before applying`,
    fault: { kind: "status", status } as const,
    read: { ok: true, attempts: 2 },
    write: { ok: true, attempts: 2, outcome: "applied", reconciliations: ["not_applied"] },
  })),
  {
    name: "500 after applying",
    fault: { kind: "status", status: 500, phase: "after" },
    read: { ok: true, attempts: 2 },
    write: { ok: true, attempts: 1, outcome: "applied", reconciliations: ["applied"] },
  },
  { name: "408", fault: { kind: "status", status: 408 }, read: { ok: true, attempts: 2 } },
  ...(
    [
      [400, "invalid_request_error"],
      [403, "permission_error"],
      [404, "not_found_error"],
      [409, "conflict_error"],
      [413, "request_too_large"],
    ] as const
  ).map(([status, type]) => ({
    name: `${status}`,
    fault: { kind: "status", status } as const,
    read: { ok: false, type, attempts: 1 },
    write: { ok: false, type, attempts: 1, outcome: "not_applied" },
  })),
  { name: "latency 250 ms", fault: { kind: "latency", ms: 250 }, read: { ok: true, attempts: 1 }, write: { ok: true, attempts: 1, outcome: "applied" } },
  {
    name: "connection reset before applying",
    fault: { kind: "reset", phase: "before" },
    read: { ok: true, attempts: 2 },
    write: { ok: true, attempts: 2, outcome: "applied", reconciliations: ["not_applied"] },
  },
  {
    name: "connection reset after applying",
    fault: { kind: "reset", phase: "after" },
    read: { ok: true, attempts: 2 },
    write: { ok: true, attempts: 1, outcome: "applied", reconciliations: ["applied"] },
  },
  {
    name: "truncated body",
    fault: { kind: "truncate" },
    read: { ok: true, attempts: 2 },
    write: { ok: true, attempts: 1, outcome: "applied", reconciliations: ["applied"] },
  },
];

describe("fault matrix: every fault class and what the caller sees", () => {
  for (const row of ROWS) {
    it(`${row.name}: read`, async () => {
      const s = await sandbox();
      await install(s, [once("LIST_WORKSPACES", row.fault)]);
      assert.deepEqual(seen(await s.toolkit.run(READ, {})), row.read);
      assert.equal(s.faults.log.length, 1, "the fault fired exactly once");
    });
    if (row.write) {
      const expected = row.write;
      it(`${row.name}: write`, async () => {
        const s = await sandbox();
        await install(s, [once("CREATE_WORKSPACE", row.fault)]);
        const name = `matrix ${row.name}`.slice(0, 40);
        assert.deepEqual(seen(await s.toolkit.run(WRITE, { name })), expected);
        const count = s.emulator.state.workspaces.all().filter((w) => w.name === name).length;
        assert.equal(count, expected.ok ? 1 : 0, "applied exactly once, or not at all");
      });
    }
  }

  it("429 retry-after: the caller waited what the server asked", async () => {
    const s = await sandbox();
    await install(s, [once("LIST_WORKSPACES", { kind: "status", status: 429, retry_after: 2 })]);
    ok(await s.toolkit.run(READ, {}));
    assert.ok(s.clock.slept.includes(2000), `slept ${s.clock.slept}`);
  });

  it("latency: the emulator waited (virtually) before answering", async () => {
    const s = await sandbox();
    await install(s, [once("LIST_WORKSPACES", { kind: "latency", ms: 250 })]);
    ok(await s.toolkit.run(READ, {}));
    assert.deepEqual(s.clock.slept, [250]);
  });

  it("latency past the per-attempt timeout: a timeout, retried", async () => {
    const s = await sandbox({ timeoutMs: 20 });
    s.faults.sleep = hangUntilAborted;
    await install(s, [once("LIST_WORKSPACES", { kind: "latency", ms: 60_000 })]);
    assert.deepEqual(seen(await s.toolkit.run(READ, {})), { ok: true, attempts: 2 });
  });

  it("a fault that never stops: retried up to maxAttempts, then the API's error", async () => {
    const s = await sandbox({ retry: { maxAttempts: 4 } });
    await install(s, [{ match: { tool: "LIST_WORKSPACES" }, fault: { kind: "status", status: 503 } }]);
    const r = seen(await s.toolkit.run(READ, {}));
    assert.deepEqual(r, { ok: false, type: "api_error", attempts: 4 });
  });

  it("drift, extra field: success, the field is kept and reported as unknown_field", async () => {
    const s = await sandbox();
    await install(s, [once("LIST_WORKSPACES", { kind: "drift", variant: "extra_field", field: "colour_v2", to: "teal" })]);
    const r = ok(await s.toolkit.run<{ data: Record<string, unknown>[] }>(READ, {}));
    assert.equal(r.meta.attempts, 1);
    assert.equal(r.data.data[0].colour_v2, "teal");
    assert.ok(r.meta.drift?.some((d) => d.kind === "unknown_field" && /colour_v2$/.test(d.path)), JSON.stringify(r.meta.drift));
  });

  it("drift, renamed field: success with a missing_field finding in meta.drift", async () => {
    const s = await sandbox();
    await install(s, [once("LIST_WORKSPACES", { kind: "drift", variant: "rename_field", field: "name", to: "title" })]);
    const r = ok(await s.toolkit.run(READ, {}));
    assert.ok(r.meta.drift?.some((d) => d.kind === "missing_field" && /^data.*\.name$/.test(d.path)), JSON.stringify(r.meta.drift));
  });

  it("drift, new enum value: success with an unknown_enum_value finding", async () => {
    const s = await sandbox();
    await install(s, [once("LIST_MODELS", { kind: "drift", variant: "enum_value", field: "lifecycle", to: "sunset" })]);
    const r = ok(await s.toolkit.run(T("LIST_MODELS"), { limit: 2 }));
    assert.ok(r.meta.drift?.some((d) => d.kind === "unknown_enum_value" && /^data.*\.lifecycle$/.test(d.path)), JSON.stringify(r.meta.drift));
  });

  it("drift in strict mode: a schema_drift error (a write reports that it was applied)", async () => {
    const s = await sandbox({ drift: "strict" });
    await install(s, [once("CREATE_WORKSPACE", { kind: "drift", variant: "rename_field", field: "name", to: "title" })]);
    assert.deepEqual(seen(await s.toolkit.run(WRITE, { name: "strict drift" })), {
      ok: false,
      type: "schema_drift",
      attempts: 1,
      outcome: "applied",
    });
  });

  it("key revocation: 401 naming the key (never showing it) until the key changes, then the re-read key works", async () => {
    const OLD = "sk-ant-admin01-matrix-old-key-0000000000000000";
    const NEW = "sk-ant-admin01-matrix-new-key-1111111111111111";
    let current = OLD;
    const s = await sandbox({ adminKey: () => current });
    s.emulator.state.adminKeys.add(OLD);
    await install(s, [once("LIST_WORKSPACES", { kind: "revoke_key" })]);
    const first = await s.toolkit.run(READ, {});
    assert.deepEqual(seen(first), { ok: false, type: "authentication_error", attempts: 1 });
    assert.match(JSON.stringify(first), /Admin API key/);
    // Still revoked: the same key is refused without any rule firing again.
    assert.equal(seen(await s.toolkit.run(READ, {})).ok, false);
    assert.equal(s.faults.log.length, 1);
    s.emulator.state.adminKeys.add(NEW);
    current = NEW;
    const after = await s.toolkit.run(READ, {});
    assert.deepEqual(seen(after), { ok: true, attempts: 2 });
    assert.ok(!JSON.stringify([first, after]).includes("matrix-old-key"), "the key never appears");
  });
});

describe("fault rules: control surface and file format", () => {
  it("GET lists rules with counters and the fired log; DELETE removes one or all", async () => {
    const s = await sandbox();
    await install(s, [
      { id: "a", match: { tool: "LIST_WORKSPACES" }, fault: { kind: "status", status: 529 }, count: 2 },
      { id: "b", match: { method: "POST", path: "/v1/organizations/workspaces*" }, fault: { kind: "latency", ms: 5 } },
    ]);
    ok(await s.toolkit.run(READ, {}));
    const listed = (await (await s.emulator.fetch("http://emu.local/_emulator/faults")).json()) as {
      rules: { id: string; fired: number; spent: boolean }[];
      fired: { rule_id: string; tool: string }[];
    };
    assert.deepEqual(listed.rules.map((r) => [r.id, r.fired, r.spent]), [["a", 2, true], ["b", 0, false]]);
    assert.deepEqual(listed.fired.map((f) => f.tool), [READ, READ]);
    assert.equal((await s.emulator.fetch("http://emu.local/_emulator/faults/b", { method: "DELETE" })).status, 200);
    assert.equal((await s.emulator.fetch("http://emu.local/_emulator/faults/b", { method: "DELETE" })).status, 404);
    await s.emulator.fetch("http://emu.local/_emulator/faults", { method: "DELETE" });
    assert.equal(s.faults.list().length, 0);
    assert.equal(s.faults.log.length, 0);
  });

  it("POST refuses a bad rule with the field that is wrong", async () => {
    const s = await sandbox();
    const res = await s.emulator.fetch("http://emu.local/_emulator/faults", {
      method: "POST",
      body: JSON.stringify({ match: { tool: "X" }, fault: { kind: "status", status: 200 } }),
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /fault\.status/);
  });

  it("parseFaultRules reads a list, {seed, rules} or one rule, from text or a value", () => {
    assert.equal(parseFaultRules('[{"fault":{"kind":"truncate"}}]').rules.length, 1);
    const set = parseFaultRules({ seed: 7, rules: [{ match: { tool: "CREATE_INVITE" }, fault: { kind: "reset", phase: "after" }, probability: 0.2 }] });
    assert.equal(set.seed, 7);
    assert.equal(set.rules[0].fault.kind, "reset");
    assert.deepEqual(parseFaultRules({ fault: { kind: "spend_cap" } }).rules[0].match, {});
    assert.throws(() => parseFaultRules("{oops"), /not valid JSON/);
    assert.throws(() => parseFaultRules([{ fault: { kind: "drift", variant: "sideways" } }]), /0\.fault\.variant/);
    assert.throws(() => parseFaultRules({ fault: { kind: "latency", ms: 1 }, when: "now" }), /Unrecognized key/);
  });

  it("probability draws are seeded: the same seed fires on the same calls", async () => {
    const pattern = async () => {
      const s = await sandbox();
      s.faults.load(parseFaultRules({ seed: 42, rules: [{ match: { tool: "LIST_MODELS" }, fault: { kind: "latency", ms: 1 }, probability: 0.5 }] }));
      const firedOn: boolean[] = [];
      for (let i = 0; i < 20; i++) {
        const before = s.faults.log.length;
        ok(await s.toolkit.run(T("LIST_MODELS"), { limit: 1 }));
        firedOn.push(s.faults.log.length > before);
      }
      return firedOn;
    };
    const a = await pattern();
    const n = a.filter(Boolean).length;
    assert.ok(n > 3 && n < 17, `fired ${n} of 20`);
    assert.deepEqual(await pattern(), a);
  });

  it("skip lets the first calls through", async () => {
    const s = await sandbox();
    s.faults.add({ match: { tool: "LIST_MODELS" }, fault: { kind: "status", status: 529 }, skip: 2, count: 1 });
    const attempts = [];
    for (let i = 0; i < 4; i++) attempts.push(ok(await s.toolkit.run(T("LIST_MODELS"), { limit: 1 })).meta.attempts);
    assert.deepEqual(attempts, [1, 1, 2, 1]);
  });
});

describe("wire faults over a real socket", () => {
  it("a reset drops the connection; a truncated body ends early", async () => {
    const server = await startEmulatorServer({ port: 0 });
    try {
      const { faultService } = await import("../../src/emulator/faults/service.js");
      const faults = faultService(server.emulator.services);
      const headers = { "x-api-key": server.emulator.apiKey, "anthropic-version": "2023-06-01" };
      faults.add(once("LIST_MODELS", { kind: "reset" }));
      await assert.rejects(fetch(`${server.url}/v1/models`, { headers }), (err: Error) => err instanceof TypeError && /fetch failed/.test(err.message));
      faults.add(once("LIST_MODELS", { kind: "truncate" }));
      const res = await fetch(`${server.url}/v1/models`, { headers });
      assert.equal(res.status, 200);
      await assert.rejects(res.json(), TypeError);
      const good = await fetch(`${server.url}/v1/models`, { headers });
      assert.equal(good.status, 200);
      assert.ok(Array.isArray(((await good.json()) as { data: unknown[] }).data));
    } finally {
      await server.close();
    }
  });

  it("through the toolkit: a reset after a write over a socket is reconciled, not resent", async () => {
    const server = await startEmulatorServer({ port: 0 });
    try {
      const { faultService } = await import("../../src/emulator/faults/service.js");
      const { createToolkit } = await import("../../src/surfaces/toolkit.js");
      faultService(server.emulator.services).add(once("CREATE_WORKSPACE", { kind: "reset", phase: "after" }));
      const toolkit = createToolkit({
        baseURL: server.url,
        apiKey: server.emulator.apiKey,
        adminKey: server.emulator.adminKey,
        audit: false,
        sleep: async () => {},
        warn: () => {},
      });
      assert.deepEqual(seen(await toolkit.run(WRITE, { name: "over a socket" })), {
        ok: true,
        attempts: 1,
        outcome: "applied",
        reconciliations: ["applied"],
      });
      assert.equal(server.emulator.state.workspaces.all().filter((w) => w.name === "over a socket").length, 1);
    } finally {
      await server.close();
    }
  });
});
