import { invalidRequest, notFound } from "../api-error.js";
import { uuidFrom } from "../ids.js";
import { type EmulatorState, publicView, type WorkspaceRecord } from "../state.js";
import type { Behaviours, BehaviourRequest } from "./types.js";

/** Console-like colors the server picks from when a create names none (the API always returns one). */
export const WORKSPACE_PALETTE = ["#6C5BB9", "#D97757", "#4A90A4", "#C2A14D", "#5E9E6E", "#B55A8C", "#7D8590", "#3F6FD8"] as const;

/** Default cap on non-archived workspaces (the Default Workspace not counted). */
export const MAX_ACTIVE_WORKSPACES = 100;

type DataResidency = WorkspaceRecord["data_residency"];

/** The workspace, or 404 naming the id. */
export function requireWorkspace(state: EmulatorState, id: string): WorkspaceRecord {
  const ws = state.workspaces.get(id);
  if (!ws) throw notFound(`Workspace ${id} not found.`);
  return ws;
}

/** The workspace for a write: 404 when unknown, 400 when archived (archived workspaces are read-only). */
export function requireWritableWorkspace(state: EmulatorState, id: string): WorkspaceRecord {
  const ws = requireWorkspace(state, id);
  if (ws.archived_at !== null) throw invalidRequest(`Workspace ${id} is archived; archived workspaces cannot be changed.`);
  return ws;
}

/** The organization's Default Workspace. */
export function defaultWorkspace(state: EmulatorState): WorkspaceRecord | undefined {
  return state.workspaces.all().find((w) => w._default);
}

function checkTags(tags: Record<string, unknown> | null | undefined): void {
  for (const key of Object.keys(tags ?? {})) {
    if (key.toLowerCase().startsWith("anthropic")) throw invalidRequest(`tags: key "${key}" may not start with "anthropic".`);
  }
}

function checkName(name: unknown): void {
  if (typeof name !== "string" || name.length < 1 || name.length > 40) {
    throw invalidRequest("name: must be between 1 and 40 characters.");
  }
}

/** Applies a data-residency change and checks that the default geo is allowed. */
function residency(
  base: DataResidency,
  change: { allowed_inference_geos?: DataResidency["allowed_inference_geos"] | null; default_inference_geo?: DataResidency["default_inference_geo"] | null } | null | undefined,
): DataResidency {
  const next: DataResidency = {
    workspace_geo: base.workspace_geo,
    allowed_inference_geos: change?.allowed_inference_geos ?? base.allowed_inference_geos,
    default_inference_geo: change?.default_inference_geo ?? base.default_inference_geo,
  };
  const allowed = next.allowed_inference_geos;
  if (allowed !== "unrestricted" && !allowed.includes(next.default_inference_geo)) {
    throw invalidRequest(
      `data_residency.default_inference_geo: "${next.default_inference_geo}" is not in allowed_inference_geos (${allowed.join(", ")}).`,
    );
  }
  return next;
}

function activeCount(state: EmulatorState): number {
  let n = 0;
  for (const w of state.workspaces.all()) if (w.archived_at === null && !w._default) n++;
  return n;
}

function create({ input, state, now, newId, random }: BehaviourRequest) {
  checkName(input.name);
  checkTags(input.tags);
  if (activeCount(state) >= MAX_ACTIVE_WORKSPACES) {
    throw invalidRequest(
      `The organization already has ${MAX_ACTIVE_WORKSPACES} active workspaces, the maximum; archive one before creating another.`,
    );
  }
  const count = state.workspaces.size;
  const record: WorkspaceRecord = {
    id: newId("wrkspc"),
    type: "workspace",
    name: input.name,
    display_color: input.display_color ?? WORKSPACE_PALETTE[count % WORKSPACE_PALETTE.length],
    created_at: state.clock.iso(now),
    archived_at: null,
    data_residency: residency(
      { workspace_geo: "us", allowed_inference_geos: "unrestricted", default_inference_geo: "global" },
      input.data_residency,
    ),
    compartment_id: uuidFrom(random),
    external_key_id: input.external_key_id ?? null,
    tags: { ...(input.tags ?? {}) },
    user_profile_id: input.user_profile_id ?? null,
  };
  return publicView(state.workspaces.insert(record));
}

function list({ input, state }: BehaviourRequest) {
  const ids = input.ids ? new Set<string>(input.ids) : undefined;
  const includeArchived = input.include_archived === true;
  const includeDefault = input.include_default === true;
  return state.workspaces.page(input, {
    filter: (w) => (includeDefault || !w._default) && (includeArchived || w.archived_at === null) && (!ids || ids.has(w.id)),
    map: (w) => publicView(w),
  });
}

function update({ input, state }: BehaviourRequest) {
  const ws = requireWritableWorkspace(state, input.workspace_id);
  const next: WorkspaceRecord = { ...ws, tags: { ...ws.tags } };
  if (input.name !== undefined && input.name !== ws.name) {
    if (ws._default) throw invalidRequest("The Default Workspace cannot be renamed.");
    checkName(input.name);
    next.name = input.name;
  }
  if (input.display_color != null) next.display_color = input.display_color;
  if (input.data_residency?.workspace_geo !== undefined && input.data_residency.workspace_geo !== ws.data_residency.workspace_geo) {
    throw invalidRequest("data_residency.workspace_geo cannot be changed after creation.");
  }
  if (input.data_residency) next.data_residency = residency(ws.data_residency, input.data_residency);
  if (input.external_key_id !== undefined && input.external_key_id !== ws.external_key_id) {
    if (ws.external_key_id !== null) {
      throw invalidRequest("external_key_id is write-once: this workspace's external key cannot be replaced or detached.");
    }
    next.external_key_id = input.external_key_id;
  }
  if (input.user_profile_id !== undefined && input.user_profile_id !== ws.user_profile_id) {
    if (ws._default) throw invalidRequest("The Default Workspace cannot have a user profile.");
    if (ws.user_profile_id !== null) throw invalidRequest("user_profile_id is set once and cannot be replaced.");
    next.user_profile_id = input.user_profile_id;
  }
  if (input.tags) {
    checkTags(input.tags);
    for (const [k, v] of Object.entries(input.tags as Record<string, string | null>)) {
      // Reference §15 #12: a null value deletes the tag (UNCONFIRMED upstream).
      if (v === null) delete next.tags[k];
      else next.tags[k] = v;
    }
  }
  return publicView(state.workspaces.update(next));
}

function archive({ input, state, now }: BehaviourRequest) {
  const ws = requireWorkspace(state, input.workspace_id);
  if (ws._default) throw invalidRequest("The Default Workspace cannot be archived.");
  // Archiving again is accepted and changes nothing: the SDK documents re-archiving an archived
  // workspace (StorageAttachedDuringArchiveError), so the call is idempotent.
  if (ws.archived_at !== null) return publicView(ws);
  const archivedAt = state.clock.iso(now);
  for (const key of state.apiKeys.all()) {
    if (key.scope.type === "workspace" && key.scope.workspace_id === ws.id && key.status !== "archived") {
      state.apiKeys.update({ ...key, status: "archived" });
    }
  }
  return publicView(state.workspaces.update({ ...ws, archived_at: archivedAt }));
}

export const workspacesBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_CREATE_WORKSPACE: create,
  ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACES: list,
  ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE: ({ input, state }) => publicView(requireWorkspace(state, input.workspace_id)),
  ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE: update,
  ANTHROPIC_ADMINISTRATOR_ARCHIVE_WORKSPACE: archive,
};
