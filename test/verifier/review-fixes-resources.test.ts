import assert from "node:assert/strict";
import { getEventListeners } from "node:events";
import { describe, it } from "node:test";
import { findOperation } from "../../src/operations/index.js";
import { defaultSleep } from "../../src/surfaces/toolkit.js";
import type { CallContext, Runtime } from "../../src/verifier/context.js";
import { reportCache, reportCacheSize } from "../../src/verifier/report-cache.js";

describe("review fix: defaultSleep releases the caller's signal", () => {
  it("one signal reused across 20 sleeps keeps no abort listeners", async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await defaultSleep(0, controller.signal);
    assert.equal(getEventListeners(controller.signal, "abort").length, 0);
  });

  it("still rejects with the signal's reason when aborted mid-sleep", async () => {
    const controller = new AbortController();
    const sleeping = defaultSleep(60_000, controller.signal);
    controller.abort(new Error("stop"));
    await assert.rejects(sleeping, /stop/);
    assert.equal(getEventListeners(controller.signal, "abort").length, 0);
  });
});

describe("review fix: the report cache is bounded", () => {
  const op = findOperation("ANTHROPIC_ADMINISTRATOR_GET_USAGE_REPORT") ?? findOperation("ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT");

  function harness(minInterval: number) {
    let now = 1_700_000_000_000;
    const runtime = {
      options: { governor: { reportMinIntervalMs: minInterval } },
      now: () => now,
      state: new Map(),
    } as unknown as Runtime;
    const ask = async (input: Record<string, unknown>) => {
      assert.ok(op);
      const ctx = { op, raw: input, input, control: {}, runtime, meta: { tool: op.tool, effect: "read", attempts: 0, duration_ms: 0 } } as CallContext;
      await reportCache(ctx, async () => {
        ctx.data = { data: [], asked: input };
      });
      return ctx;
    };
    return { runtime, ask, advance: (ms: number) => (now += ms) };
  }

  it("300 distinct queries leave at most 256 entries, the newest kept", async () => {
    assert.ok(op?.pagination === "report", "a report operation exists");
    const { runtime, ask } = harness(60_000);
    for (let i = 0; i < 300; i++) await ask({ starting_at: `2026-01-01T00:00:${String(i).padStart(3, "0")}Z` });
    assert.ok(reportCacheSize(runtime) <= 256, `size ${reportCacheSize(runtime)}`);
    const newest = await ask({ starting_at: "2026-01-01T00:00:299Z" });
    assert.equal(newest.meta.cached, true, "the newest entry is still cached");
    const oldest = await ask({ starting_at: "2026-01-01T00:00:000Z" });
    assert.notEqual(oldest.meta.cached, true, "the oldest entry was dropped");
  });

  it("expired entries are swept on insert even if their query is never asked again", async () => {
    const { runtime, ask, advance } = harness(1_000);
    for (let i = 0; i < 10; i++) await ask({ starting_at: `a${i}` });
    assert.equal(reportCacheSize(runtime), 10);
    advance(1_000);
    await ask({ starting_at: "fresh" });
    assert.equal(reportCacheSize(runtime), 1);
  });
});
