import type { ModelInfo } from "../operations/models.js";
import type { EmulatorClock } from "./clock.js";
import { Collection } from "./collection.js";

/** Wire shapes the emulator stores (as the API returns them, plus private fields prefixed `_`). */
export interface UserRecord {
  id: string;
  type: "user";
  email: string;
  name: string;
  role: string;
  added_at: string;
}

export interface InviteRecord {
  id: string;
  type: "invite";
  email: string;
  role: string;
  status: "pending" | "accepted" | "expired" | "deleted";
  invited_at: string;
  expires_at: string;
  accepted_at: string | null;
  rbac_group_ids: string[];
}

export interface WorkspaceRecord {
  id: string;
  type: "workspace";
  name: string;
  display_color: string;
  created_at: string;
  archived_at: string | null;
  data_residency: {
    workspace_geo: "us";
    allowed_inference_geos: Array<"global" | "us"> | "unrestricted";
    default_inference_geo: "global" | "us";
  };
  compartment_id: string;
  external_key_id: string | null;
  tags: Record<string, string>;
  user_profile_id: string | null;
  /** Private: the Default Workspace. */
  _default?: boolean;
}

export interface MemberRecord {
  type: "workspace_member";
  user_id: string;
  workspace_id: string;
  workspace_role: string;
}

export interface ApiKeyRecord {
  id: string;
  type: "api_key";
  name: string;
  status: "active" | "inactive" | "archived" | "expired";
  created_at: string;
  created_by: { id: string; type: "user" | "service_account" } | null;
  expires_at: string | null;
  partial_key_hint: string | null;
  principal: { type: "user_actor"; user_id: string } | { type: "service_account_actor"; service_account_id: string } | null;
  scope: { type: "workspace"; workspace_id: string } | { type: "organization" };
  /** Private: the secret the emulator authenticates with; never emitted. */
  _secret: string;
}

/** One Messages call as recorded for usage and cost reports. */
export interface UsageEvent {
  at: number;
  model: string;
  api_key_id: string | null;
  workspace_id: string | null;
  service_tier: string;
  context_window: string;
  inference_geo: string;
  uncached_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_5m: number;
  cache_creation_1h: number;
  output_tokens: number;
  web_search_requests: number;
}

/** The organization the emulator serves. */
export interface EmulatorState {
  organization: { id: string; type: "organization"; name: string };
  models: Collection<ModelInfo>;
  users: Collection<UserRecord>;
  invites: Collection<InviteRecord>;
  workspaces: Collection<WorkspaceRecord>;
  /** Keyed `${workspace_id}:${user_id}`. */
  members: Collection<MemberRecord>;
  apiKeys: Collection<ApiKeyRecord>;
  /** Admin API keys the emulator accepts (cannot be listed through the API). */
  adminKeys: Set<string>;
  /** Recorded Messages calls (usage reports read these). */
  usage: UsageEvent[];
  /** Free-form per-area state (rate limits, report caches), keyed by area name. */
  extra: Map<string, unknown>;
  /**
   * Set by persistence: writers that change a `state.extra` value in place (not through
   * `extra.set`) call it with the key so the change reaches the state file without close().
   */
  markExtraChanged?: (key: string) => void;
  clock: EmulatorClock;
}

/** An empty organization; seeding fills it. */
export function createEmptyState(clock: EmulatorClock, orgId: string, orgName: string): EmulatorState {
  return {
    organization: { id: orgId, type: "organization", name: orgName },
    models: new Collection<ModelInfo>((m) => m.id),
    users: new Collection<UserRecord>((u) => u.id),
    invites: new Collection<InviteRecord>((i) => i.id),
    workspaces: new Collection<WorkspaceRecord>((w) => w.id),
    members: new Collection<MemberRecord>((m) => `${m.workspace_id}:${m.user_id}`),
    apiKeys: new Collection<ApiKeyRecord>((k) => k.id),
    adminKeys: new Set(),
    usage: [],
    extra: new Map(),
    clock,
  };
}

/** A copy of a record without its private `_` fields, as the API would send it. */
export function publicView<T extends object>(record: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!k.startsWith("_")) out[k] = v;
  return out as T;
}
