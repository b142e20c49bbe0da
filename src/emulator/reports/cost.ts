import { addDecimal, type Decimal, formatDecimal, mulDecimal } from "../../money.js";
import type { EmulatorState } from "../state.js";
import { bucketWindow, isoSeconds, WIDTH_MS } from "./buckets.js";
import { TOKEN_TYPES, type TokenType, tokenCostCents, UNPRICED_TIERS, WEB_SEARCH_CENTS } from "./prices.js";
import { defaultWorkspaceId, dimensionsOf, rowsBetween, type UsageRow } from "./rows.js";

const LABELS: Record<TokenType, string> = {
  uncached_input_tokens: "Input Tokens",
  output_tokens: "Output Tokens",
  cache_read_input_tokens: "Input Tokens, Cache Read",
  "cache_creation.ephemeral_5m_input_tokens": "Input Tokens, Cache Write 5m",
  "cache_creation.ephemeral_1h_input_tokens": "Input Tokens, Cache Write 1h",
};

/** One priced line item, before grouping. */
interface LineItem {
  cost_type: "tokens" | "web_search";
  model: string | null;
  token_type: TokenType | null;
  context_window: string | null;
  service_tier: string | null;
  inference_geo: string | null;
  cents: Decimal;
}

function tokensOf(row: UsageRow, type: TokenType): number {
  switch (type) {
    case "uncached_input_tokens":
      return row.uncached_input_tokens;
    case "output_tokens":
      return row.output_tokens;
    case "cache_read_input_tokens":
      return row.cache_read_input_tokens;
    case "cache_creation.ephemeral_5m_input_tokens":
      return row.cache_creation_5m;
    case "cache_creation.ephemeral_1h_input_tokens":
      return row.cache_creation_1h;
  }
}

/**
 * The priced line items of one usage row: each token type × the model's price for its context
 * window and tier, plus web searches. Priority Tier usage is not in the cost report.
 */
export function lineItems(row: UsageRow, dims: ReturnType<typeof dimensionsOf>): LineItem[] {
  if (UNPRICED_TIERS.has(dims.service_tier)) return [];
  const items: LineItem[] = [];
  for (const type of TOKEN_TYPES) {
    const tokens = tokensOf(row, type);
    if (!tokens) continue;
    items.push({
      cost_type: "tokens",
      model: dims.model,
      token_type: type,
      context_window: dims.context_window,
      service_tier: dims.service_tier,
      inference_geo: dims.inference_geo,
      cents: tokenCostCents(tokens, dims.model, type, dims.context_window, dims.service_tier),
    });
  }
  if (row.web_search_requests) {
    items.push({
      cost_type: "web_search",
      model: null,
      token_type: null,
      context_window: null,
      service_tier: null,
      inference_geo: null,
      cents: mulDecimal(WEB_SEARCH_CENTS, { units: BigInt(row.web_search_requests), scale: 0 }),
    });
  }
  return items;
}

function describe(item: LineItem, displayName: (model: string) => string): string {
  if (item.cost_type === "web_search" || !item.model || !item.token_type) return "Web Search Usage";
  let text = `${displayName(item.model)} Usage - ${LABELS[item.token_type]}`;
  if (item.context_window === "200k-1M") text += " (Long Context)";
  if (item.service_tier === "batch" || item.service_tier === "flex_discount") text += " (Batch)";
  return text;
}

/** Answers GET /v1/organizations/cost_report: daily buckets of exact cent amounts. */
export function costReport(input: Record<string, unknown>, state: EmulatorState, now: number) {
  const groupBy = new Set((input.group_by as string[] | undefined) ?? []);
  const byWorkspace = groupBy.has("workspace_id");
  const byDescription = groupBy.has("description");
  const window = bucketWindow(input, state, now, { "1d": { default: 7, max: 31 } });
  const width = WIDTH_MS[window.width];
  const defaultWs = defaultWorkspaceId(state);
  const names = new Map(state.models.all().map((m) => [m.id, m.display_name]));
  const displayName = (model: string) => names.get(model) ?? model;
  type Group = { workspace_id: string | null; item: LineItem | null; cents: Decimal };
  const groups = window.starts.map(() => new Map<string, Group>());
  const first = window.starts[0];
  if (first !== undefined) {
    for (const row of rowsBetween(state, first, window.end)) {
      const dims = dimensionsOf(row, defaultWs);
      const bucket = groups[Math.floor((row.at - first) / width)];
      for (const item of lineItems(row, dims)) {
        const ws = byWorkspace ? dims.workspace_id : null;
        const line = byDescription ? item : null;
        const key = line
          ? `${ws ?? ""}\u0000${describe(line, displayName)}\u0000${line.service_tier}\u0000${line.inference_geo}`
          : (ws ?? "");
        const entry = bucket.get(key);
        if (entry) entry.cents = addDecimal(entry.cents, item.cents);
        else bucket.set(key, { workspace_id: ws, item: line, cents: item.cents });
      }
    }
  }
  const data = window.starts.map((start, i) => ({
    starting_at: isoSeconds(start),
    ending_at: isoSeconds(start + width),
    results: [...groups[i].entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, g]) => ({
        currency: "USD",
        amount: formatDecimal(g.cents),
        workspace_id: g.workspace_id,
        description: g.item ? describe(g.item, displayName) : null,
        cost_type: g.item?.cost_type ?? null,
        context_window: g.item?.context_window ?? null,
        model: g.item?.model ?? null,
        service_tier: g.item?.service_tier ?? null,
        token_type: g.item?.token_type ?? null,
        inference_geo: g.item?.inference_geo ?? null,
      })),
  }));
  return { data, has_more: window.has_more, next_page: window.next_page };
}
