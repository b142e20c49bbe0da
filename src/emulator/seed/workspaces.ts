import { uuidFrom } from "../ids.js";
import type { ApiKeyRecord, EmulatorState, UserRecord, WorkspaceRecord } from "../state.js";
import { hint, type SeedContext } from "./organization.js";
import { rateLimitState, seedRateLimits, setOverride } from "./rate-limits.js";

const DAY = 86_400_000;
const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A secret shaped like a real standard key, from the given random source. */
export function makeSecret(random: () => number): string {
  let s = "";
  for (let i = 0; i < 40; i++) s += BASE62[Math.floor(random() * 62)];
  return `sk-ant-api03-${s}`;
}

/** Builds an API key record (the one shape seeds and the control surface mint). */
export function newApiKeyRecord(
  state: EmulatorState,
  f: { id: string; name: string; secret: string; workspaceId: string | null; userId: string | null; createdAt: number; status?: ApiKeyRecord["status"]; expiresAt?: string | null },
): ApiKeyRecord {
  return {
    id: f.id,
    type: "api_key",
    name: f.name,
    status: f.status ?? "active",
    created_at: state.clock.iso(f.createdAt),
    created_by: f.userId ? { id: f.userId, type: "user" } : null,
    expires_at: f.expiresAt ?? null,
    partial_key_hint: hint(f.secret),
    principal: f.userId ? { type: "user_actor", user_id: f.userId } : null,
    scope: f.workspaceId ? { type: "workspace", workspace_id: f.workspaceId } : { type: "organization" },
    _secret: f.secret,
  };
}

interface DemoWorkspace {
  name: string;
  color: string;
  ageDays: number;
  tags: Record<string, string>;
  archivedDaysAgo?: number;
}

const DEMO_WORKSPACES: DemoWorkspace[] = [
  { name: "Research", color: "#4A90A4", ageDays: 320, tags: { team: "research" } },
  { name: "Production", color: "#D97757", ageDays: 280, tags: { env: "production", cost_center: "cc-100" } },
  { name: "Sandbox", color: "#5E9E6E", ageDays: 200, tags: { env: "sandbox" } },
  { name: "Legacy Pilot", color: "#7D8590", ageDays: 390, tags: {}, archivedDaysAgo: 120 },
];

/** Workspace roles given to the first regular users, round-robin. */
const ROLES = ["workspace_developer", "workspace_user", "workspace_admin", "workspace_restricted_developer"];

/**
 * Demo workspaces (Research, Production, Sandbox, one archived), members drawn from the seeded
 * users, a handful of keys in every status, `scale.apiKeys` extra keys, and the rate limits.
 * Deterministic: everything comes from the seeded random source and clock.
 */
export function seedWorkspaces(ctx: SeedContext): void {
  const { state, newId, random } = ctx;
  const now = state.clock.now();
  const ws = DEMO_WORKSPACES.map((d) => insertWorkspace(ctx, d, now));
  const [research, production, sandbox, legacy] = ws;
  const owner = state.users.all().find((u) => u.role === "admin");
  const regular = state.users.all().filter((u) => u.role !== "admin" && u.role !== "billing").slice(0, 9);
  regular.forEach((u, i) => {
    const target = [research, production, sandbox][i % 3];
    state.members.insert({ type: "workspace_member", user_id: u.id, workspace_id: target.id, workspace_role: ROLES[i % ROLES.length] });
  });
  // A couple of people work in two workspaces, as in real organizations.
  for (const u of regular.slice(0, 2)) {
    if (!state.members.get(`${sandbox.id}:${u.id}`)) {
      state.members.insert({ type: "workspace_member", user_id: u.id, workspace_id: sandbox.id, workspace_role: "workspace_developer" });
    }
  }
  const by = (i: number): UserRecord | undefined => regular[i] ?? owner;
  const keys: Array<[string, WorkspaceRecord | null, UserRecord | undefined, ApiKeyRecord["status"], number]> = [
    ["research-notebooks", research, by(0), "active", 250],
    ["prod-backend", production, by(1), "active", 240],
    ["prod-batch-jobs", production, by(1), "inactive", 180],
    ["sandbox-experiments", sandbox, by(2), "active", 90],
    ["legacy-pilot", legacy, owner, "archived", 380],
    ["org-reporting", null, owner, "active", 60],
  ];
  for (const [name, w, u, status, age] of keys) {
    state.apiKeys.insert(
      newApiKeyRecord(state, { id: newId("apikey"), name, secret: makeSecret(random), workspaceId: w?.id ?? null, userId: u?.id ?? null, createdAt: now - age * DAY, status }),
    );
  }
  seedScaleKeys(ctx, [research, production, sandbox], now);
  seedRateLimits(state, newId);
  // Production runs under its own, lower Sonnet request limit (a typical workspace override).
  const groups = rateLimitState(state).org.filter((e) => e.group.type === "model_group");
  const sonnet = groups.find((e) => e.group.display_name === "Claude Sonnet 5.x") ?? groups[0];
  if (sonnet) setOverride(state, production.id, sonnet.id, "requests_per_minute", 1_000);
}

function insertWorkspace({ state, newId, random }: SeedContext, d: DemoWorkspace, now: number): WorkspaceRecord {
  return state.workspaces.insert({
    id: newId("wrkspc"),
    type: "workspace",
    name: d.name,
    display_color: d.color,
    created_at: state.clock.iso(now - d.ageDays * DAY),
    archived_at: d.archivedDaysAgo === undefined ? null : state.clock.iso(now - d.archivedDaysAgo * DAY),
    data_residency: { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" },
    compartment_id: uuidFrom(random),
    external_key_id: null,
    tags: { ...d.tags },
    user_profile_id: null,
  });
}

/** `scale.apiKeys` extra keys spread over the live workspaces (9 in 10 active), for the scale benchmark. */
function seedScaleKeys({ state, newId, random, scale }: SeedContext, targets: WorkspaceRecord[], now: number): void {
  const users = state.users.all();
  for (let i = 0; i < scale.apiKeys; i++) {
    const u = users.length ? users[i % users.length] : undefined;
    state.apiKeys.insert(
      newApiKeyRecord(state, {
        id: newId("apikey"),
        name: `service-key-${String(i + 1).padStart(5, "0")}`,
        secret: makeSecret(random),
        workspaceId: targets[i % targets.length].id,
        userId: u?.id ?? null,
        createdAt: now - (scale.apiKeys - i) * 60_000,
        status: i % 10 === 9 ? "inactive" : "active",
      }),
    );
  }
}
