import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { connectionResetError } from "../../src/emulator/faults/wire.js";
import { createToolkit } from "../../src/surfaces/toolkit.js";
import { classifyFailure, retryDelay } from "../../src/verifier/backoff.js";
import { errorFromResponse, ToolkitError } from "../../src/verifier/errors.js";
import { fail, ok, T, virtualClock } from "./fault-helpers.js";

const EMPTY_PAGE = { data: [], has_more: false, first_id: null, last_id: null };

type Answer =
  | { status: number; headers?: Record<string, string>; body?: unknown; error_code?: string }
  | "reset"
  | "refused";

/** A fetch that plays answers in order (then 200 with an empty page), counting requests. */
function scripted(answers: Answer[], options: Parameters<typeof createToolkit>[0] = {}) {
  const clock = virtualClock();
  let requests = 0;
  const fetch: typeof globalThis.fetch = async () => {
    requests++;
    const a = answers.shift() ?? { status: 200 };
    if (a === "reset") throw connectionResetError();
    if (a === "refused") {
      const cause = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
      throw new TypeError("fetch failed", { cause });
    }
    const body =
      a.body ??
      (a.status < 300
        ? EMPTY_PAGE
        : {
            type: "error",
            error: { type: "api_error", message: `scripted ${a.status}`, ...(a.error_code ? { details: { error_code: a.error_code } } : {}) },
            request_id: `req_${requests}`,
          });
    return new Response(JSON.stringify(body), {
      status: a.status,
      headers: { "content-type": "application/json", "request-id": `req_${requests}`, ...a.headers },
    });
  };
  const toolkit = createToolkit({
    apiKey: "sk-ant-api03-scripted-test-key",
    baseURL: "http://scripted.test",
    fetch,
    audit: false,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    warn: () => {},
    ...options,
  });
  return { toolkit, clock, requests: () => requests };
}

const LIST = T("LIST_MODELS");

describe("retry policy: what is retried", () => {
  for (const status of [408, 500, 502, 503, 504, 529]) {
    it(`retries ${status} and succeeds`, async () => {
      const s = scripted([{ status }, { status }]);
      const r = ok(await s.toolkit.run(LIST, {}));
      assert.equal(r.meta.attempts, 3);
      assert.equal(s.requests(), 3, "one HTTP request per attempt: the SDK's own retries stay off");
      assert.equal(s.clock.slept.length, 2);
    });
  }

  it("retries connection resets and timeouts-free connection failures", async () => {
    const s = scripted(["reset", "refused"]);
    const r = ok(await s.toolkit.run(LIST, {}));
    assert.equal(r.meta.attempts, 3);
  });

  for (const status of [400, 401, 403, 404, 409, 413]) {
    it(`never retries ${status}`, async () => {
      const s = scripted([{ status }, { status }]);
      const r = fail(await s.toolkit.run(LIST, {}));
      assert.equal(r.error.status, status);
      // A 401 is re-read once by the credentials step only when the key changed; here it did not.
      assert.equal(s.requests(), 1);
      assert.equal(s.clock.slept.length, 0);
    });
  }

  it("never retries the spend-cap 429 and says until when spending is capped", async () => {
    const s = scripted([{ status: 429, error_code: "enforced_spend_limit_reached" }]);
    const r = fail(await s.toolkit.run(LIST, {}));
    assert.equal(r.error.type, "spend_limit_reached");
    assert.match(r.error.message, /capped.*until \d{4}-\d\d-01T00:00:00/);
    assert.equal(s.requests(), 1);
  });

  it("never retries a contract spend cap 429", async () => {
    const s = scripted([{ status: 429, error_code: "contract_spend_limit_reached" }]);
    fail(await s.toolkit.run(LIST, {}));
    assert.equal(s.requests(), 1);
  });

  it("retries a plain 429 without retry-after with backoff (decision: docs/decisions/retry-policy.md)", async () => {
    const s = scripted([{ status: 429 }]);
    const r = ok(await s.toolkit.run(LIST, {}));
    assert.equal(r.meta.attempts, 2);
    assert.deepEqual(s.clock.slept, [250]); // 0.5 × min(8000, 500 × 2^0)
  });

  it("obeys x-should-retry: false on a retryable status and x-should-retry: true on a 400", async () => {
    const no = scripted([{ status: 503, headers: { "x-should-retry": "false" } }]);
    fail(await no.toolkit.run(LIST, {}));
    assert.equal(no.requests(), 1);
    const yes = scripted([{ status: 400, headers: { "x-should-retry": "true" } }]);
    ok(await yes.toolkit.run(LIST, {}));
    assert.equal(yes.requests(), 2);
  });
});

describe("retry policy: how long it waits", () => {
  it("honours retry-after in seconds", async () => {
    const s = scripted([{ status: 429, headers: { "retry-after": "3" } }]);
    ok(await s.toolkit.run(LIST, {}));
    assert.ok(s.clock.slept.includes(3000), `slept ${s.clock.slept}`);
  });

  it("prefers retry-after-ms over retry-after", async () => {
    const s = scripted([{ status: 529, headers: { "retry-after-ms": "1234", "retry-after": "9" } }]);
    ok(await s.toolkit.run(LIST, {}));
    assert.deepEqual(s.clock.slept, [1234]);
  });

  it("honours retry-after as an HTTP date", async () => {
    const clock = virtualClock();
    const when = new Date(clock.now() + 7000).toUTCString();
    const s = scripted([{ status: 503, headers: { "retry-after": when } }]);
    ok(await s.toolkit.run(LIST, {}));
    // HTTP dates have 1 s resolution: the wait is within a second of 7 s.
    assert.ok(s.clock.slept[0] > 6000 && s.clock.slept[0] <= 7000, `slept ${s.clock.slept}`);
  });

  it("uses full-jitter exponential backoff capped at maxDelayMs", () => {
    const policy = { maxAttempts: 10, deadlineMs: 1e9, baseDelayMs: 500, maxDelayMs: 8000 };
    const err = new ToolkitError({ type: "api_error", message: "x", status: 500, retryable: true });
    assert.equal(retryDelay(1, err, policy, () => 0.999999), 499);
    assert.equal(retryDelay(3, err, policy, () => 0.5), 1000);
    assert.equal(retryDelay(9, err, policy, () => 0.5), 4000); // capped at 8000 × 0.5
    assert.equal(retryDelay(5, err, policy, () => 0), 0); // full jitter reaches zero
    const sampled = Array.from({ length: 200 }, (_, i) => retryDelay(4, err, policy, () => i / 200));
    assert.ok(Math.max(...sampled) < 4000 && Math.min(...sampled) === 0);
  });

  it("stops at maxAttempts and says so", async () => {
    const s = scripted(Array.from({ length: 10 }, () => ({ status: 503 })), { retry: { maxAttempts: 3 } });
    const r = fail(await s.toolkit.run(LIST, {}));
    assert.equal(s.requests(), 3);
    assert.equal(r.meta?.attempts, 3);
    assert.match(r.error.hint ?? "", /gave up after 3 attempts/);
  });

  it("stops before the total deadline would pass", async () => {
    const s = scripted(Array.from({ length: 10 }, () => ({ status: 529 })), {
      retry: { maxAttempts: 50, deadlineMs: 3000, baseDelayMs: 1000, maxDelayMs: 1000 },
    });
    const r = fail(await s.toolkit.run(LIST, {}));
    // Each wait is 500 ms (0.5 × 1000): attempts at 0, 500, …, 3000 ms → 7 attempts.
    assert.equal(s.requests(), 7);
    assert.ok(s.clock.slept.reduce((a, b) => a + b, 0) <= 3000);
    assert.match(r.error.hint ?? "", /deadline/);
  });

  it("does not wait for a retry-after past the deadline; it says when to come back", async () => {
    const s = scripted([{ status: 429, headers: { "retry-after": "600" } }], { retry: { deadlineMs: 60_000 } });
    const r = fail(await s.toolkit.run(LIST, {}));
    assert.equal(s.requests(), 1);
    assert.equal(s.clock.slept.length, 0);
    assert.equal(r.error.retry_after_ms, 600_000);
    assert.match(r.error.hint ?? "", /asked to wait 600 s/);
  });

  it("stops retrying when the caller aborts", async () => {
    const controller = new AbortController();
    const s = scripted([{ status: 503 }, { status: 503 }, { status: 503 }], {
      sleep: async () => {
        controller.abort();
        throw new Error("aborted");
      },
    });
    const r = fail(await s.toolkit.run(LIST, {}, { signal: controller.signal }));
    assert.equal(r.error.status, 503);
    assert.equal(s.requests(), 1);
  });
});

describe("failure classification", () => {
  const now = Date.parse("2026-12-04T00:00:00Z");
  const resp = (status: number, headers: Record<string, string> = {}, code?: string) =>
    errorFromResponse(status, new Headers(headers), { type: "error", error: { type: "x", message: "m", ...(code ? { details: { error_code: code } } : {}) } }, now);

  it("proves not-applied for 429, 529 and other 4xx; ambiguous for 5xx and 408", () => {
    assert.deepEqual(classifyFailure(resp(429, { "retry-after": "1" }), true), { retry: true, applied: "no" });
    assert.deepEqual(classifyFailure(resp(529), true), { retry: true, applied: "no" });
    assert.deepEqual(classifyFailure(resp(409), true), { retry: false, applied: "no" });
    for (const s of [408, 500, 502, 503, 504]) assert.equal(classifyFailure(resp(s), true).applied, "maybe", String(s));
  });

  it("treats a reset after sending as ambiguous and a refused connection as not applied", () => {
    const reset = new ToolkitError({ type: "connection_error", message: "ECONNRESET", retryable: true });
    const refused = new ToolkitError({ type: "connection_error", message: "ECONNREFUSED", retryable: true, not_sent: true });
    assert.deepEqual(classifyFailure(reset, true), { retry: true, applied: "maybe" });
    assert.deepEqual(classifyFailure(refused, true), { retry: true, applied: "no" });
    assert.equal(classifyFailure(reset, false).applied, "no", "never sent in this attempt");
  });

  it("never resends after workspace_created_incomplete", () => {
    assert.equal(classifyFailure(resp(503, {}, "workspace_created_incomplete"), true).noResend, true);
  });
});
