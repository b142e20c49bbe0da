import { FAST_MODE_BETA, USAGE_GROUP_BY } from "../../operations/reports.js";
import { invalidRequest } from "../api-error.js";
import type { EmulatorState } from "../state.js";
import { bucketWindow, isoSeconds, WIDTH_MS } from "./buckets.js";
import { defaultWorkspaceId, dimensionsOf, type RowDimensions, rowsBetween, type UsageRow } from "./rows.js";

type Dimension = keyof RowDimensions;

/** Filters of the usage report and the dimension each one tests. */
const FILTERS: Array<[param: string, dimension: Dimension]> = [
  ["api_key_ids", "api_key_id"],
  ["workspace_ids", "workspace_id"],
  ["account_ids", "account_id"],
  ["service_account_ids", "service_account_id"],
  ["models", "model"],
  ["service_tiers", "service_tier"],
  ["context_window", "context_window"],
  ["inference_geos", "inference_geo"],
  ["speeds", "speed"],
];

/** Dimension fields every result carries (null unless grouped); `speed` appears only when grouped. */
const ALWAYS: Dimension[] = USAGE_GROUP_BY.filter((d) => d !== "speed");

interface Totals {
  uncached_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  output_tokens: number;
  server_tool_use: { web_search_requests: number };
}

function emptyTotals(): Totals {
  return {
    uncached_input_tokens: 0,
    cache_read_input_tokens: 0,
    cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
    output_tokens: 0,
    server_tool_use: { web_search_requests: 0 },
  };
}

function addRow(t: Totals, r: UsageRow): void {
  t.uncached_input_tokens += r.uncached_input_tokens;
  t.cache_read_input_tokens += r.cache_read_input_tokens;
  t.cache_creation.ephemeral_5m_input_tokens += r.cache_creation_5m;
  t.cache_creation.ephemeral_1h_input_tokens += r.cache_creation_1h;
  t.output_tokens += r.output_tokens;
  t.server_tool_use.web_search_requests += r.web_search_requests;
}

/**
 * Whether a row passes the report's filters. Workspace filters match the raw id, so the Default
 * Workspace can be selected by its id even though results show it as null.
 */
function passes(input: Record<string, unknown>, row: UsageRow, dims: RowDimensions): boolean {
  for (const [param, dim] of FILTERS) {
    const wanted = input[param] as string[] | undefined;
    if (!wanted) continue;
    const value = dim === "workspace_id" ? row.workspace_id : dims[dim];
    if (value === null || !wanted.includes(value)) return false;
  }
  return true;
}

/** Answers GET /v1/organizations/usage_report/messages from the seeded history and recorded calls. */
export function usageReport(input: Record<string, unknown>, state: EmulatorState, now: number, headers: Headers) {
  const groupBy = [...new Set((input.group_by as Dimension[] | undefined) ?? [])];
  const needsBeta = groupBy.includes("speed") || input.speeds !== undefined;
  if (needsBeta && !(headers.get("anthropic-beta") ?? "").split(",").map((s) => s.trim()).includes(FAST_MODE_BETA)) {
    throw invalidRequest(`group_by speed and the speeds filter need the header anthropic-beta: ${FAST_MODE_BETA}`);
  }
  const window = bucketWindow(input, state, now);
  const width = WIDTH_MS[window.width];
  const defaultWs = defaultWorkspaceId(state);
  const groups = window.starts.map(() => new Map<string, { dims: RowDimensions; totals: Totals }>());
  const first = window.starts[0];
  if (first !== undefined) {
    for (const row of rowsBetween(state, first, window.end)) {
      const dims = dimensionsOf(row, defaultWs);
      if (!passes(input, row, dims)) continue;
      const key = groupBy.map((d) => String(dims[d])).join("\u0000");
      const bucket = groups[Math.floor((row.at - first) / width)];
      let entry = bucket.get(key);
      if (!entry) {
        entry = { dims, totals: emptyTotals() };
        bucket.set(key, entry);
      }
      addRow(entry.totals, row);
    }
  }
  const data = window.starts.map((start, i) => ({
    starting_at: isoSeconds(start),
    ending_at: isoSeconds(start + width),
    results: [...groups[i].entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, { dims, totals }]) => {
        const fields: Record<string, unknown> = {};
        for (const d of ALWAYS) fields[d] = groupBy.includes(d) ? dims[d] : null;
        if (groupBy.includes("speed")) fields.speed = dims.speed;
        return { ...totals, ...fields };
      }),
  }));
  return { data, has_more: window.has_more, next_page: window.next_page };
}
