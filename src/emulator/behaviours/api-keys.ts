import { invalidRequest, notFound } from "../api-error.js";
import type { ApiKeyRecord, EmulatorState } from "../state.js";
import type { Behaviours, BehaviourRequest } from "./types.js";

/** Optional active-key caps (per org, per workspace) a test can set in `state.extra`. */
export const API_KEY_LIMITS = "api-keys:limits";
export interface ApiKeyLimits {
  org?: number;
  workspace?: number;
}

/**
 * A key as the API shows it: no secret, and the deprecated `workspace_id` kept for old clients,
 * derived from `scope` (null for the Default Workspace and organization-scoped keys).
 */
export function apiKeyView(state: EmulatorState, k: ApiKeyRecord) {
  const wsId = k.scope.type === "workspace" ? k.scope.workspace_id : null;
  const isDefault = wsId !== null && state.workspaces.get(wsId)?._default === true;
  return {
    id: k.id,
    type: k.type,
    name: k.name,
    status: k.status,
    created_at: k.created_at,
    created_by: k.created_by,
    expires_at: k.expires_at,
    partial_key_hint: k.partial_key_hint,
    principal: k.principal,
    scope: k.scope,
    workspace_id: isDefault ? null : wsId,
  };
}

/** Marks keys whose `expires_at` has passed as expired (the clock can be moved by tests). */
export function expireDueKeys(state: EmulatorState, now: number): void {
  for (const k of state.apiKeys.all()) {
    if (k.expires_at !== null && (k.status === "active" || k.status === "inactive") && Date.parse(k.expires_at) <= now) {
      state.apiKeys.update({ ...k, status: "expired" });
    }
  }
}

function requireKey(state: EmulatorState, id: string): ApiKeyRecord {
  const k = state.apiKeys.get(id);
  if (!k) throw notFound(`API key ${id} not found.`);
  return k;
}

function list({ input, state, now }: BehaviourRequest) {
  expireDueKeys(state, now);
  const { status, workspace_id: ws, created_by_user_id: by } = input;
  const filtered = status !== undefined || ws !== undefined || by !== undefined;
  return state.apiKeys.page(input, {
    filter: filtered
      ? (k) =>
          (status === undefined || k.status === status) &&
          (ws === undefined || (k.scope.type === "workspace" && k.scope.workspace_id === ws)) &&
          (by === undefined || k.created_by?.id === by)
      : undefined,
    map: (k) => apiKeyView(state, k),
  });
}

function activeKeys(state: EmulatorState, workspaceId?: string): number {
  let n = 0;
  for (const k of state.apiKeys.all()) {
    if (k.status !== "active") continue;
    if (workspaceId === undefined || (k.scope.type === "workspace" && k.scope.workspace_id === workspaceId)) n++;
  }
  return n;
}

function update({ input, state, now }: BehaviourRequest) {
  expireDueKeys(state, now);
  const k = requireKey(state, input.api_key_id);
  const next: ApiKeyRecord = { ...k };
  if (input.name != null) next.name = input.name;
  const status = input.status ?? undefined;
  if (status !== undefined && status !== k.status) {
    if (k.status === "archived") throw invalidRequest(`API key ${k.id} is archived; archived keys cannot be changed back.`);
    if (k.status === "expired" && status !== "archived") {
      throw invalidRequest(`API key ${k.id} has expired; expired keys cannot be reactivated.`);
    }
    const wsId = k.scope.type === "workspace" ? k.scope.workspace_id : undefined;
    if (status !== "archived" && wsId && state.workspaces.get(wsId)?.archived_at) {
      throw invalidRequest(`API key ${k.id} belongs to archived workspace ${wsId}; its keys cannot be reactivated.`);
    }
    if (status === "active") checkActiveLimits(state, wsId);
    next.status = status;
  }
  return apiKeyView(state, state.apiKeys.update(next));
}

function checkActiveLimits(state: EmulatorState, wsId: string | undefined): void {
  const limits = state.extra.get(API_KEY_LIMITS) as ApiKeyLimits | undefined;
  if (limits?.org !== undefined && activeKeys(state) >= limits.org) {
    throw invalidRequest(`The organization already has ${limits.org} active API keys, its limit.`, "org_api_key_limit_exceeded");
  }
  if (wsId && limits?.workspace !== undefined && activeKeys(state, wsId) >= limits.workspace) {
    throw invalidRequest(`Workspace ${wsId} already has ${limits.workspace} active API keys, its limit.`, "workspace_api_key_limit_exceeded");
  }
}

export const apiKeysBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_LIST_API_KEYS: list,
  ANTHROPIC_ADMINISTRATOR_GET_API_KEY: ({ input, state, now }) => {
    expireDueKeys(state, now);
    return apiKeyView(state, requireKey(state, input.api_key_id));
  },
  ANTHROPIC_ADMINISTRATOR_UPDATE_API_KEY: update,
};
