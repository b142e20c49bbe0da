import { seededRandom } from "../ids.js";
import { SYNTHETIC_KEY, type UsageRow } from "../reports/rows.js";
import type { SeedContext } from "./organization.js";

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** Days of synthetic history before today (UTC). */
export const SYNTHETIC_DAYS = 90;
/** Keys that carry synthetic traffic, however many the organization has (keeps seeding fast at scale). */
const MAX_SOURCES = 12;
const GEO_LESS_MODELS = new Set(["claude-haiku-4-5-20251001", "claude-sonnet-4-6", "claude-opus-4-6"]);

interface Source {
  api_key_id: string | null;
  workspace_id: string | null;
  models: string[];
  geo: string;
  /** Relative traffic volume. */
  weight: number;
}

/** Traffic sources: the first standard keys (by creation) plus Console usage (no key) in the Default Workspace. */
function sources(ctx: SeedContext, random: () => number): Source[] {
  const { state } = ctx;
  const workspaces = new Map(state.workspaces.all().map((w) => [w.id, w]));
  const defaultWs = state.workspaces.all().find((w) => w._default)?.id ?? null;
  const modelPool = [
    ["claude-sonnet-5-5", "claude-haiku-5-5"],
    ["claude-opus-5-5", "claude-sonnet-5-5"],
    ["claude-haiku-5-5"],
    ["claude-sonnet-4-6", "claude-opus-4-6"],
    ["claude-sonnet-5", "claude-haiku-4-5-20251001"],
  ];
  const out: Source[] = state.apiKeys
    .all()
    .slice(0, MAX_SOURCES)
    .map((key, i) => {
      const workspace_id = key.scope.type === "workspace" ? key.scope.workspace_id : defaultWs;
      const ws = workspace_id ? workspaces.get(workspace_id) : undefined;
      return {
        api_key_id: key.id,
        workspace_id,
        models: modelPool[i % modelPool.length],
        geo: ws?.data_residency.default_inference_geo ?? "global",
        weight: 0.3 + random() * 1.7,
      };
    });
  out.push({ api_key_id: null, workspace_id: defaultWs, models: ["claude-sonnet-5-5", "claude-opus-5-5"], geo: "global", weight: 0.15 });
  return out;
}

/** Working-hours curve (UTC), weekends quieter. */
function activity(hourStart: number): number {
  const d = new Date(hourStart);
  const hour = d.getUTCHours();
  const daytime = hour >= 13 && hour <= 23 ? 1 : hour >= 8 ? 0.5 : 0.2;
  return daytime * (d.getUTCDay() % 6 === 0 ? 0.35 : 1);
}

function int(random: () => number, max: number): number {
  return Math.floor(random() * max);
}

/**
 * A deterministic 90-day usage history for the demo organization: one aggregate row per
 * traffic source per active hour, placed at a deterministic minute of that hour (so 1m, 1h and
 * 1d reports all sum to the same totals; at 1m width synthetic usage shows as one spike per
 * source-hour, while recorded Messages calls keep their exact minute). Stored sorted by time in
 * state.extra "reports:synthetic"; ~15,000 rows, generated in a few milliseconds.
 */
export function seedUsage(ctx: SeedContext): void {
  const { state } = ctx;
  const random = seededRandom(0x5eed_0090);
  const now = state.clock.now();
  const first = Math.floor(now / DAY_MS) * DAY_MS - SYNTHETIC_DAYS * DAY_MS;
  const list = sources(ctx, random);
  const rows: UsageRow[] = [];
  for (let hourStart = first; hourStart < now; hourStart += HOUR_MS) {
    const level = activity(hourStart);
    for (const src of list) {
      if (random() > level * 0.85) continue;
      const at = hourStart + int(random, 60) * 60_000;
      if (at >= now) continue;
      const scale = src.weight * level;
      const model = src.models[int(random, src.models.length)];
      const tierRoll = random();
      const night = new Date(hourStart).getUTCHours() < 8;
      const service_tier = tierRoll < 0.05 ? "priority" : night && tierRoll < 0.5 ? "batch" : "standard";
      const cached = random() < 0.6;
      rows.push({
        at,
        model,
        api_key_id: src.api_key_id,
        workspace_id: src.workspace_id,
        service_tier,
        context_window: random() < 0.08 ? "200k-1M" : "0-200k",
        inference_geo: GEO_LESS_MODELS.has(model) ? "not_available" : src.geo,
        uncached_input_tokens: Math.round((20_000 + int(random, 400_000)) * scale),
        cache_read_input_tokens: cached ? Math.round(int(random, 1_500_000) * scale) : 0,
        cache_creation_5m: cached ? Math.round(int(random, 80_000) * scale) : 0,
        cache_creation_1h: cached && random() < 0.3 ? Math.round(int(random, 30_000) * scale) : 0,
        output_tokens: Math.round((5_000 + int(random, 90_000)) * scale),
        web_search_requests: random() < 0.1 ? 1 + int(random, 6) : 0,
        speed: model.startsWith("claude-opus-5") && random() < 0.2 ? "fast" : "standard",
      });
    }
  }
  // Rows of one hour were drawn in source order, not minute order; reports binary-search by time.
  rows.sort((a, b) => a.at - b.at);
  state.extra.set(SYNTHETIC_KEY, rows);
}
