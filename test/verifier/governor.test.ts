import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import type { RateLimitService } from "../../src/emulator/rate-limiter.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { countingEmulator } from "../helpers/counting-emulator.js";
import { FairQueue } from "../../src/verifier/fair-queue.js";
import type { GovernorView } from "../../src/verifier/governor.js";
import { PacedBucket } from "../../src/verifier/token-bucket.js";

const GET_MODEL = "ANTHROPIC_ADMINISTRATOR_GET_MODEL";

/** A virtual clock shared by the toolkit and the emulator: sleeping moves time, nothing really waits. */
function virtualClock(start = Date.UTC(2026, 11, 1)) {
  let t = start;
  const sleeps: number[] = [];
  return {
    now: () => t,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      t += ms;
    },
    advance: (ms: number) => {
      t += ms;
    },
    sleeps,
  };
}

function modelBody(id: string) {
  return { id, type: "model", display_name: id, created_at: "2026-01-01T00:00:00Z" };
}

describe("PacedBucket", () => {
  it("admits everything before it has seen a header", async () => {
    const clock = virtualClock();
    const bucket = new PacedBucket(clock);
    for (let i = 0; i < 50; i++) await bucket.acquire(1);
    assert.deepEqual(clock.sleeps, []);
  });

  it("waits for refill when the server said the bucket is empty", async () => {
    const clock = virtualClock();
    const bucket = new PacedBucket(clock);
    await bucket.acquire(1);
    // 10 per second: empty now, full again in one second.
    bucket.observe(10, 0, clock.now() + 1_000, 1);
    const t0 = clock.now();
    await bucket.acquire(1);
    await bucket.acquire(1);
    const waited = clock.now() - t0;
    assert.ok(waited >= 200, `two calls at 10/s need ≥ 200 ms, waited ${waited}`);
    assert.ok(waited <= 300, `but not much more, waited ${waited}`);
  });

  it("pauses its whole line until a 429's retry-after has passed", async () => {
    const clock = virtualClock();
    const bucket = new PacedBucket(clock);
    bucket.pause(clock.now() + 3_000);
    const t0 = clock.now();
    await bucket.acquire(1);
    assert.ok(clock.now() - t0 >= 3_000);
    assert.equal(bucket.view().paused_until, undefined);
  });
});

describe("FairQueue", () => {
  it("caps holders and serves waiters first in, first out", async () => {
    const queue = new FairQueue(2);
    const order: number[] = [];
    const a = await queue.acquire();
    const b = await queue.acquire();
    const waiters = [3, 4, 5].map((n) => queue.acquire().then((release) => {
      order.push(n);
      return release;
    }));
    assert.deepEqual(queue.size, { active: 2, queued: 3 });
    a();
    b();
    a(); // a second release of the same turn is ignored
    const [r3, r4] = await Promise.all(waiters.slice(0, 2));
    assert.deepEqual(order, [3, 4]);
    assert.deepEqual(queue.size, { active: 2, queued: 1 });
    r3();
    r4();
    (await waiters[2])();
    assert.deepEqual(order, [3, 4, 5]);
    assert.deepEqual(queue.size, { active: 0, queued: 0 });
  });

  it("lets an aborted waiter leave the line", async () => {
    const queue = new FairQueue(1);
    const held = await queue.acquire();
    const ctrl = new AbortController();
    const waiting = queue.acquire(ctrl.signal);
    ctrl.abort(new Error("stop"));
    await assert.rejects(waiting, /stop/);
    assert.equal(queue.size.queued, 0);
    held();
  });
});

describe("governor", () => {
  it("paces a burst under an enforced limit so no call meets a 429", async () => {
    const clock = virtualClock();
    const emulator = createEmulator({ now: clock.now, rateLimit: { requestsPerSecond: 20 } });
    const toolkit = createToolkit({
      apiKey: emulator.apiKey,
      baseURL: "http://emu.local",
      fetch: emulator.fetch,
      audit: false,
      now: clock.now,
      sleep: clock.sleep,
    });
    const t0 = clock.now();
    const results = await Promise.all(Array.from({ length: 60 }, () => toolkit.run(GET_MODEL, { model_id: "claude-opus-5" })));
    const elapsed = clock.now() - t0;
    assert.equal(results.filter((r) => r.ok).length, 60);
    const stats = (emulator.services.get("rate-limit") as RateLimitService).stats();
    assert.equal(stats.limited, 0, "no 429 answered");
    // A bucket of 20 at 20/s: the other 40 need about two seconds; ideal for 60 is three.
    assert.ok(elapsed >= 1_900, `paced: ${elapsed} ms`);
    assert.ok(elapsed <= 3_000 * 1.15, `not too slow: ${elapsed} ms`);
    const view = toolkit.limits() as GovernorView;
    assert.equal(view.keys.api?.requests?.limit, 20);
    assert.ok((view.keys.api?.requests?.refill_per_minute ?? 0) > 1_000);
  });

  it("shows the learned limits in toolkit.limits()", async () => {
    const toolkit = createToolkit({ sandbox: true, audit: false });
    assert.deepEqual(toolkit.limits(), {});
    const r = await toolkit.run(GET_MODEL, { model_id: "claude-opus-5" });
    assert.equal(r.ok, true);
    const view = toolkit.limits() as GovernorView;
    assert.equal(view.concurrency.limit, 8);
    assert.equal(view.keys.api?.requests?.limit, 4_000);
    assert.equal(view.keys.api?.["input-tokens"]?.limit, 2_000_000);
    assert.equal(view.keys.api?.requests?.in_flight, 0);
  });

  it("pauses the bucket a 429 with retry-after names, before the next call is sent", async () => {
    const clock = virtualClock();
    const sentAt: number[] = [];
    const fetch: typeof globalThis.fetch = async () => {
      sentAt.push(clock.now());
      if (sentAt.length === 1) {
        return new Response(JSON.stringify({ type: "error", error: { type: "rate_limit_error", message: "slow down" } }), {
          status: 429,
          headers: { "content-type": "application/json", "retry-after": "3", "x-should-retry": "false" },
        });
      }
      return Response.json(modelBody("claude-opus-5"));
    };
    const toolkit = createToolkit({ apiKey: "sk-ant-api03-test", baseURL: "http://x.test", fetch, audit: false, now: clock.now, sleep: clock.sleep, retry: { maxAttempts: 1 } });
    const first = await toolkit.run(GET_MODEL, { model_id: "claude-opus-5" });
    assert.equal(first.ok, false);
    const view = toolkit.limits() as GovernorView;
    assert.ok(view.keys.api?.requests?.paused_until, "requests bucket paused");
    const second = await toolkit.run(GET_MODEL, { model_id: "claude-opus-5" });
    assert.equal(second.ok, true);
    assert.ok(sentAt[1] - sentAt[0] >= 3_000, `second call waited out the pause (${sentAt[1] - sentAt[0]} ms)`);
  });

  it("never has more calls in flight than the concurrency cap", async () => {
    let inFlight = 0;
    let most = 0;
    const fetch: typeof globalThis.fetch = async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setImmediate(r));
      inFlight--;
      return Response.json(modelBody("m"));
    };
    const toolkit = createToolkit({ apiKey: "sk-ant-api03-test", baseURL: "http://x.test", fetch, audit: false, governor: { concurrency: 3 } });
    const results = await Promise.all(Array.from({ length: 12 }, () => toolkit.run(GET_MODEL, { model_id: "m" })));
    assert.equal(results.filter((r) => r.ok).length, 12);
    assert.equal(most, 3);
  });
});

describe("report cache", () => {
  it("answers an identical report query from cache within the minimum interval", async () => {
    const clock = virtualClock(Date.now());
    const { emulator, fetch, requests } = countingEmulator();
    const toolkit = createToolkit({
      adminKey: emulator.adminKey,
      baseURL: "http://emu.local",
      fetch,
      audit: false,
      now: clock.now,
      sleep: clock.sleep,
      governor: { reportMinIntervalMs: 60_000 },
    });
    const input = { starting_at: new Date(Date.now() - 3 * 86_400_000).toISOString(), limit: 2 };
    const first = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT", input);
    assert.equal(first.ok, true, JSON.stringify(first));
    assert.equal(requests(), 1);
    const again = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT", { limit: 2, starting_at: input.starting_at });
    assert.equal(again.ok, true);
    assert.equal(requests(), 1, "no second poll");
    assert.equal(again.ok && again.meta.cached, true);
    assert.deepEqual(again.ok && again.data, first.ok && first.data);
    const other = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT", { ...input, limit: 1 });
    assert.equal(other.ok && other.meta.cached, undefined);
    assert.equal(requests(), 2, "a different query is its own entry");
    clock.advance(61_000);
    const later = await toolkit.run("ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT", input);
    assert.equal(later.ok && later.meta.cached, undefined);
    assert.equal(requests(), 3, "polled again after the interval");
  });
});
