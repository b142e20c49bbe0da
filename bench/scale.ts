import { createEmulator, type Emulator } from "../src/emulator/emulator.js";
import { createToolkit } from "../src/surfaces/toolkit.js";

const USERS = 100_000;
const PAGE = 1000;

/** Milliseconds of `fn`, measured `runs` times: sorted samples. */
async function sample(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

/** The q-quantile of sorted samples. */
export function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** One users page straight from the emulator's app (no SDK, no Verifier). */
async function page(emu: Emulator, query: string): Promise<{ data: { id: string }[]; has_more: boolean; last_id: string | null }> {
  const res = await emu.app.fetch(
    new Request(`http://emu.local/v1/organizations/users?${query}`, {
      headers: { "x-api-key": emu.adminKey, "anthropic-version": "2023-06-01" },
    }),
  );
  if (res.status !== 200) throw new Error(`page answered ${res.status}`);
  return (await res.json()) as { data: { id: string }[]; has_more: boolean; last_id: string | null };
}

/** Walks every users page with a raw fetch loop (the baseline), returning the item count. */
async function rawWalk(emu: Emulator): Promise<number> {
  let count = 0;
  let after = "";
  for (;;) {
    const p = await page(emu, `limit=${PAGE}${after ? `&after_id=${after}` : ""}`);
    count += p.data.length;
    if (!p.has_more || !p.last_id) return count;
    after = p.last_id;
  }
}

/**
 * Scale figures over a 100,000-member organization: seeding time, users-page latency (median and
 * p95, first page and deep cursors), and listing every member through the toolkit with limit 1000
 * beside a raw fetch loop over the same pages (the ratio is the Verifier's overhead).
 */
export async function benchScale(): Promise<string[]> {
  const lines: string[] = [];
  let t0 = performance.now();
  const emu = createEmulator({ scale: { users: USERS } });
  lines.push(`scale: emulator seeded with ${emu.state.users.size.toLocaleString("en-US")} members in ${(performance.now() - t0).toFixed(0)} ms`);
  const ids = emu.state.users.all().map((u) => u.id);
  const queries: Array<[string, string]> = [
    ["first page", `limit=${PAGE}`],
    ["after_id at 90%", `limit=${PAGE}&after_id=${ids[Math.floor(ids.length * 0.9)]}`],
    ["before_id at 50%", `limit=${PAGE}&before_id=${ids[Math.floor(ids.length * 0.5)]}`],
    ["roles filter, deep", `limit=${PAGE}&roles[]=billing&after_id=${ids[Math.floor(ids.length * 0.6)]}`],
  ];
  for (const [label, q] of queries) {
    await page(emu, q);
    const s = await sample(30, () => page(emu, q));
    lines.push(`scale: users page (limit ${PAGE}, ${label}): median ${quantile(s, 0.5).toFixed(2)} ms, p95 ${quantile(s, 0.95).toFixed(2)} ms (target ≤ 20 ms)`);
  }

  t0 = performance.now();
  const rawCount = await rawWalk(emu);
  const rawSeconds = (performance.now() - t0) / 1000;

  const toolkit = createToolkit({ apiKey: emu.apiKey, adminKey: emu.adminKey, baseURL: "http://emu.local", fetch: emu.fetch, audit: false, warn: () => {} });
  t0 = performance.now();
  const result = await toolkit.run<{ data: unknown[] }>("ANTHROPIC_ADMINISTRATOR_LIST_USERS", { all: true, limit: PAGE, max_items: 200_000 });
  const toolkitSeconds = (performance.now() - t0) / 1000;
  const toolkitCount = result.ok ? result.data.data.length : 0;
  if (!result.ok) lines.push(`scale: toolkit walk FAILED: ${result.error.type}: ${result.error.message}`);
  lines.push(
    `scale: list all members, limit ${PAGE}: toolkit ${toolkitCount.toLocaleString("en-US")} items in ${toolkitSeconds.toFixed(2)} s (target ≤ 5 s); raw fetch loop ${rawCount.toLocaleString("en-US")} items in ${rawSeconds.toFixed(2)} s; ratio ${(toolkitSeconds / rawSeconds).toFixed(2)}×`,
  );
  return lines;
}
