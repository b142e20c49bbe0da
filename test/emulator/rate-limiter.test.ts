import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createEmulator } from "../../src/emulator/emulator.js";
import type { RateLimitService } from "../../src/emulator/rate-limiter.js";

const VERSION = "2023-06-01";

function setup(options: Parameters<typeof createEmulator>[0] = {}) {
  let t = Date.UTC(2026, 11, 1, 12);
  const emulator = createEmulator({ now: () => t, ...options });
  const call = (path: string, key: string, init: RequestInit = {}) =>
    emulator.fetch(`http://emu.local${path}`, {
      ...init,
      headers: { "x-api-key": key, "anthropic-version": VERSION, "content-type": "application/json", ...(init.headers ?? {}) },
    });
  return { emulator, call, advance: (ms: number) => (t += ms), now: () => t, limiter: emulator.services.get("rate-limit") as RateLimitService };
}

describe("emulator rate limiter", () => {
  it("sends the four rate-limit header groups on inference routes", async () => {
    const { emulator, call, now } = setup();
    const res = await call("/v1/models", emulator.apiKey);
    assert.equal(res.status, 200);
    for (const kind of ["requests", "tokens", "input-tokens", "output-tokens"]) {
      assert.ok(res.headers.get(`anthropic-ratelimit-${kind}-limit`), `${kind}-limit`);
      assert.ok(res.headers.get(`anthropic-ratelimit-${kind}-remaining`), `${kind}-remaining`);
      const reset = res.headers.get(`anthropic-ratelimit-${kind}-reset`) ?? "";
      assert.match(reset, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/, `${kind}-reset is RFC 3339`);
      assert.ok(Date.parse(reset) >= now());
    }
    assert.equal(res.headers.get("anthropic-ratelimit-requests-limit"), "4000");
    assert.equal(res.headers.get("anthropic-ratelimit-requests-remaining"), "3999");
  });

  it("sends none on admin routes", async () => {
    const { emulator, call } = setup();
    const res = await call("/v1/organizations/me", emulator.adminKey);
    assert.equal(res.status, 200);
    assert.deepEqual([...res.headers.keys()].filter((h) => h.startsWith("anthropic-ratelimit")), []);
  });

  it("enforces R requests per second with 429, retry-after and headers", async () => {
    const { emulator, call, advance, limiter } = setup({ rateLimit: { requestsPerSecond: 2 } });
    assert.equal((await call("/v1/models", emulator.apiKey)).status, 200);
    assert.equal((await call("/v1/models", emulator.apiKey)).status, 200);
    const refused = await call("/v1/models", emulator.apiKey);
    assert.equal(refused.status, 429);
    const body = (await refused.json()) as { error: { type: string } };
    assert.equal(body.error.type, "rate_limit_error");
    assert.equal(refused.headers.get("retry-after"), "1");
    assert.equal(refused.headers.get("anthropic-ratelimit-requests-remaining"), "0");
    assert.equal(refused.headers.get("anthropic-ratelimit-requests-limit"), "2");
    assert.deepEqual(limiter.stats(), { requests: 3, limited: 1 });
    advance(500);
    assert.equal((await call("/v1/models", emulator.apiKey)).status, 200, "one token back after 1/R s");
    assert.equal((await call("/v1/organizations/me", emulator.adminKey)).status, 200, "admin routes are not limited");
  });

  it("keeps one bucket per API key and can change limits at run time", async () => {
    const { emulator, call, limiter } = setup();
    limiter.setLimits({ requestsPerSecond: 1 });
    assert.equal((await call("/v1/models", emulator.apiKey)).status, 200);
    assert.equal((await call("/v1/models", emulator.apiKey)).status, 429);
    const minted = await emulator.fetch("http://emu.local/_emulator/api-keys", { method: "POST", body: JSON.stringify({ name: "second" }), headers: { "content-type": "application/json" } });
    const { key } = (await minted.json()) as { key: string };
    assert.equal((await call("/v1/models", key)).status, 200, "another key has its own bucket");
    limiter.setLimits({ enforce: false });
    assert.equal((await call("/v1/models", emulator.apiKey)).status, 200);
  });

  it("charges message token usage to the token buckets", async () => {
    const { emulator, call } = setup();
    const res = await call("/v1/messages", emulator.apiKey, {
      method: "POST",
      body: JSON.stringify({ model: "claude-opus-5", max_tokens: 20, messages: [{ role: "user", content: "Hello there" }] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const usage = ((await res.json()) as { usage: { input_tokens: number } }).usage;
    const limit = Number(res.headers.get("anthropic-ratelimit-input-tokens-limit"));
    assert.equal(Number(res.headers.get("anthropic-ratelimit-input-tokens-remaining")), limit - usage.input_tokens);
  });
});
