import { z } from "zod";
import { defineOperation } from "./derive.js";
import { cursorPage, cursorPageInput, idField, timestamp } from "./shared.js";
import type { Effect } from "./types.js";

export const ApiKeyStatusSchema = z.enum(["active", "archived", "expired", "inactive"]);

/**
 * `APIKey` as SDK 1.17.0 declares it. Fields added in 2026 are optional (older servers), and the
 * deprecated `workspace_id` stays optional so servers that still send it do not read as drift.
 */
export const ApiKeySchema = z.object({
  id: z.string(),
  type: z.literal("api_key"),
  name: z.string(),
  status: ApiKeyStatusSchema,
  created_at: timestamp,
  created_by: z.object({ id: z.string(), type: z.enum(["service_account", "user"]) }).nullable(),
  partial_key_hint: z.string().nullable(),
  expires_at: z.string().nullable().optional(),
  principal: z
    .union([
      z.object({ type: z.literal("user_actor"), user_id: z.string() }),
      z.object({ type: z.literal("service_account_actor"), service_account_id: z.string() }),
    ])
    .nullable()
    .optional(),
  scope: z
    .union([z.object({ type: z.literal("workspace"), workspace_id: z.string() }), z.object({ type: z.literal("organization") })])
    .optional(),
  /** Deprecated (Sept 2026), removed from SDK 1.17.0 types; null for the Default Workspace and org scope. */
  workspace_id: z.string().nullable().optional(),
});

export type ApiKey = z.infer<typeof ApiKeySchema>;

const apiKeyId = idField("API key id (apikey_…), from LIST_API_KEYS. Never the secret key itself.");

export const listApiKeys = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_LIST_API_KEYS",
  title: "List API keys",
  group: "api-keys",
  verb: "list",
  method: "GET",
  path: "/v1/organizations/api_keys",
  key: "admin",
  input: z.object({
    ...cursorPageInput,
    status: ApiKeyStatusSchema.optional().describe("Only keys in this status: active, inactive, archived or expired."),
    workspace_id: z
      .string()
      .min(1)
      .optional()
      .describe("Only keys bound to this workspace (the Default Workspace id matches keys bound to it; organization-scoped keys never match)."),
    created_by_user_id: z.string().min(1).optional().describe("Only keys created by this user (user_…)."),
  }),
  output: cursorPage(ApiKeySchema),
  effect: "read",
  idempotent: true,
  pagination: "cursor",
  description:
    "List the organization's standard API keys, oldest first: name, status, workspace scope, owner, creator, expiry and a partial hint (never the secret). Filter by status, workspace_id or created_by_user_id, e.g. to find a departing user's active keys. Admin keys are never listed. Set all: true to walk every page. Needs the Admin API key.",
});

export const getApiKey = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_GET_API_KEY",
  title: "Get an API key",
  group: "api-keys",
  verb: "get",
  method: "GET",
  path: "/v1/organizations/api_keys/{api_key_id}",
  key: "admin",
  input: z.object({ api_key_id: apiKeyId }),
  output: ApiKeySchema,
  effect: "read",
  idempotent: true,
  description:
    "Get one API key's metadata by id: name, status, scope, owner, creator, expiry and partial hint (never the secret). An unknown id gives not_found_error. Needs the Admin API key.",
});

/** Archiving a key is final; deactivating or renaming it can be undone. */
function updateEffect(input: { status?: string | null }): Effect {
  return input.status === "archived" ? "destructive" : "write";
}

export const updateApiKey = defineOperation({
  tool: "ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY",
  title: "Rename or change the status of an API key",
  group: "api-keys",
  verb: "update",
  method: "POST",
  path: "/v1/organizations/api_keys/{api_key_id}",
  key: "admin",
  input: z.object({
    api_key_id: apiKeyId,
    name: z.string().min(1).max(500).nullable().optional().describe("New name, 1 to 500 characters."),
    status: z
      .enum(["active", "inactive", "archived"])
      .nullable()
      .optional()
      .describe("active (works), inactive (stops working, can be reactivated) or archived (stops working forever). expired cannot be set."),
  }),
  output: ApiKeySchema,
  effect: updateEffect,
  idempotent: true,
  reconcile: async (input, read) => {
    const key = (await read("ANTHROPIC_ADMINISTRATOR_GET_API_KEY", { api_key_id: input.api_key_id })) as ApiKey;
    const nameOk = input.name == null || key.name === input.name;
    const statusOk = input.status == null || key.status === input.status;
    return nameOk && statusOk ? { applied: true, data: key } : { applied: false };
  },
  description:
    "Rename an API key or change its status: inactive stops it working until set active again (a write); archived stops it forever (destructive and irreversible: pass confirm: true). API keys cannot be created through the API (Console only). Fails with invalid_request_error when reactivating an archived or expired key or a key of an archived workspace, and when an active-key limit is reached (org_api_key_limit_exceeded, workspace_api_key_limit_exceeded); not_found_error for an unknown id. Needs the Admin API key.",
});

export const apiKeyOperations = [listApiKeys, getApiKey, updateApiKey];
