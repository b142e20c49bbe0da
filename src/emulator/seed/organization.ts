import type { EmulatorState } from "../state.js";
import { seedModels } from "./models.js";

export interface SeedContext {
  state: EmulatorState;
  newId: (prefix: string) => string;
  random: () => number;
  /** Demo keys the emulator accepts. */
  apiKey: string;
  adminKey: string;
  /** Size of the seeded organization (default: a small demo org). */
  scale: { users: number; apiKeys: number };
}

/** Id of the demo organization's owner. */
export const OWNER_EMAIL = "owner@example.com";

/**
 * The base demo organization: models, the Default Workspace, its owner (org admin) and one
 * standard key in the Default Workspace, plus the admin key. Areas add their own seed data.
 */
export function seedBase({ state, newId, apiKey, adminKey }: SeedContext): void {
  const now = state.clock.now();
  const iso = (ms: number) => state.clock.iso(ms);
  for (const m of seedModels()) state.models.insert(m);
  const defaultWs = state.workspaces.insert({
    id: newId("wrkspc"),
    type: "workspace",
    name: "Default",
    display_color: "#6C5BB9",
    created_at: iso(now - 400 * 86_400_000),
    archived_at: null,
    data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" },
    compartment_id: "00000000-0000-4000-a000-000000000000",
    external_key_id: null,
    tags: {},
    user_profile_id: null,
    _default: true,
  });
  const owner = state.users.insert({
    id: newId("user"),
    type: "user",
    email: OWNER_EMAIL,
    name: "Demo Owner",
    role: "admin",
    added_at: iso(now - 400 * 86_400_000),
  });
  state.apiKeys.insert({
    id: newId("apikey"),
    type: "api_key",
    name: "Demo key",
    status: "active",
    created_at: iso(now - 300 * 86_400_000),
    created_by: { id: owner.id, type: "user" },
    expires_at: null,
    partial_key_hint: hint(apiKey),
    principal: { type: "user_actor", user_id: owner.id },
    scope: { type: "workspace", workspace_id: defaultWs.id },
    _secret: apiKey,
  });
  state.adminKeys.add(adminKey);
}

/** `sk-ant-api03-R2D...igAA`: the hint the API shows instead of a key. */
export function hint(secret: string): string {
  return `${secret.slice(0, 17)}...${secret.slice(-4)}`;
}
