import Anthropic from "@anthropic-ai/sdk";
import type { RateLimitService } from "../src/emulator/rate-limiter.js";
import { startEmulatorServer } from "../src/emulator/server.js";
import { createToolkit } from "../src/surfaces/toolkit.js";

/** Enforced requests per second: 500 calls then ideally take 500 / R seconds (about 6.7 s). */
const R = 75;
const CALLS = 500;
const TOOL = "ANTHROPIC_ADMINISTRATOR_GET_MODEL";
const MODEL = "claude-opus-5";

/**
 * Goodput under an enforced rate limit: the emulator (over a real loopback socket) allows R
 * requests per second (token bucket of R, 429 with retry-after, rate-limit headers); 500 calls
 * are issued at once through the toolkit, then through the official SDK with its default
 * settings. Returns printable lines.
 */
export async function benchGoodput(): Promise<string[]> {
  const lines: string[] = [
    `goodput: emulator enforces ${R} requests/s (bucket ${R}, full at start); ${CALLS} calls issued at once; ideal ${(CALLS / R).toFixed(2)} s (floor with the initial burst: ${((CALLS - R) / R).toFixed(2)} s)`,
  ];
  const server = await startEmulatorServer({ port: 0, rateLimit: { requestsPerSecond: R } });
  const limiter = server.emulator.services.get("rate-limit") as RateLimitService;
  try {
    const toolkit = createToolkit({ apiKey: server.emulator.apiKey, baseURL: server.url, audit: false, warn: () => {} });
    const t0 = performance.now();
    const results = await Promise.all(Array.from({ length: CALLS }, () => toolkit.run(TOOL, { model_id: MODEL })));
    const seconds = (performance.now() - t0) / 1000;
    const ok = results.filter((r) => r.ok).length;
    const retried = results.filter((r) => (r.meta?.attempts ?? 0) > 1).length;
    const stats = limiter.stats();
    const ratio = seconds / (CALLS / R);
    const share = retried / CALLS;
    const refusals = stats.limited / CALLS;
    lines.push(
      `  toolkit: ${ok}/${CALLS} succeeded (${ok === CALLS ? "all" : "NOT all"}); wall ${seconds.toFixed(2)} s = ${ratio.toFixed(3)}× ideal (target ≤ 1.15); calls that met a 429: ${retried} (${(share * 100).toFixed(1)}%, target ≤ 5%); 429s answered by the server: ${stats.limited} (${(refusals * 100).toFixed(1)}% of calls)`,
    );
    const failures = countBy(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : r.error.type)));
    if (Object.keys(failures).length > 0) lines.push(`  toolkit failures: ${JSON.stringify(failures)}`);
    await toolkit.close();

    limiter.reset();
    await sleep(1_100); // let the server's bucket fill again
    limiter.reset();
    const sdk = new Anthropic({ apiKey: server.emulator.apiKey, baseURL: server.url });
    const s0 = performance.now();
    const sdkResults = await Promise.allSettled(Array.from({ length: CALLS }, () => sdk.models.retrieve(MODEL)));
    const sdkSeconds = (performance.now() - s0) / 1000;
    const sdkOk = sdkResults.filter((r) => r.status === "fulfilled").length;
    const sdkStats = limiter.stats();
    const sdkFailures = countBy(
      sdkResults.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => (r.reason as { status?: number })?.status?.toString() ?? "network"),
    );
    lines.push(
      `  official SDK (defaults, maxRetries 2): ${sdkOk}/${CALLS} succeeded, ${CALLS - sdkOk} failed ${JSON.stringify(sdkFailures)}; wall ${sdkSeconds.toFixed(2)} s; 429s answered by the server: ${sdkStats.limited}`,
    );
  } finally {
    await server.close();
  }
  return lines;
}

function countBy(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
