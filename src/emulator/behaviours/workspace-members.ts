import { invalidRequest, notFound } from "../api-error.js";
import type { EmulatorState, MemberRecord, UserRecord, WorkspaceRecord } from "../state.js";
import type { Behaviours, BehaviourRequest } from "./types.js";
import { requireWorkspace, requireWritableWorkspace } from "./workspaces.js";

/**
 * Organization roles that carry a workspace role in every workspace without a member row
 * (docs FAQ): admins hold workspace_admin, billing members workspace_billing.
 *
 * Emulator choice (UNCONFIRMED upstream): GET answers these implicit memberships; LIST shows
 * only rows added by hand, so pages stay plain cursor pages over one ordered collection.
 */
const IMPLICIT_ROLE: Record<string, string> = { admin: "workspace_admin", billing: "workspace_billing" };

const key = (workspaceId: string, userId: string) => `${workspaceId}:${userId}`;

function requireUser(state: EmulatorState, userId: string): UserRecord {
  const user = state.users.get(userId);
  if (!user) throw notFound(`User ${userId} is not a member of this organization.`);
  return user;
}

function view(m: MemberRecord): MemberRecord {
  return { type: "workspace_member", user_id: m.user_id, workspace_id: m.workspace_id, workspace_role: m.workspace_role };
}

/** The user's membership as the API reports it: the explicit row, else the implicit one of their org role. */
export function effectiveMember(state: EmulatorState, ws: WorkspaceRecord, user: UserRecord): MemberRecord | undefined {
  const row = state.members.get(key(ws.id, user.id));
  if (row) return view(row);
  const implicit = IMPLICIT_ROLE[user.role];
  return implicit ? { type: "workspace_member", user_id: user.id, workspace_id: ws.id, workspace_role: implicit } : undefined;
}

function refuseDefault(ws: WorkspaceRecord): void {
  if (ws._default) {
    throw invalidRequest("The Default Workspace has no member list: access to it follows the organization role.");
  }
}

function add({ input, state }: BehaviourRequest) {
  const ws = requireWritableWorkspace(state, input.workspace_id);
  refuseDefault(ws);
  const user = requireUser(state, input.user_id);
  if (input.workspace_role === "workspace_billing") {
    throw invalidRequest("workspace_role: workspace_billing cannot be assigned; organization billing members hold it implicitly.");
  }
  if (state.members.get(key(ws.id, user.id))) {
    throw invalidRequest(`User ${user.id} is already a member of workspace ${ws.id}; change the role with an update instead.`);
  }
  if (user.role === "admin") {
    throw invalidRequest(`User ${user.id} is an organization admin and already holds workspace_admin in every workspace.`);
  }
  if (user.role === "billing" && input.workspace_role !== "workspace_admin") {
    throw invalidRequest(
      `User ${user.id} is an organization billing member: they hold workspace_billing implicitly and can only be raised to workspace_admin.`,
    );
  }
  const row: MemberRecord = { type: "workspace_member", user_id: user.id, workspace_id: ws.id, workspace_role: input.workspace_role };
  return view(state.members.insert(row));
}

function list({ input, state }: BehaviourRequest) {
  const ws = requireWorkspace(state, input.workspace_id);
  for (const field of ["before_id", "after_id"] as const) {
    const id = input[field] as string | undefined;
    if (id !== undefined && !state.members.get(key(ws.id, id))) throw invalidRequest(`${field}: unknown cursor ${id}`);
  }
  // Rows are keyed `${workspace}:${user}` in one collection; the filter keeps this workspace's rows.
  const page = state.members.page(
    { limit: input.limit, before_id: cursor(ws.id, input.before_id), after_id: cursor(ws.id, input.after_id) },
    // Rows of users who have left the organization are not members any more.
    { filter: (m) => m.workspace_id === ws.id && state.users.get(m.user_id) !== undefined, map: (m) => view(m) },
  );
  // Cursors on the wire are user ids, as the API's first_id/last_id.
  const data = page.data as MemberRecord[];
  return { ...page, first_id: data[0]?.user_id ?? null, last_id: data.at(-1)?.user_id ?? null };
}

function cursor(workspaceId: string, userId: string | undefined): string | undefined {
  return userId === undefined ? undefined : key(workspaceId, userId);
}

function get({ input, state }: BehaviourRequest) {
  const ws = requireWorkspace(state, input.workspace_id);
  const user = requireUser(state, input.user_id);
  const member = effectiveMember(state, ws, user);
  if (!member) throw notFound(`User ${user.id} is not a member of workspace ${ws.id}.`);
  return member;
}

function update({ input, state }: BehaviourRequest) {
  const ws = requireWritableWorkspace(state, input.workspace_id);
  refuseDefault(ws);
  const user = requireUser(state, input.user_id);
  if (input.workspace_role === "workspace_billing") {
    throw invalidRequest("workspace_role: workspace_billing cannot be assigned; organization billing members hold it implicitly.");
  }
  if (user.role === "admin") {
    throw invalidRequest(`User ${user.id} is an organization admin: their workspace role is fixed at workspace_admin.`);
  }
  if (user.role === "billing" && input.workspace_role !== "workspace_admin") {
    throw invalidRequest(`User ${user.id} is an organization billing member: they can only be raised to workspace_admin.`);
  }
  const row = state.members.get(key(ws.id, user.id));
  if (!row) {
    if (user.role === "billing") return add({ input, state } as BehaviourRequest);
    throw notFound(`User ${user.id} is not a member of workspace ${ws.id}.`);
  }
  return view(state.members.update({ ...row, workspace_role: input.workspace_role }));
}

function remove({ input, state }: BehaviourRequest) {
  const ws = requireWritableWorkspace(state, input.workspace_id);
  refuseDefault(ws);
  const user = requireUser(state, input.user_id);
  if (user.role === "admin") {
    throw invalidRequest(`User ${user.id} is an organization admin and cannot be removed from a workspace.`);
  }
  // Reference §10.5: billing members cannot be removed while they hold the org role, raised or not.
  // Deleting a raised row would silently demote them to workspace_billing, which no call may do.
  if (user.role === "billing") {
    throw invalidRequest(
      `User ${user.id} is an organization billing member and cannot be removed from a workspace while they hold the billing role; change their organization role first.`,
    );
  }
  const row = state.members.get(key(ws.id, user.id));
  if (!row) throw notFound(`User ${user.id} is not a member of workspace ${ws.id}.`);
  state.members.remove(key(ws.id, user.id));
  return { type: "workspace_member_deleted", user_id: user.id, workspace_id: ws.id };
}

export const workspaceMembersBehaviours: Behaviours = {
  ANTHROPIC_ADMINISTRATOR_ADD_WORKSPACE_MEMBER: add,
  ANTHROPIC_ADMINISTRATOR_LIST_WORKSPACE_MEMBERS: list,
  ANTHROPIC_ADMINISTRATOR_GET_WORKSPACE_MEMBER: get,
  ANTHROPIC_ADMINISTRATOR_UPDATE_WORKSPACE_MEMBER: update,
  ANTHROPIC_ADMINISTRATOR_REMOVE_WORKSPACE_MEMBER: remove,
};
