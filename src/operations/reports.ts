import { z } from "zod";
import { withUsdTotals } from "../reports/usd-totals.js";
import { defineOperation } from "./derive.js";
import { reportPage } from "./shared.js";

/** `group_by[]` values of the Messages usage report. */
export const USAGE_GROUP_BY = [
  "api_key_id",
  "workspace_id",
  "model",
  "service_tier",
  "context_window",
  "inference_geo",
  "account_id",
  "service_account_id",
  "speed",
] as const;

export const SERVICE_TIERS = ["standard", "batch", "priority", "priority_on_demand", "flex", "flex_discount"] as const;
export const CONTEXT_WINDOWS = ["0-200k", "200k-1M"] as const;
export const INFERENCE_GEOS = ["global", "us", "not_available"] as const;
export const SPEEDS = ["standard", "fast"] as const;

/** Beta header value the API needs before it groups or filters usage by `speed`. */
export const FAST_MODE_BETA = "fast-mode-2026-02-01";

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

// Checked by refinement rather than z.iso.*, whose long leap-year patterns would bloat every tool schema.
const timestampField = () =>
  z.string().refine((v) => RFC3339.test(v) && Number.isFinite(Date.parse(v)), {
    message: "expected an RFC 3339 timestamp such as 2026-11-01T00:00:00Z",
  });
const rfc3339 = (what: string) => timestampField().describe(what);
const optionalRfc3339 = (what: string) => timestampField().optional().describe(what);
const dateField = (what: string) =>
  z
    .string()
    .refine((v) => DATE.test(v) && Number.isFinite(Date.parse(`${v}T00:00:00Z`)), { message: "expected a date YYYY-MM-DD" })
    .describe(what);
const ids = (what: string) => z.array(z.string().min(1)).min(1).optional().describe(what);
const pageField = z.string().min(1).optional().describe("Cursor from a previous response's next_page (keep the other arguments the same).");

const bucketTimes = {
  starting_at: z.string().describe("Bucket start, RFC 3339 (inclusive)."),
  ending_at: z.string().describe("Bucket end, RFC 3339 (exclusive)."),
};

/** One row of a usage bucket; dimension fields are null unless grouped by them. */
export const UsageResultSchema = z.object({
  uncached_input_tokens: z.number(),
  cache_read_input_tokens: z.number(),
  cache_creation: z.object({ ephemeral_5m_input_tokens: z.number(), ephemeral_1h_input_tokens: z.number() }),
  output_tokens: z.number(),
  server_tool_use: z.object({ web_search_requests: z.number() }),
  api_key_id: z.string().nullable(),
  workspace_id: z.string().nullable(),
  model: z.string().nullable(),
  service_tier: z.string().nullable(),
  context_window: z.string().nullable(),
  // Added in 2026; optional so older answers do not read as drift.
  inference_geo: z.string().nullable().optional(),
  account_id: z.string().nullable().optional(),
  service_account_id: z.string().nullable().optional(),
  speed: z.string().nullable().optional(),
});

export const UsageBucketSchema = z.object({ ...bucketTimes, results: z.array(UsageResultSchema) });

/** One row of a cost bucket. `amount` is a decimal string in cents; `amount_usd` is added by this toolkit. */
export const CostResultSchema = z.object({
  amount: z.string().describe("Decimal string in cents (the lowest currency unit): \"123.45\" = $1.2345."),
  currency: z.string(),
  workspace_id: z.string().nullable(),
  description: z.string().nullable(),
  cost_type: z.string().nullable().optional(),
  model: z.string().nullable().optional(),
  token_type: z.string().nullable().optional(),
  context_window: z.string().nullable().optional(),
  service_tier: z.string().nullable().optional(),
  inference_geo: z.string().nullable().optional(),
  amount_usd: z.string().optional().describe("Added by this toolkit: the exact amount in USD (decimal string)."),
});

export const CostBucketSchema = z.object({
  ...bucketTimes,
  results: z.array(CostResultSchema),
  total_usd: z.string().optional().describe("Added by this toolkit: exact USD total of the bucket."),
});

const tokensOfModel = z.object({ input: z.number(), output: z.number(), cache_read: z.number(), cache_creation: z.number() });

/** One Claude Code record: one actor on one day (remote and local use are separate rows). */
export const ClaudeCodeRecordSchema = z.object({
  date: z.string(),
  actor: z.discriminatedUnion("type", [
    z.object({ type: z.literal("user_actor"), email_address: z.string() }),
    z.object({ type: z.literal("api_actor"), api_key_name: z.string() }),
  ]),
  organization_id: z.string(),
  customer_type: z.string(),
  terminal_type: z.string(),
  subscription_type: z.string().nullable().optional(),
  is_remote: z.boolean().optional(),
  core_metrics: z.object({
    num_sessions: z.number(),
    lines_of_code: z.object({ added: z.number(), removed: z.number() }),
    commits_by_claude_code: z.number(),
    pull_requests_by_claude_code: z.number(),
  }),
  tool_actions: z.record(z.string(), z.object({ accepted: z.number(), rejected: z.number() })),
  model_breakdown: z.array(
    z.object({
      model: z.string(),
      tokens: tokensOfModel,
      estimated_cost: z.object({ amount: z.number().describe("Cents."), currency: z.string() }),
    }),
  ),
});

export const getUsageReport = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_USAGE_REPORT",
  title: "Messages usage report",
  group: "usage",
  verb: "report",
  method: "GET",
  path: "/v1/organizations/usage_report/messages",
  key: "admin",
  input: z.object({
    starting_at: rfc3339("Start of the report, RFC 3339 (e.g. 2026-11-01T00:00:00Z); snapped down to the start of its minute, hour or day (UTC)."),
    ending_at: optionalRfc3339("End of the report, RFC 3339, exclusive (default: now)."),
    bucket_width: z.enum(["1m", "1h", "1d"]).optional().describe("Bucket size: 1m, 1h or 1d (default 1d)."),
    group_by: z
      .array(z.enum(USAGE_GROUP_BY))
      .optional()
      .describe("Split each bucket's results by these dimensions; ungrouped dimensions are null. speed needs anthropic_beta."),
    api_key_ids: ids("Only usage of these API key ids."),
    workspace_ids: ids("Only usage of these workspace ids."),
    account_ids: ids("Only usage of these account (user) ids (OAuth requests)."),
    service_account_ids: ids("Only usage of these service account ids."),
    models: ids("Only usage of these model ids."),
    service_tiers: z.array(z.enum(SERVICE_TIERS)).min(1).optional().describe("Only usage in these service tiers."),
    context_window: z.array(z.enum(CONTEXT_WINDOWS)).min(1).optional().describe("Only usage in these context-window ranges."),
    inference_geos: z.array(z.enum(INFERENCE_GEOS)).min(1).optional().describe("Only usage served in these inference geos."),
    speeds: z.array(z.enum(SPEEDS)).min(1).optional().describe("Only usage at these speeds (needs anthropic_beta)."),
    limit: z
      .number()
      .int()
      .min(1)
      .max(1440)
      .optional()
      .describe("Buckets per page: 1d default 7, max 31; 1h default 24, max 168; 1m default 60, max 1440."),
    page: pageField,
    anthropic_beta: z
      .string()
      .optional()
      .describe(`anthropic-beta header; set "${FAST_MODE_BETA}" to group or filter by speed.`),
  }),
  output: reportPage(UsageBucketSchema),
  headers: { anthropic_beta: "anthropic-beta" },
  effect: "read",
  idempotent: true,
  pagination: "report",
  description:
    "Token usage of the organization's Messages API calls in time buckets (1m, 1h or 1d; oldest first; empty buckets included with results: []): uncached input, cache reads, cache writes (5m/1h), output tokens and web searches. Group by api_key_id, workspace_id, model, service_tier, context_window, inference_geo, account_id, service_account_id or speed, and filter by the matching *_ids/*s lists. workspace_id is null for the Default Workspace and api_key_id null for Console usage. Set all: true to follow next_page across the whole range. Known failures: limit above the per-width maximum (31 days, 168 hours, 1440 minutes) gives invalid_request_error; group_by speed without anthropic_beta fast-mode-2026-02-01 is refused. Data lags about 5 minutes; poll at most once a minute. Needs the Admin API key (ANTHROPIC_ADMIN_KEY). For money use GET_COST_REPORT.",
});

export const getCostReport = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_COST_REPORT",
  title: "Cost report",
  group: "cost",
  verb: "report",
  method: "GET",
  path: "/v1/organizations/cost_report",
  key: "admin",
  input: z.object({
    starting_at: rfc3339("Start of the report, RFC 3339; snapped down to the start of its day (UTC)."),
    ending_at: optionalRfc3339("End of the report, RFC 3339, exclusive (default: now)."),
    bucket_width: z.enum(["1d"]).optional().describe("Only 1d (daily buckets) is supported."),
    group_by: z
      .array(z.enum(["workspace_id", "description"]))
      .optional()
      .describe("Split costs by workspace and/or line item (model, token type, tier)."),
    limit: z.number().int().min(1).max(31).optional().describe("Daily buckets per page: default 7, max 31."),
    page: pageField,
  }),
  output: reportPage(CostBucketSchema).extend({
    total_usd: z.string().optional().describe("Added by this toolkit: exact USD total of all buckets returned."),
  }),
  effect: "read",
  idempotent: true,
  pagination: "report",
  decorate: withUsdTotals,
  description:
    "What the organization spent, in daily buckets (oldest first, empty days included): amount is a decimal string in cents, currency USD. This toolkit adds exact USD figures: amount_usd per row, total_usd per bucket and for the whole result (no floating-point drift). Group by workspace_id (null = Default Workspace) and/or description (one row per model and token type, with parsed cost_type, model, token_type, context_window, service_tier). Set all: true to cover a long range (for example 30 days with all: true). Priority Tier spend is not included. Known failures: limit above 31 or a bucket_width other than 1d gives invalid_request_error. Needs the Admin API key (ANTHROPIC_ADMIN_KEY).",
});

export const getClaudeCodeUsageReport = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_CLAUDE_CODE_USAGE_REPORT",
  title: "Claude Code usage report",
  group: "claude-code",
  verb: "report",
  method: "GET",
  path: "/v1/organizations/usage_report/claude_code",
  key: "admin",
  input: z.object({
    starting_at: dateField("The single UTC day to report, YYYY-MM-DD."),
    limit: z.number().int().min(1).max(1000).optional().describe("Records per page: default 20, max 1000."),
    page: pageField,
  }),
  output: reportPage(ClaudeCodeRecordSchema),
  effect: "read",
  idempotent: true,
  pagination: "report",
  description:
    "Claude Code activity for one UTC day: one record per user (email) or API key per day, local and remote use as separate rows, with sessions, lines added/removed, commits, pull requests, accepted/rejected edit-tool actions and per-model tokens with an estimated cost in cents. Use it for adoption and productivity reviews; walk several days by calling once per date. Only data older than about an hour appears. Known failures: a starting_at that is not YYYY-MM-DD or a limit above 1000 gives invalid_request_error. Needs the Admin API key (ANTHROPIC_ADMIN_KEY).",
});

export const reportOperations = [getUsageReport, getCostReport, getClaudeCodeUsageReport];
