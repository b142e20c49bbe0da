import { createEmulator, type Emulator } from "../../src/emulator/emulator.js";
import { SYNTHETIC_KEY, type UsageRow } from "../../src/emulator/reports/rows.js";
import type { UsageEvent } from "../../src/emulator/state.js";
import { createToolkit, type Toolkit } from "../../src/surfaces/toolkit.js";

/** The frozen "now" of report tests: a Friday afternoon. */
export const NOW = Date.parse("2026-12-04T15:30:00Z");
export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** A sandbox toolkit on a frozen clock, and its emulator; the report cache is off so every call reaches the emulator. */
export async function sandbox(now = NOW): Promise<{ tk: Toolkit; emu: Emulator }> {
  const tk = createToolkit({ sandbox: { now: () => now }, audit: false, governor: { reportMinIntervalMs: 0 } });
  const emu = await tk.sandbox();
  if (!emu) throw new Error("no sandbox");
  return { tk, emu };
}

/** An emulator on a frozen clock whose usage history is exactly `rows` (no synthetic data). */
export function bareEmulator(rows: UsageRow[] = [], now = NOW): Emulator {
  const emu = createEmulator({ now: () => now });
  emu.state.extra.set(SYNTHETIC_KEY, []);
  emu.state.usage.push(...rows);
  return emu;
}

/** A usage event with zero tokens unless given. */
export function event(partial: Partial<UsageRow> & { at: number }): UsageRow {
  const base: UsageEvent = {
    at: partial.at,
    model: "claude-sonnet-5-5",
    api_key_id: null,
    workspace_id: null,
    service_tier: "standard",
    context_window: "0-200k",
    inference_geo: "global",
    uncached_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation_5m: 0,
    cache_creation_1h: 0,
    output_tokens: 0,
    web_search_requests: 0,
  };
  return { ...base, ...partial };
}

/** GET a report path on the emulator with the admin key; answers status and JSON body. */
export async function getReport(
  emu: Emulator,
  path: string,
  query: Record<string, string | number | string[]>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any }> {
  const url = new URL(`http://emu.local${path}`);
  for (const [k, v] of Object.entries(query)) {
    if (Array.isArray(v)) for (const item of v) url.searchParams.append(`${k}[]`, item);
    else url.searchParams.set(k, String(v));
  }
  const res = await emu.fetch(url, { headers: { "x-api-key": emu.adminKey, "anthropic-version": "2023-06-01", ...headers } });
  return { status: res.status, body: await res.json() };
}

export const USAGE = "/v1/organizations/usage_report/messages";
export const COST = "/v1/organizations/cost_report";
export const CLAUDE_CODE = "/v1/organizations/usage_report/claude_code";

/** Total tokens of a usage result (all token types). */
export function tokens(r: any): number {
  return (
    r.uncached_input_tokens +
    r.cache_read_input_tokens +
    r.cache_creation.ephemeral_5m_input_tokens +
    r.cache_creation.ephemeral_1h_input_tokens +
    r.output_tokens
  );
}
