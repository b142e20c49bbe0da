import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { updateWorkspaceRateLimit, type WorkspaceRateLimit } from "../../src/operations/rate-limits.js";
import type { ReadCall } from "../../src/operations/types.js";
import { createEmulator } from "../../src/emulator/emulator.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { fail, ok, T } from "./fault-helpers.js";

type Limit = WorkspaceRateLimit["limits"][number];

/** A read that answers LIST_WORKSPACE_RATE_LIMITS with one entry whose limiters are `limits`. */
const answering =
  (limits: Limit[]): ReadCall =>
  async (tool) => {
    assert.equal(tool, T("LIST_WORKSPACE_RATE_LIMITS"));
    const entry: WorkspaceRateLimit = {
      type: "workspace_rate_limit",
      workspace_id: "wrkspc_01a",
      rate_limit_id: "rl_01a",
      group: { type: "token_count", id: "rl_01a" },
      models: null,
      limits,
    };
    return { data: [entry], has_more: false, next_page: null };
  };

const reconcile = (value: number | null, limits: Limit[]) => {
  const fn = updateWorkspaceRateLimit.reconcile;
  assert.ok(fn);
  return fn({ workspace_id: "wrkspc_01a", rate_limit_id: "rl_01a", limits: [{ type: "requests_per_minute", value }] }, answering(limits));
};

describe("review: UPDATE_WORKSPACE_RATE_LIMIT reconcile without the optional source field", () => {
  it("a set shows when the value equals the requested integer", async () => {
    assert.equal((await reconcile(50, [{ type: "requests_per_minute", value: 50, org_limit: 100 }])).applied, true);
    assert.equal((await reconcile(50, [{ type: "requests_per_minute", value: 100, org_limit: 100 }])).applied, false);
  });

  it("a set equal to the organization's value shows too (the workspace's effective value is the one asked for)", async () => {
    assert.equal((await reconcile(100, [{ type: "requests_per_minute", value: 100, org_limit: 100 }])).applied, true);
  });

  it("a clear shows when the value is back to org_limit, or the limiter is gone", async () => {
    assert.equal((await reconcile(null, [{ type: "requests_per_minute", value: 100, org_limit: 100 }])).applied, true);
    assert.equal((await reconcile(null, [])).applied, true);
    assert.equal((await reconcile(null, [{ type: "requests_per_minute", value: 50, org_limit: 100 }])).applied, false);
  });

  it("a clear cannot be judged without source or org_limit: the reconcile fails instead of guessing", async () => {
    await assert.rejects(reconcile(null, [{ type: "requests_per_minute", value: 50 }]), /org_limit/);
    await assert.rejects(reconcile(null, [{ type: "requests_per_minute", value: 50, org_limit: null }]), /org_limit/);
  });

  it("with source the old judgement stands", async () => {
    assert.equal((await reconcile(null, [{ type: "requests_per_minute", value: 100, org_limit: 100, source: { type: "workspace" } }])).applied, false);
    assert.equal((await reconcile(null, [{ type: "requests_per_minute", value: 100, org_limit: 100, source: { type: "organization" } }])).applied, true);
    assert.equal((await reconcile(50, [{ type: "requests_per_minute", value: 50, org_limit: 100, source: { type: "workspace" } }])).applied, true);
  });

  it("end to end against a server without source/org_limit: a set settles as applied, a clear as outcome_unknown", async () => {
    const emulator = createEmulator();
    // The answer to every rate-limit update is lost after it was applied (500); listings come
    // without `source` and `org_limit`, as an older server might send them.
    const fetch: typeof globalThis.fetch = async (req, init) => {
      const res = await emulator.fetch(req, init);
      const url = typeof req === "string" ? req : req instanceof URL ? req.href : req.url;
      if (!/\/rate_limits/.test(url) || !/\/workspaces\//.test(url)) return res;
      if ((init?.method ?? "GET").toUpperCase() === "POST") {
        return new Response(JSON.stringify({ type: "error", error: { type: "api_error", message: "Internal" } }), { status: 500 });
      }
      const body = (await res.json()) as { data: Array<{ limits: Array<Record<string, unknown>> }> };
      for (const l of body.data.flatMap((e) => e.limits)) {
        delete l.source;
        delete l.org_limit;
      }
      return new Response(JSON.stringify(body), { status: res.status, headers: res.headers });
    };
    const toolkit = createToolkit({
      adminKey: emulator.adminKey,
      baseURL: "http://emu.local",
      fetch,
      audit: false,
      sleep: async () => {},
      random: () => 0.5,
      warn: () => {},
      retry: { maxAttempts: 2 },
    });
    const ws = emulator.state.workspaces.all().find((w) => w.name === "Research");
    assert.ok(ws);
    const org = ok(await toolkit.run<{ data: Array<{ id: string }> }>(T("LIST_RATE_LIMITS"), { group_type: "token_count" })).data;
    const args = { workspace_id: ws.id, rate_limit_id: org.data[0].id };
    const set = ok(await toolkit.run(T("UPDATE_WORKSPACE_RATE_LIMIT"), { ...args, limits: [{ type: "requests_per_minute", value: 7 }] }));
    assert.deepEqual([set.meta.outcome, set.meta.reconciliations], ["applied", ["applied"]]);
    const r = fail(await toolkit.run(T("UPDATE_WORKSPACE_RATE_LIMIT"), { ...args, limits: [{ type: "requests_per_minute", value: null }] }));
    assert.equal(r.error.type, "outcome_unknown");
    assert.equal(r.meta?.outcome, "unknown");
    assert.equal(r.error.details?.check_tool, T("LIST_WORKSPACE_RATE_LIMITS"));
  });
});
