import type { OrganizationRateLimit } from "../../operations/rate-limits.js";
import type { EmulatorState } from "../state.js";

/** Key of the rate-limit area's state in `state.extra`. */
export const RATE_LIMITS = "rate-limits";

/** The organization's limits and each workspace's overrides (workspace id → entry id → limiter → value). */
export interface RateLimitState {
  org: OrganizationRateLimit[];
  overrides: Map<string, Map<string, Map<string, number>>>;
}

/** The area's state, created empty when absent (e.g. an organization loaded without a seed). */
export function rateLimitState(state: EmulatorState): RateLimitState {
  let rl = state.extra.get(RATE_LIMITS) as RateLimitState | undefined;
  if (!rl) {
    rl = { org: [], overrides: new Map() };
    state.extra.set(RATE_LIMITS, rl);
  }
  return rl;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Group ids are global (the same in every organization), so they come from the name, not the random source. */
export function groupId(name: string): string {
  let h = 2166136261;
  let s = "01";
  for (let i = 0; i < 22; i++) {
    for (const ch of `${name}:${i}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    s += BASE62[h % 62];
  }
  return `rlg_${s}`;
}

const LINE_NAMES: Record<string, string> = { opus: "Opus", sonnet: "Sonnet", haiku: "Haiku", mythos: "Mythos", fable: "Fable" };

/** Per-minute limits of a Build-tier-like organization, by model line. */
const MODEL_LIMITS: Record<string, [rpm: number, itpm: number, otpm: number]> = {
  opus: [4_000, 2_000_000, 400_000],
  sonnet: [4_000, 2_000_000, 400_000],
  haiku: [4_000, 4_000_000, 800_000],
  mythos: [2_000, 1_000_000, 200_000],
  fable: [4_000, 2_000_000, 400_000],
};

/**
 * Seeds one entry per model family ("Claude Sonnet 5.x": every non-retired model of that line and
 * major version) plus the batch, token-counting and files groups.
 */
export function seedRateLimits(state: EmulatorState, newId: (prefix: string) => string): void {
  const rl = rateLimitState(state);
  rl.org.length = 0;
  rl.overrides.clear();
  const families = new Map<string, { line: string; models: string[] }>();
  for (const m of state.models.all()) {
    if (m.lifecycle === "retired" || !m.line) continue;
    const major = /-(\d+)(?:-|$)/.exec(m.id)?.[1];
    const name = major ? `Claude ${LINE_NAMES[m.line] ?? m.line} ${major}.x` : m.display_name;
    const family = families.get(name) ?? { line: m.line, models: [] };
    family.models.push(m.id);
    families.set(name, family);
  }
  for (const [name, family] of families) {
    const [rpm, itpm, otpm] = MODEL_LIMITS[family.line] ?? MODEL_LIMITS.sonnet;
    rl.org.push({
      type: "rate_limit",
      id: newId("ratelimit"),
      group: { type: "model_group", id: groupId(name), display_name: name },
      models: family.models,
      limits: [
        { type: "requests_per_minute", value: rpm },
        { type: "input_tokens_per_minute_cache_aware", value: itpm },
        { type: "output_tokens_per_minute", value: otpm },
      ],
    });
  }
  const other = (type: "batch" | "token_count" | "files", limits: Array<{ type: string; value: number }>) =>
    rl.org.push({ type: "rate_limit", id: newId("ratelimit"), group: { type, id: groupId(type) }, models: null, limits });
  other("batch", [
    { type: "requests_per_minute", value: 4_000 },
    { type: "enqueued_batch_requests", value: 500_000 },
  ]);
  other("token_count", [{ type: "requests_per_minute", value: 4_000 }]);
  other("files", [{ type: "requests_per_minute", value: 1_000 }]);
}

/** Sets (or with null clears) a workspace override of one limiter. */
export function setOverride(state: EmulatorState, workspaceId: string, entryId: string, type: string, value: number | null): void {
  const rl = rateLimitState(state);
  let ws = rl.overrides.get(workspaceId);
  if (!ws) rl.overrides.set(workspaceId, (ws = new Map()));
  let entry = ws.get(entryId);
  if (!entry) ws.set(entryId, (entry = new Map()));
  if (value === null) entry.delete(type);
  else entry.set(type, value);
  if (entry.size === 0) ws.delete(entryId);
  // An in-place change: tell persistence, which otherwise writes extra only at seed and close.
  state.markExtraChanged?.(RATE_LIMITS);
}
