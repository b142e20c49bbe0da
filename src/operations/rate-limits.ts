import { z } from "zod";
import { defineOperation } from "./derive.js";
import { idField, pageCursorInput, pageCursorPage } from "./shared.js";

export const RATE_LIMIT_GROUP_TYPES = ["batch", "files", "model_group", "skills", "token_count", "web_search"] as const;

export const WORKSPACE_RATE_LIMIT_TYPES = [
  "fast_itpmca",
  "fast_otpm",
  "input_tokens_per_minute",
  "input_tokens_per_minute_cache_aware",
  "output_tokens_per_minute",
  "requests_per_minute",
  "tokens_per_day",
  "tokens_per_minute",
  "tool_uses_per_second",
] as const;

/** The limit group: `{type:"model_group", id, display_name}` or `{type:"batch"|…, id}`; ids are `rlg_…`, the same in every org. */
export const RateLimitGroupSchema = z.object({
  type: z.enum(RATE_LIMIT_GROUP_TYPES),
  id: z.string(),
  display_name: z.string().optional(),
});

/** `OrganizationRateLimit`; `group_type` was removed in SDK 1.17.0 and is kept optional for older servers. */
export const OrganizationRateLimitSchema = z.object({
  type: z.literal("rate_limit"),
  id: z.string(),
  group: RateLimitGroupSchema,
  models: z.array(z.string()).nullable(),
  limits: z.array(z.object({ type: z.string(), value: z.number() })),
  group_type: z.enum(RATE_LIMIT_GROUP_TYPES).optional(),
});

/** `WorkspaceRateLimit`: each limiter says whether the workspace overrides it or inherits the org value. */
export const WorkspaceRateLimitSchema = z.object({
  type: z.literal("workspace_rate_limit"),
  workspace_id: z.string(),
  rate_limit_id: z.string(),
  group: RateLimitGroupSchema,
  models: z.array(z.string()).nullable(),
  limits: z.array(
    z.object({
      type: z.string(),
      value: z.number(),
      org_limit: z.number().nullable().optional(),
      source: z.object({ type: z.enum(["workspace", "organization"]) }).optional(),
    }),
  ),
  group_type: z.enum(RATE_LIMIT_GROUP_TYPES).optional(),
});

export type OrganizationRateLimit = z.infer<typeof OrganizationRateLimitSchema>;
export type WorkspaceRateLimit = z.infer<typeof WorkspaceRateLimitSchema>;

const groupType = z.enum(RATE_LIMIT_GROUP_TYPES).optional().describe("Only this kind of limit group: model_group, batch, token_count, files, skills or web_search.");
const workspaceId = idField("Workspace id (wrkspc_…), from LIST_WORKSPACES.");

export const listRateLimits = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_RATE_LIMITS",
  title: "List organization rate limits",
  group: "rate-limits",
  verb: "list",
  method: "GET",
  path: "/v1/organizations/rate_limits",
  key: "admin",
  input: z.object({
    group_type: groupType,
    model: z.string().min(1).optional().describe("Only the entry that covers this model id or alias (not_found_error when none does)."),
    ...pageCursorInput,
  }),
  output: pageCursorPage(OrganizationRateLimitSchema),
  effect: "read",
  idempotent: true,
  pagination: "page",
  description:
    "List the organization's rate limits: one entry per limit group (a family of models such as \"Claude Sonnet 5.x\", or batch, token counting, files), each with the models it covers and its limiters (requests_per_minute, input_tokens_per_minute, output_tokens_per_minute, …). Use it before a bulk job to pace it, or to find the rate_limit_id for a workspace override. Without limit everything comes in one page. An unknown model gives not_found_error. Needs the Admin API key.",
});

export const listWorkspaceRateLimits = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACE_RATE_LIMITS",
  title: "List a workspace's rate limits",
  group: "rate-limits",
  verb: "list-workspace",
  method: "GET",
  path: "/v1/organizations/workspaces/{workspace_id}/rate_limits",
  key: "admin",
  input: z.object({
    workspace_id: workspaceId,
    group_type: groupType,
    include_inherited: z
      .boolean()
      .optional()
      .describe("Also list limiters the workspace inherits from the organization (source organization); default only its overrides."),
    ...pageCursorInput,
  }),
  output: pageCursorPage(WorkspaceRateLimitSchema),
  effect: "read",
  idempotent: true,
  pagination: "page",
  description:
    "List a workspace's rate limits. By default only the limiters the workspace overrides (lower than or beside the organization's); with include_inherited also the organization values it inherits. Both the workspace and the organization limit apply: the lower wins. Without limit everything comes in one page. Unknown workspace: not_found_error. Needs the Admin API key.",
});

export const updateWorkspaceRateLimit = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE_RATE_LIMIT",
  title: "Set a workspace rate-limit override",
  group: "rate-limits",
  verb: "update-workspace",
  method: "POST",
  path: "/v1/organizations/workspaces/{workspace_id}/rate_limits/{rate_limit_id}",
  key: "admin",
  input: z.object({
    workspace_id: workspaceId,
    rate_limit_id: idField("The organization rate-limit entry's id, from LIST_RATE_LIMITS."),
    limits: z
      .array(
        z.object({
          type: z.enum(WORKSPACE_RATE_LIMIT_TYPES).describe("Limiter to set."),
          value: z.number().int().min(0).nullable().describe("New workspace value; null removes the override (inherit the organization's)."),
        }),
      )
      .min(1)
      .describe("Limiters to change; limiters not named stay as they are."),
  }),
  output: WorkspaceRateLimitSchema,
  effect: "write",
  idempotent: true,
  reconcile: async (input, read) => {
    const page = (await read("ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACE_RATE_LIMITS", {
      workspace_id: input.workspace_id,
      include_inherited: true,
      all: true,
    })) as { data: WorkspaceRateLimit[] };
    const entry = page.data.find((e) => e.rate_limit_id === input.rate_limit_id);
    if (!entry) return { applied: false };
    const wanted = input.limits as Array<{ type: string; value: number | null }>;
    const ok = wanted.every((w) => limiterShows(entry.limits.find((l) => l.type === w.type), w.value));
    return ok ? { applied: true, data: entry } : { applied: false };
  },
  description:
    "Set or clear a workspace's override of one organization rate-limit group (rate_limit_id from LIST_RATE_LIMITS): an integer sets the workspace's own limit, null returns to the organization's. A value above the organization limit is kept but the lower limit still applies. Changes take effect within about an hour on the real API. Archived workspaces and limiters the group does not have give invalid_request_error. Needs the Admin API key.",
});

/**
 * Whether a limiter (as LIST_WORKSPACE_RATE_LIMITS with include_inherited answers it) shows the
 * requested value: an integer set, or null cleared. `source` is optional on the wire; without it
 * a set shows as the value itself, and a clear as the value back at `org_limit` (or the limiter
 * gone). A clear whose limiter has neither `source` nor `org_limit` cannot be judged: throws, so
 * the reconcile fails (outcome_unknown naming the read) instead of guessing.
 */
function limiterShows(got: WorkspaceRateLimit["limits"][number] | undefined, value: number | null): boolean {
  if (got?.source) return value === null ? got.source.type !== "workspace" : got.source.type === "workspace" && got.value === value;
  if (value !== null) return got?.value === value;
  if (got === undefined) return true;
  if (typeof got.org_limit === "number") return got.value === got.org_limit;
  throw new Error(
    `the workspace's ${got.type} limiter came without source and org_limit, so whether its override was cleared cannot be told`,
  );
}

export const rateLimitOperations = [listRateLimits, listWorkspaceRateLimits, updateWorkspaceRateLimit];
