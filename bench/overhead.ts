import Anthropic from "@anthropic-ai/sdk";
import { startEmulatorServer } from "../src/emulator/server.js";
import { createToolkit } from "../src/surfaces/toolkit.js";
import { median } from "./stats.js";

const WARMUP = 60;
const ROUNDS = 400;

async function timed(f: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await f();
  return performance.now() - t0;
}

/**
 * The cost of our own layers: `toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS")` against a bare
 * official-SDK `client.models.list()` of the same emulator endpoint over a loopback socket,
 * interleaved (the order rotates each round), medians and their ratio (target ≤ 1.10×); beside
 * it, both against a raw `fetch` of the same URL.
 */
export async function benchOverhead(): Promise<string[]> {
  const server = await startEmulatorServer({ port: 0 });
  const { apiKey, adminKey } = server.emulator;
  const toolkit = createToolkit({ audit: false, baseURL: server.url, apiKey, adminKey, warn: () => {} });
  const sdk = new Anthropic({ apiKey, baseURL: server.url });
  const headers = { "x-api-key": apiKey, "anthropic-version": "2023-06-01" };
  try {
    const calls: Record<"toolkit" | "sdk" | "fetch", () => Promise<unknown>> = {
      toolkit: async () => {
        const r = await toolkit.run("ANTHROPIC_ADMINISTRATOR_LIST_MODELS");
        if (!r.ok) throw new Error(`toolkit call failed: ${r.error.type}: ${r.error.message}`);
      },
      sdk: () => sdk.models.list(),
      fetch: async () => {
        const res = await fetch(`${server.url}/v1/models`, { headers });
        if (!res.ok) throw new Error(`fetch failed: ${res.status}`);
        await res.json();
      },
    };
    const names = Object.keys(calls) as (keyof typeof calls)[];
    for (let i = 0; i < WARMUP; i++) for (const n of names) await calls[n]();
    const times = { toolkit: [] as number[], sdk: [] as number[], fetch: [] as number[] };
    for (let i = 0; i < ROUNDS; i++) {
      for (let k = 0; k < names.length; k++) {
        const n = names[(i + k) % names.length];
        times[n].push(await timed(calls[n]));
      }
    }
    const m = { toolkit: median(times.toolkit), sdk: median(times.sdk), fetch: median(times.fetch) };
    const ratio = m.toolkit / m.sdk;
    return [
      `LIST_MODELS over loopback, medians of ${ROUNDS} interleaved rounds: toolkit.run ${m.toolkit.toFixed(3)} ms, bare SDK models.list() ${m.sdk.toFixed(3)} ms → ${ratio.toFixed(3)}× (target ≤ 1.10×: ${ratio <= 1.1 ? "met" : "NOT met"})`,
      `  against a raw fetch (${m.fetch.toFixed(3)} ms): toolkit ${(m.toolkit / m.fetch).toFixed(2)}×, bare SDK ${(m.sdk / m.fetch).toFixed(2)}×`,
    ];
  } finally {
    await toolkit.close();
    await server.close();
  }
}
