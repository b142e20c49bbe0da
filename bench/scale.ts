import { createEmulator, type Emulator } from "../src/emulator/emulator.js";
import { createToolkit } from "../src/surfaces/toolkit.js";
import { quantile } from "./stats.js";

const USERS = 100_000;
const API_KEYS = 10_000;
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

/** One list page straight from the emulator's app (no SDK, no Verifier). */
async function page(
  emu: Emulator,
  query: string,
  list = "users",
): Promise<{ data: { id: string }[]; has_more: boolean; last_id: string | null }> {
  const res = await emu.app.fetch(
    new Request(`http://emu.local/v1/organizations/${list}?${query}`, {
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
  const emu = createEmulator({ scale: { users: USERS, apiKeys: API_KEYS } });
  lines.push(
    `scale: emulator seeded with ${emu.state.users.size.toLocaleString("en-US")} members and ${emu.state.apiKeys.size.toLocaleString("en-US")} API keys in ${(performance.now() - t0).toFixed(0)} ms`,
  );
  const ids = emu.state.users.all().map((u) => u.id);
  const queries: Array<[string, string]> = [
    ["first page", `limit=${PAGE}`],
    ["after_id at 90%", `limit=${PAGE}&after_id=${ids[Math.floor(ids.length * 0.9)]}`],
    ["before_id at 50%", `limit=${PAGE}&before_id=${ids[Math.floor(ids.length * 0.5)]}`],
    ["roles filter, deep", `limit=${PAGE}&roles[]=billing&after_id=${ids[Math.floor(ids.length * 0.6)]}`],
  ];
  const keyIds = emu.state.apiKeys.all().map((k) => k.id);
  const someWorkspace = emu.state.workspaces.all().find((w) => !w._default && !w.archived_at)?.id ?? "";
  const keyQueries: Array<[string, string]> = [
    ["first page", `limit=${PAGE}`],
    ["after_id at 90%", `limit=${PAGE}&after_id=${keyIds[Math.floor(keyIds.length * 0.9)]}`],
    ["status filter", `limit=${PAGE}&status=active`],
    ["workspace filter", `limit=${PAGE}&workspace_id=${someWorkspace}`],
  ];
  const measure = async (list: string, label: string, q: string) => {
    await page(emu, q, list);
    const s = await sample(30, () => page(emu, q, list));
    const what = list === "users" ? "users" : "API keys";
    lines.push(`scale: ${what} page (limit ${PAGE}, ${label}): median ${quantile(s, 0.5).toFixed(2)} ms, p95 ${quantile(s, 0.95).toFixed(2)} ms (target ≤ 20 ms)`);
  };
  for (const [label, q] of queries) await measure("users", label, q);
  for (const [label, q] of keyQueries) await measure("api_keys", label, q);

  // Both walks run three times, interleaved, after one warm-up each (the SDK's lazy import and the
  // JIT would otherwise be charged to whichever runs first); the medians are compared.
  const toolkit = createToolkit({ apiKey: emu.apiKey, adminKey: emu.adminKey, baseURL: "http://emu.local", fetch: emu.fetch, audit: false, warn: () => {} });
  const toolkitWalk = async (): Promise<number> => {
    const result = await toolkit.run<{ data: unknown[] }>("ANTHROPIC_ADMINISTRATOR_LIST_USERS", { all: true, limit: PAGE, max_items: 200_000 });
    if (!result.ok) throw new Error(`toolkit walk failed: ${result.error.type}: ${result.error.message}`);
    return result.data.data.length;
  };
  let rawCount = await rawWalk(emu);
  let toolkitCount = await toolkitWalk();
  const rawTimes: number[] = [];
  const toolkitTimes: number[] = [];
  for (let round = 0; round < 3; round++) {
    t0 = performance.now();
    rawCount = await rawWalk(emu);
    rawTimes.push((performance.now() - t0) / 1000);
    t0 = performance.now();
    toolkitCount = await toolkitWalk();
    toolkitTimes.push((performance.now() - t0) / 1000);
  }
  const rawSeconds = quantile(rawTimes, 0.5);
  const toolkitSeconds = quantile(toolkitTimes, 0.5);
  lines.push(
    `scale: list all members, limit ${PAGE} (median of 3): toolkit ${toolkitCount.toLocaleString("en-US")} items in ${toolkitSeconds.toFixed(2)} s (target ≤ 5 s); raw fetch loop ${rawCount.toLocaleString("en-US")} items in ${rawSeconds.toFixed(2)} s; ratio ${(toolkitSeconds / rawSeconds).toFixed(2)}×`,
  );
  return lines;
}
